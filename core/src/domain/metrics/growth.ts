import type { GroupDay } from '../rollups.ts';

/** Joins and leaves of one calendar month (UTC), "YYYY-MM". */
export interface MonthOfMembers {
  readonly month: string;
  readonly joined: number;
  readonly left: number;
  /** Net growth: joined − left. */
  readonly net: number;
}

/** New and lost members per calendar month, from the group days given (months without a day are absent), in order. */
export function membersByMonth(days: readonly Pick<GroupDay, 'day' | 'joins' | 'leaves'>[]): MonthOfMembers[] {
  const months = new Map<string, { joined: number; left: number }>();
  for (const { day, joins, leaves } of days) {
    const month = day.slice(0, 7);
    const totals = months.get(month) ?? { joined: 0, left: 0 };
    months.set(month, { joined: totals.joined + joins, left: totals.left + leaves });
  }
  return [...months]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, { joined, left }]) => ({ month, joined, left, net: joined - left }));
}

/**
 * Net growth over a period as a share of the members at its start (members at its end less the
 * net growth), or of one member when it started empty. Null for a group that had and has nobody.
 */
export function growthRate(membersAtEnd: number, joined: number, left: number): number | null {
  const net = joined - left;
  if (membersAtEnd === 0 && joined === 0 && left === 0) return null;
  return net / Math.max(1, membersAtEnd - net);
}
