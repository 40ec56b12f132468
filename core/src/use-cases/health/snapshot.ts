import { dayEnd, shiftDay } from '../../domain/days.ts';
import { type Group, isActive } from '../../domain/group.ts';
import { utcDay } from '../../domain/rollups.ts';
import type { Tenant } from '../../domain/tenant.ts';
import type { CoreDeps } from '../deps.ts';
import { measureGroups, momentOf } from './measure.ts';

/** Days measured back from today on a tenant's first snapshot (never before the tenant was installed). */
export const SNAPSHOT_HISTORY_DAYS = 90;

export interface SnapshotBudget {
  /**
   * A run starts no new day after this long: agenda takes a job locked for over a minute for dead,
   * and a day of 10,000 groups takes 12–20 s (bench:dashboard).
   */
  readonly ms: number;
  /** Days measured per run at most, over all tenants. */
  readonly days: number;
  /** Groups measured per round of reads and writes. */
  readonly groupsPerRound: number;
}

export const SNAPSHOT_BUDGET: SnapshotBudget = { ms: 20_000, days: 120, groupsPerRound: 1_000 };

export interface SnapshotOutcome {
  /** Days measured, of every tenant. */
  readonly days: number;
  /** Rows written. */
  readonly rows: number;
  /** Whether days were left for the next run (the budget ran out). */
  readonly unfinished: boolean;
}

/**
 * The health snapshot job: each tenant's rows of today (refreshed at every run, so the cross-group
 * table is minutes old at most), then every day of the last 90 not yet final, newest first; one
 * tenant's history never holds up another's today. A day is written round by round of groups,
 * each row replacing the group's row of that day, and marked once all are written: a run that dies
 * or runs out of budget leaves the day to the next run, and a day measured twice is the same day.
 */
export async function takeHealthSnapshots(
  deps: CoreDeps,
  budget: SnapshotBudget = SNAPSHOT_BUDGET,
): Promise<SnapshotOutcome> {
  const { store, clock } = deps;
  const started = clock.now().getTime();
  const plans = await Promise.all(
    (await store.tenants.list()).map(async (tenant) => ({
      tenant,
      groups: (await store.groups.list(tenant.id)).filter(isActive),
      days: await daysToMeasure(deps, tenant),
    })),
  );
  const todo = [
    ...plans.map((plan) => ({ plan, day: plan.days[0]! })),
    ...plans.flatMap((plan) => plan.days.slice(1).map((day) => ({ plan, day }))),
  ];
  let days = 0;
  let rows = 0;
  for (const { plan, day } of todo) {
    if (days >= budget.days || clock.now().getTime() - started >= budget.ms) return { days, rows, unfinished: true };
    rows += await snapshotDay(deps, plan.tenant, plan.groups, day, budget.groupsPerRound);
    days += 1;
  }
  return { days, rows, unfinished: false };
}

/** Today, then the days of the history not final yet, newest first. */
async function daysToMeasure(deps: CoreDeps, tenant: Tenant): Promise<string[]> {
  const today = utcDay(deps.clock.now());
  const installed = utcDay(tenant.createdAt);
  const from = shiftDay(today, -SNAPSHOT_HISTORY_DAYS);
  const first = installed > from ? installed : from;
  const final = new Set(
    (await deps.store.healthSnapshots.days(tenant.id, { from: first, to: today }))
      .filter((d) => d.final)
      .map((d) => d.day),
  );
  const days = [today];
  for (let day = shiftDay(today, -1); day >= first; day = shiftDay(day, -1)) if (!final.has(day)) days.push(day);
  return days;
}

/** Measures and writes every group's row of the day (groups created after it have none), then marks it. */
async function snapshotDay(
  deps: CoreDeps,
  tenant: Tenant,
  groups: readonly Group[],
  day: string,
  perRound: number,
): Promise<number> {
  const now = deps.clock.now();
  const moment = momentOf(day, now);
  const existing = groups.filter((g) => g.createdAt < dayEnd(day));
  for (let start = 0; start < existing.length; start += perRound) {
    const rows = await measureGroups(deps, tenant, existing.slice(start, start + perRound), moment);
    await deps.store.healthSnapshots.save(tenant.id, rows);
  }
  await deps.store.healthSnapshots.markDay(tenant.id, {
    day,
    final: moment.at.getTime() === dayEnd(day).getTime(),
    measuredAt: moment.at,
    groups: existing.length,
  });
  return existing.length;
}
