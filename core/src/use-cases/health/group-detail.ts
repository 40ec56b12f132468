import { type ContentItem, type ContentKind, dueSince, isDueForReview } from '../../domain/content-item.ts';
import { CONTRIBUTION_WEIGHTS, CONTRIBUTIONS } from '../../domain/contribution.ts';
import { type DayRange, dayStart, daysIn, daysOf, validatePeriod } from '../../domain/days.ts';
import type { Group } from '../../domain/group.ts';
import type { GroupHealthDay } from '../../domain/group-health.ts';
import { isId } from '../../domain/ids.ts';
import { isoWeekOf } from '../../domain/iso-week.ts';
import type { MembershipRequest } from '../../domain/membership-request.ts';
import { activeRatio, ENGAGED_KINDS, isIdle, MONTHLY_ACTIVE, WEEKLY_ACTIVE } from '../../domain/metrics/activity.ts';
import { type ContentFreshness, contentFreshness } from '../../domain/metrics/content.ts';
import {
  contributionCount,
  contributorAbsenceFactor,
  contributorRanges,
  type RankedContributor,
  topContributors,
} from '../../domain/metrics/contributors.ts';
import {
  type EngagementLevel,
  engagementLevel,
  engagementLevels,
  PRESENCE_WINDOWS,
} from '../../domain/metrics/engagement.ts';
import { type MonthOfMembers, membersByMonth } from '../../domain/metrics/growth.ts';
import {
  OWNER_ENGAGEMENT_WEEKS,
  type OwnerEngagement,
  type OwnershipCoverage,
  ownerEngagement,
  ownershipCoverage,
  weeksBefore,
} from '../../domain/metrics/owners.ts';
import {
  type OpenQuestion,
  openQuestions,
  type TimeToFirstResponse,
  timeToFirstResponse,
} from '../../domain/metrics/questions.ts';
import { type GroupDay, utcDay } from '../../domain/rollups.ts';
import { HOUR_MS } from '../../domain/zoned-time.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import type { CoreDeps } from '../deps.ts';
import { activeOwnersOf } from '../groups/active-owners.ts';
import { measureGroups, momentOf } from './measure.ts';

/** How many top contributors a group's page lists. */
export const TOP_CONTRIBUTORS = 10;
/** How many pending requests, and content items due, a group's page lists at most; each list says its total. */
export const GROUP_PAGE_LIST_LIMIT = 200;

/** One day of a group's page: its snapshot row (null on a day not measured) and its activity. */
export interface GroupDayPoint {
  readonly day: string;
  readonly health: GroupHealthDay | null;
  readonly activity: Omit<GroupDay, 'groupId' | 'day'>;
}

/** A person a group's page names; `displayName` is null for an id with no person on record. */
export interface NamedPerson {
  readonly displayName: string | null;
}

export interface GroupDetail {
  readonly group: Group;
  readonly period: DayRange;
  /** Measured now, from the rollups. */
  readonly now: GroupHealthDay;
  /** Every day of the period, oldest first. */
  readonly series: readonly GroupDayPoint[];
  /** At the end of the period. */
  readonly members: {
    readonly members: number;
    readonly weeklyActive: number;
    readonly monthlyActive: number;
    readonly activeRatio: number | null;
    /** Fewer than 5% of the members reacted or replied in the period. */
    readonly idle: boolean;
    /** New and lost members in each calendar month the period touches (up to its last day). */
    readonly byMonth: readonly MonthOfMembers[];
  };
  readonly contributors: {
    readonly new: number;
    readonly inactive: number;
    readonly absenceFactor: number;
    /** Current members at each level at the end of the period. */
    readonly levels: Readonly<Record<EngagementLevel, number>>;
    /** Current members above observers, highest level first, then by contributions in the period. */
    readonly engaged: readonly {
      readonly personId: string;
      readonly level: EngagementLevel;
      readonly contributions: number;
    }[];
    readonly top: readonly (RankedContributor & NamedPerson)[];
  };
  /** Of the questions asked in the period, as known at its end. */
  readonly questions: TimeToFirstResponse & {
    readonly asked: number;
    readonly open: readonly (OpenQuestion & { readonly askerName: string | null })[];
  };
  readonly content: ContentFreshness;
  /** The group's pending membership requests, oldest first (at most GROUP_PAGE_LIST_LIMIT of `total`). */
  readonly pendingRequests: {
    readonly total: number;
    readonly rows: readonly {
      readonly requestId: string;
      readonly requesterId: string;
      readonly requesterName: string | null;
      readonly requestedAt: Date;
      /** Whole hours the request has waited, now. */
      readonly waitingHours: number;
    }[];
  };
  /** Active items due for review or flagged outdated at the end of the period, longest due first (capped as above). */
  readonly contentDue: {
    readonly total: number;
    readonly rows: readonly {
      readonly itemId: string;
      readonly title: string;
      readonly kind: ContentKind;
      readonly link: string | null;
      readonly dueSince: Date;
      /** Null when the item is due by age alone. */
      readonly flag: { readonly byId: string; readonly byName: string | null; readonly at: Date } | null;
    }[];
  };
  readonly owners: {
    readonly ownerIds: readonly string[];
    readonly activeOwnerIds: readonly string[];
    readonly coverage: OwnershipCoverage;
    readonly engagement: OwnerEngagement;
  };
}

/** A period asked as two days (a query string's `from` and `to`, say). */
export interface PeriodRequest {
  readonly from: unknown;
  readonly to: unknown;
}

/**
 * A group's page: its health now, its daily series over the period (the snapshot's rows beside
 * the day's activity) and every figure of METRICS.md for the period, each from the rollups in a
 * read or two for this one group.
 */
export async function groupDetail(
  deps: CoreDeps,
  tenantId: string,
  groupId: string,
  request: PeriodRequest,
): Promise<Result<GroupDetail>> {
  const now = deps.clock.now();
  const period = validatePeriod(request, utcDay(now));
  if (!period.ok) return period;
  const [tenant, group] = await Promise.all([
    deps.store.tenants.get(tenantId),
    isId(groupId) ? deps.store.groups.get(tenantId, groupId) : null,
  ]);
  if (!tenant || !group) return fail(ErrorCode.NotFound, `group ${groupId} of tenant ${tenantId}`);
  const end = momentOf(period.value.to, now).at;
  const [[live], series, members, contributors, questions, content, owners, pending] = await Promise.all([
    measureGroups(deps, tenant, [group], momentOf(utcDay(now), now)),
    seriesOf(deps, group, period.value),
    membersOf(deps, group, period.value, now),
    contributorsOf(deps, group, period.value, now),
    questionsOf(deps, group, period.value, now),
    deps.store.contentItems.listByGroup(tenantId, groupId, 'active'),
    ownersOf(deps, group, end),
    deps.store.membershipRequests.listPending(tenantId, groupId),
  ]);
  const requests = pending.slice(0, GROUP_PAGE_LIST_LIMIT);
  const due = contentDueOf(content, group, end);
  const named = await namesOf(deps, tenantId, [
    ...contributors.top.map((c) => c.personId),
    ...questions.open.map((q) => q.askerId),
    ...requests.map((r) => r.requesterId),
    ...due.rows.flatMap((item) => (item.flag ? [item.flag.byId] : [])),
  ]);
  return ok({
    group,
    period: period.value,
    now: live!,
    series,
    members,
    contributors: { ...contributors, top: contributors.top.map((c) => ({ ...c, displayName: named(c.personId) })) },
    questions: { ...questions, open: questions.open.map((q) => ({ ...q, askerName: named(q.askerId) })) },
    content: contentFreshness(content, group.reviewIntervalDays, end),
    pendingRequests: { total: pending.length, rows: requests.map((r) => requestRow(r, named, now)) },
    contentDue: {
      total: due.total,
      rows: due.rows.map(({ flag, ...item }) => ({
        ...item,
        flag: flag ? { byId: flag.byId, byName: named(flag.byId), at: flag.at } : null,
      })),
    },
    owners,
  });
}

function requestRow(request: MembershipRequest, named: (personId: string) => string | null, now: Date) {
  return {
    requestId: request.id,
    requesterId: request.requesterId,
    requesterName: named(request.requesterId),
    requestedAt: request.requestedAt,
    waitingHours: Math.max(0, Math.floor((now.getTime() - request.requestedAt.getTime()) / HOUR_MS)),
  };
}

/** The items due at `at`, longest due first, capped; the same rule as the figure `content.due`. */
function contentDueOf(items: readonly ContentItem[], group: Group, at: Date) {
  const due = items
    .filter((item) => isDueForReview(item, group.reviewIntervalDays, at))
    .map((item) => ({
      itemId: item.id,
      title: item.title,
      kind: item.kind,
      link: item.link,
      dueSince: dueSince(item, group.reviewIntervalDays),
      flag: item.flag ?? null,
    }))
    .sort((a, b) => a.dueSince.getTime() - b.dueSince.getTime() || (a.itemId < b.itemId ? -1 : 1));
  return { total: due.length, rows: due.slice(0, GROUP_PAGE_LIST_LIMIT) };
}

/** The people a page names, read in one go: top contributors and askers, so the page shows names, not ids. */
async function namesOf(
  deps: CoreDeps,
  tenantId: string,
  personIds: readonly string[],
): Promise<(personId: string) => string | null> {
  const people = personIds.length === 0 ? [] : await deps.store.people.getMany(tenantId, [...new Set(personIds)]);
  const names = new Map(people.map((p) => [p.id, p.displayName]));
  return (personId) => names.get(personId) ?? null;
}

const NO_ACTIVITY = {
  joins: 0,
  leaves: 0,
  posts: 0,
  replies: 0,
  reactions: 0,
  files: 0,
  answers: 0,
  questionsAsked: 0,
  questionsAnswered: 0,
  distinctContributors: 0,
};

async function seriesOf(deps: CoreDeps, group: Group, period: DayRange): Promise<GroupDayPoint[]> {
  const [rows, days] = await Promise.all([
    deps.store.healthSnapshots.series(group.tenantId, group.id, period),
    deps.store.contributions.groupDays(group.tenantId, group.id, period),
  ]);
  const healthOf = new Map(rows.map((row) => [row.day, row]));
  const activityOf = new Map(days.map(({ groupId: _, day, ...activity }) => [day, activity]));
  return daysOf(period).map((day) => ({
    day,
    health: healthOf.get(day) ?? null,
    activity: activityOf.get(day) ?? NO_ACTIVITY,
  }));
}

async function membersOf(deps: CoreDeps, group: Group, period: DayRange, now: Date): Promise<GroupDetail['members']> {
  const { store } = deps;
  const at = momentOf(period.to, now).at;
  const months = { from: `${period.from.slice(0, 7)}-01`, to: period.to };
  const [[members = 0], [[weeklyActive = 0, monthlyActive = 0, engaged = 0] = []], days] = await Promise.all([
    store.metrics.memberCounts(group.tenantId, [group.id], at),
    store.metrics.activeMembers(group.tenantId, [group.id], period.to, [
      WEEKLY_ACTIVE,
      MONTHLY_ACTIVE,
      { days: daysIn(period), kinds: ENGAGED_KINDS },
    ]),
    store.contributions.groupDays(group.tenantId, group.id, months),
  ]);
  return {
    members,
    weeklyActive,
    monthlyActive,
    activeRatio: activeRatio(monthlyActive, members),
    idle: isIdle(engaged, members),
    byMonth: membersByMonth(days),
  };
}

async function contributorsOf(deps: CoreDeps, group: Group, period: DayRange, now: Date) {
  const { store } = deps;
  const [[counts], summaries, current] = await Promise.all([
    store.metrics.contributorCounts(group.tenantId, [group.id], contributorRanges(period, utcDay(now))),
    store.metrics.memberSummaries(group.tenantId, [group.id], period, {
      windows: PRESENCE_WINDOWS,
      kinds: CONTRIBUTIONS,
    }),
    store.memberships.listMembers(group.tenantId, group.id),
  ]);
  const members = new Set(current.map((m) => m.personId));
  const ofMembers = summaries.filter((s) => members.has(s.personId));
  const engaged = ofMembers
    .map((s) => ({
      personId: s.personId,
      level: engagementLevel(s.activeDays),
      contributions: contributionCount(s.counts),
    }))
    .filter((m) => m.level !== 'observer')
    .sort(
      (a, b) =>
        LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
        b.contributions - a.contributions ||
        (a.personId < b.personId ? -1 : 1),
    );
  return {
    new: counts?.first ?? 0,
    inactive: counts?.last ?? 0,
    absenceFactor: contributorAbsenceFactor(summaries.map((s) => contributionCount(s.counts))),
    levels: engagementLevels(
      members.size,
      ofMembers.map((s) => s.activeDays),
    ),
    engaged,
    top: topContributors(summaries, CONTRIBUTION_WEIGHTS, TOP_CONTRIBUTORS),
  };
}

const LEVEL_RANK: Readonly<Record<EngagementLevel, number>> = {
  observer: 0,
  participant: 1,
  contributor: 2,
  leader: 3,
};

async function questionsOf(deps: CoreDeps, group: Group, period: DayRange, now: Date) {
  const at = momentOf(period.to, now).at;
  const asked = await deps.store.metrics.listQuestions(group.tenantId, [group.id], dayStart(period.from), at);
  return { asked: asked.length, ...timeToFirstResponse(asked, at), open: openQuestions(asked, at) };
}

async function ownersOf(deps: CoreDeps, group: Group, at: Date): Promise<GroupDetail['owners']> {
  const active = await activeOwnersOf(deps, group);
  const week = isoWeekOf(at, 'UTC');
  const records = await deps.store.weeklyHours.listRecentByOwners(group.tenantId, active, week, OWNER_ENGAGEMENT_WEEKS);
  return {
    ownerIds: group.ownerIds,
    activeOwnerIds: active,
    coverage: ownershipCoverage(active.length),
    engagement: ownerEngagement(records, weeksBefore(week, OWNER_ENGAGEMENT_WEEKS)),
  };
}
