import { setTimeout as sleep } from 'node:timers/promises';
import {
  BACKFILL_DAYS,
  type BackfillDeps,
  type BackfillRun,
  backfillGroup,
  type ChatPlatform,
  DAY_MS,
  type Group,
  type HistoryReader,
  isActive,
  isBackfillDays,
  type Platform,
} from '@steward/core';
import { EXIT, type ExitCode, type RegisterCommand, UsageError } from '../command.ts';
import type { CliContext } from '../context.ts';
import { startProgress } from '../progress.ts';
import { tenantsOf } from '../tenants.ts';

interface BackfillOptions {
  readonly group?: string;
  readonly platform?: string;
  readonly tenant?: string;
  readonly days: string;
  readonly again?: boolean;
}

/**
 * `steward backfill`: contribution history from before the app was added, for a group, a platform
 * or everything, page by page into the rollups. Each group's place is saved after every page: Ctrl-C
 * (or a crash) loses nothing, and the same command goes on from there.
 */
export const registerBackfill: RegisterCommand = (program, run) => {
  program
    .command('backfill')
    .description('read contribution history from before the app was added (resumable: run it again to go on)')
    .option('--group <id>', 'only this group')
    .option('--platform <platform>', 'only the groups of this platform (slack or teams)')
    .option('--tenant <id>', 'only the groups of this tenant')
    .option(
      '--days <n>',
      `days before each group was added (${BACKFILL_DAYS.min}–${BACKFILL_DAYS.max})`,
      String(BACKFILL_DAYS.default),
    )
    .option('--again', 'read groups already backfilled once more (nothing is counted twice)')
    .action(
      run<BackfillOptions>(async (context, options) => {
        const days = Number(options.days);
        if (!isBackfillDays(days))
          throw new UsageError(`--days is a whole number from ${BACKFILL_DAYS.min} to ${BACKFILL_DAYS.max}`);
        const readers = historyReaders(await context.platforms());
        const groups = await groupsToBackfill(context, options, readers);
        return backfillAll(
          context,
          { ...context.deps, profiles: readers, readers },
          groups,
          days,
          options.again === true,
        );
      }),
    );
};

/** The configured platforms whose history can be read, by platform. */
function historyReaders(
  platforms: Partial<Record<Platform, ChatPlatform>>,
): Partial<Record<Platform, ChatPlatform & HistoryReader>> {
  const readers: Partial<Record<Platform, ChatPlatform & HistoryReader>> = {};
  for (const [platform, client] of Object.entries(platforms) as [Platform, ChatPlatform][]) {
    if ('readHistory' in client) readers[platform] = client as ChatPlatform & HistoryReader;
  }
  return readers;
}

/** The active groups the options name, on platforms configured here; refused when none is left. */
async function groupsToBackfill(
  context: CliContext,
  options: BackfillOptions,
  readers: Partial<Record<Platform, HistoryReader>>,
): Promise<Group[]> {
  if (options.platform !== undefined && options.platform !== 'slack' && options.platform !== 'teams')
    throw new UsageError(`--platform is slack or teams, not ${options.platform}`);
  const groups: Group[] = [];
  for (const tenant of await tenantsOf(context.store, options.tenant)) {
    for (const group of await context.store.groups.list(tenant.id)) {
      if (options.group !== undefined && group.id !== options.group) continue;
      if (options.platform !== undefined && group.platformRef.platform !== options.platform) continue;
      if (isActive(group)) groups.push(group);
    }
  }
  if (options.group !== undefined && groups.length === 0)
    throw new UsageError(`no active group ${options.group}${options.tenant ? ` in tenant ${options.tenant}` : ''}`);
  const unreadable = groups.filter((g) => !readers[g.platformRef.platform]).map((g) => g.platformRef.platform);
  if (unreadable.length > 0 && unreadable.length === groups.length)
    throw new UsageError(
      `${[...new Set(unreadable)].join(' and ')} is not configured here, or its history cannot be read`,
    );
  return groups.filter((g) => readers[g.platformRef.platform]);
}

/**
 * Backfills the groups one after the other (a platform's history limits are per workspace: reading
 * two of its channels at once goes no faster), with one bar over the days of history read.
 */
async function backfillAll(
  context: CliContext,
  deps: BackfillDeps,
  groups: readonly Group[],
  days: number,
  again: boolean,
): Promise<ExitCode> {
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  const progress = startProgress('backfill (days of history)', 0);
  let total = 0;
  let done = 0;
  let failed = 0;
  try {
    for (const group of groups) {
      if (interrupt.signal.aborted) break;
      let counted = 0;
      let started = false;
      const run = await backfillGroup(deps, group.tenantId, group.id, {
        days,
        again,
        signal: interrupt.signal,
        sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
        onWait: (ms, code) => context.logger.info({ group: group.id, waitMs: ms, code }, 'waiting on the platform'),
        onPage: (b) => {
          // The group's window joins the total at its first page; a resumed one counts what earlier runs read.
          if (!started) total += spanDays(b.since, b.until);
          started = true;
          const read = spanDays(b.readBackTo, b.until);
          done += read - counted;
          counted = read;
          progress.update(Math.round(done), Math.round(total));
        },
      });
      if (!run.ok) {
        failed += 1;
        context.print(JSON.stringify({ groupId: group.id, name: group.name, state: 'failed', reason: run.detail }));
        continue;
      }
      if (run.value.state === 'gave_up') failed += 1;
      context.print(JSON.stringify(summary(group, run.value)));
    }
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
  }
  if (interrupt.signal.aborted) {
    process.stderr.write('steward: interrupted; every page read is kept: run the same command to go on\n');
    return EXIT.interrupted;
  }
  return failed > 0 ? EXIT.problems : EXIT.ok;
}

function summary(group: Group, run: BackfillRun) {
  const b = run.backfill;
  return {
    groupId: group.id,
    name: group.name,
    state: run.state,
    ...(run.state === 'gave_up' ? { reason: run.reason } : {}),
    ...(b ? { since: b.since, until: b.until, pages: b.pages, found: b.found, recorded: b.recorded } : {}),
  };
}

const spanDays = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / DAY_MS);
