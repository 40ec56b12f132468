import { setTimeout as sleep } from 'node:timers/promises';
import {
  BACKFILL_DAYS,
  type BackfillDeps,
  type BackfillRun,
  backfillGroup,
  type ChatPlatform,
  DAY_MS,
  type Group,
  type GroupBackfill,
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
  const why = `${[...new Set(unreadable)].join(' and ')} is not configured here, or its history cannot be read`;
  if (unreadable.length > 0 && unreadable.length === groups.length) throw new UsageError(why);
  if (unreadable.length > 0) process.stderr.write(`steward: ${unreadable.length} groups left out: ${why}\n`);
  return groups.filter((g) => readers[g.platformRef.platform]);
}

/**
 * Backfills the groups one after the other (a platform's history limits are per workspace: reading
 * two of its channels at once goes no faster), with one bar over the days of history read. What
 * each group came to is printed once the bar is gone, so that the two never share a line.
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
  // Each group is reckoned at `days` until its first page tells its real window.
  const bar = new DaysBar(groups.length * days);
  const results: Record<string, unknown>[] = [];
  try {
    for (const group of groups) {
      if (interrupt.signal.aborted) break;
      const tally = bar.group(days);
      const run = await backfillGroup(deps, group.tenantId, group.id, {
        days,
        again,
        signal: interrupt.signal,
        sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
        onWait: (ms, code) => context.logger.info({ group: group.id, waitMs: ms, code }, 'waiting on the platform'),
        onPage: tally.page,
      });
      tally.end();
      results.push(
        run.ok
          ? summary(group, run.value)
          : { groupId: group.id, name: group.name, state: 'failed', reason: run.detail },
      );
    }
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
  }
  for (const result of results) context.print(JSON.stringify(result));
  if (interrupt.signal.aborted) {
    process.stderr.write('steward: interrupted; every page read is kept: run the same command to go on\n');
    return EXIT.interrupted;
  }
  return results.some((r) => r['state'] === 'failed' || r['state'] === 'gave_up') ? EXIT.problems : EXIT.ok;
}

/** The bar over the days of history: each group's estimate replaced by its window, and what is read of it. */
class DaysBar {
  readonly #progress;
  #total: number;
  #done = 0;

  constructor(estimate: number) {
    this.#total = estimate;
    this.#progress = startProgress('backfill: days of history read', estimate);
  }

  group(estimate: number) {
    let counted = 0;
    let reckoned = estimate;
    const show = () => this.#progress.update(Math.round(this.#done), Math.round(this.#total));
    return {
      page: (b: GroupBackfill) => {
        this.#total += spanDays(b.since, b.until) - reckoned;
        reckoned = spanDays(b.since, b.until);
        const read = spanDays(b.readBackTo, b.until);
        this.#done += read - counted;
        counted = read;
        show();
      },
      /** A group left unfinished (or with nothing to read) takes its unread days out of the total. */
      end: () => {
        this.#total -= reckoned - counted;
        show();
      },
    };
  }

  stop(): void {
    this.#progress.stop();
  }
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
