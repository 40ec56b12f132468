import { setRawEventRetention } from '@steward/core';
import { EXIT, type RegisterCommand, UsageError } from '../command.ts';

interface RetentionOptions {
  readonly tenant?: string;
  readonly months?: string;
}

/**
 * `steward retention`: how long each tenant keeps raw contribution events (rollups are kept for
 * good); `--months <n> --tenant <id>` changes it. The hourly job deletes what is older.
 */
export const registerRetention: RegisterCommand = (program, run) => {
  program
    .command('retention')
    .description('how many months each tenant keeps raw contribution events (figures come from rollups, kept for good)')
    .option('--months <n>', 'set the retention to this many months')
    .option('--tenant <id>', 'the tenant to set it for')
    .action(
      run<RetentionOptions>(async (context, options) => {
        if (options.months !== undefined) {
          if (!options.tenant) throw new UsageError('--months needs --tenant <id>');
          if (!(await context.store.tenants.get(options.tenant))) throw new UsageError(`no tenant ${options.tenant}`);
          const set = await setRawEventRetention(context.deps, options.tenant, Number(options.months));
          if (!set.ok) throw new UsageError(set.detail);
        }
        for (const { tenantId, months } of await context.store.privacy.rawEventRetentions()) {
          if (!options.tenant || options.tenant === tenantId) context.print(JSON.stringify({ tenantId, months }));
        }
        return EXIT.ok;
      }),
    );
};
