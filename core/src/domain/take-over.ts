import { shiftDay } from './days.ts';
import { contributionCount } from './metrics/contributors.ts';
import { ENGAGEMENT_LEVELS, type EngagementLevel, engagementLevel, PRESENCE_WINDOWS } from './metrics/engagement.ts';
import type { MemberDay } from './rollups.ts';
import { DAY_MS } from './zoned-time.ts';

/** How many of an ownerless group's members are asked at once to take it over. */
export const TAKE_OVER_CANDIDATES = 3;

/** How long the members asked have to accept before the community managers are told nobody did. */
export const TAKE_OVER_OFFER_DAYS = 7;
export const TAKE_OVER_OFFER_MS = TAKE_OVER_OFFER_DAYS * DAY_MS;

/** The days of activity the pick looks back on: the longest engagement window (90). */
export const TAKE_OVER_LOOKBACK_DAYS = Math.max(...PRESENCE_WINDOWS);

/** Ties between members of the same level are broken by their contributions over this many days. */
export const TAKE_OVER_TIE_BREAK_DAYS = 30;

export const OFFER_STATUSES = ['open', 'taken', 'expired'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const OFFER_ANSWERS = ['accepted', 'declined'] as const;
export type OfferAnswer = (typeof OFFER_ANSWERS)[number];

/** A member asked to take over, and what they answered. */
export interface OfferCandidate {
  readonly personId: string;
  readonly answer: OfferAnswer | null;
  readonly answeredAt: Date | null;
}

/**
 * An ownerless group offered to its most active members. One offer is open per group at a time;
 * the first candidate to accept takes it (`takenBy`), or it expires and the managers are told.
 */
export interface OwnershipOffer {
  readonly tenantId: string;
  readonly id: string;
  readonly groupId: string;
  readonly status: OfferStatus;
  readonly openedAt: Date;
  /** Accepting is possible until then, excluded. */
  readonly expiresAt: Date;
  readonly takenBy: string | null;
  /** When it was taken or expired. */
  readonly closedAt: Date | null;
  /** In the order they were picked, most active first. */
  readonly candidates: readonly OfferCandidate[];
}

export interface RankedMember {
  readonly personId: string;
  readonly level: Exclude<EngagementLevel, 'observer'>;
  /** Contributions over the last TAKE_OVER_TIE_BREAK_DAYS days. */
  readonly recentContributions: number;
}

/**
 * The members to ask to take over an ownerless group, most active first (METRICS.md levels:
 * leader, then contributor, then participant; ties by contributions in the last 30 days, then by
 * id so the pick is stable). Observers are never asked. `memberDays` are the group's member days
 * over the last TAKE_OVER_LOOKBACK_DAYS days up to `today` (UTC); `eligible` leaves out those who
 * cannot be asked (not a current member, deactivated, a former owner).
 */
export function pickTakeOverCandidates(
  memberDays: readonly MemberDay[],
  today: string,
  eligible: (personId: string) => boolean,
  limit: number = TAKE_OVER_CANDIDATES,
): RankedMember[] {
  const starts = PRESENCE_WINDOWS.map((days) => shiftDay(today, -(days - 1)));
  const tieBreakFrom = shiftDay(today, -(TAKE_OVER_TIE_BREAK_DAYS - 1));
  const byPerson = new Map<string, { activeDays: number[]; recent: number }>();
  for (const day of memberDays) {
    const count = contributionCount(day);
    if (count === 0 || day.day > today || !eligible(day.personId)) continue;
    const member = byPerson.get(day.personId) ?? { activeDays: PRESENCE_WINDOWS.map(() => 0), recent: 0 };
    starts.forEach((start, i) => {
      if (day.day >= start) member.activeDays[i]! += 1;
    });
    if (day.day >= tieBreakFrom) member.recent += count;
    byPerson.set(day.personId, member);
  }
  const ranked: RankedMember[] = [];
  for (const [personId, { activeDays, recent }] of byPerson) {
    const level = engagementLevel(activeDays);
    if (level !== 'observer') ranked.push({ personId, level, recentContributions: recent });
  }
  const rank = (level: EngagementLevel) => ENGAGEMENT_LEVELS.indexOf(level);
  return ranked
    .sort(
      (a, b) =>
        rank(b.level) - rank(a.level) ||
        b.recentContributions - a.recentContributions ||
        (a.personId < b.personId ? -1 : 1),
    )
    .slice(0, limit);
}
