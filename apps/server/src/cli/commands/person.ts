import { ErrorCode, erasePerson, exportPerson, type Failure } from '@steward/core';
import { EXIT, type ExitCode, type RegisterCommand, UsageError } from '../command.ts';

interface PersonOptions {
  readonly tenant?: string;
}

interface EraseOptions extends PersonOptions {
  readonly yes?: boolean;
}

/** A person not found is a problem found (1); a bad address, or one in several tenants, is bad usage (2). */
function failed(failure: Failure): ExitCode {
  if (failure.code === ErrorCode.NotFound) {
    console.error(`steward: ${failure.detail}`);
    return EXIT.problems;
  }
  const hint = failure.code === ErrorCode.Conflict ? ' (choose one with --tenant <id>)' : '';
  throw new UsageError(`${failure.detail}${hint}`);
}

/** `steward export person <e-mail>`: everything stored about them, as JSON on standard output. */
export const registerExportPerson: RegisterCommand = (program, run) => {
  program
    .command('export')
    .description('export what is stored')
    .command('person')
    .description(
      'everything stored about a person (profile, identities, memberships, requests, contributions, audit, sessions…) as JSON',
    )
    .argument('<e-mail>', "the person's e-mail address")
    .option('--tenant <id>', 'the tenant, when the e-mail is known in several')
    .action(
      run<PersonOptions>(async (context, options, [email]) => {
        const exported = await exportPerson(context.deps, email ?? '', options.tenant);
        if (!exported.ok) return failed(exported);
        context.print(JSON.stringify(exported.value, null, 2));
        return EXIT.ok;
      }),
    );
};

/** `steward erase person <e-mail> --yes`: the profile and identities go; group figures stay. */
export const registerErasePerson: RegisterCommand = (program, run) => {
  program
    .command('erase')
    .description('erase what is stored')
    .command('person')
    .description(
      "remove a person's profile and identities; their contributions stay as anonymous counts, so group figures do not change (audited)",
    )
    .argument('<e-mail>', "the person's e-mail address")
    .option('--tenant <id>', 'the tenant, when the e-mail is known in several')
    .option('--yes', 'really erase: it cannot be undone')
    .action(
      run<EraseOptions>(async (context, options, [email]) => {
        if (!options.yes)
          throw new UsageError(
            'erasing cannot be undone: add --yes to erase (export the person first if they asked for their data)',
          );
        const erased = await erasePerson(context.deps, email ?? '', options.tenant);
        if (!erased.ok) return failed(erased);
        context.print(JSON.stringify({ erased: true, ...erased.value }));
        return EXIT.ok;
      }),
    );
};
