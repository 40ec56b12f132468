import { CONTRIBUTIONS, type ContributionKind } from '../../../domain/contribution.ts';
import { type DayRange, windowEnding } from '../../../domain/days.ts';
import type { ActivityWindow } from '../../../domain/metrics/activity.ts';
import { RESPONSE_STANDINGS, type ResponseTally } from '../../../domain/metrics/questions.ts';
import { KIND_COUNTERS, type Question } from '../../../domain/rollups.ts';
import type {
  ContributorCounts,
  ContributorRanges,
  GroupTotals,
  MemberCount,
  MemberSummary,
  MetricsRepository,
  PresenceQuery,
  ResponseTarget,
} from '../../../ports/store/metrics.ts';
import { countsAny, weighed } from '../kinds.ts';
import type { Collections, QuestionDocument } from '../models.ts';

const COUNTERS = CONTRIBUTIONS.map((kind) => KIND_COUNTERS[kind]);
const GROUP_COUNTERS = [
  'joins',
  'leaves',
  ...COUNTERS,
  'questionsAsked',
  'questionsAnswered',
  'distinctContributors',
] as const;
const OPTIONS = { allowDiskUse: true };

/** 1 when the condition holds, else 0: what a $sum counts. */
const one = (condition: unknown) => ({ $cond: [condition, 1, 0] });
const within = (field: string, range: DayRange) => ({
  $and: [{ $gte: [field, range.from] }, { $lte: [field, range.to] }],
});

/** The answer of each group asked about, in the order asked, `empty` for a group without one. */
function inOrder<T>(groupIds: readonly string[], found: ReadonlyMap<string, T>, empty: (groupId: string) => T): T[] {
  return groupIds.map((groupId) => found.get(groupId) ?? empty(groupId));
}

/** Rows by group in the order asked, keeping each group's own order. */
function byGroupOrder<T extends { groupId: string }>(groupIds: readonly string[], rows: readonly T[]): T[] {
  const position = new Map(groupIds.map((id, index) => [id, index]));
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => position.get(a.row.groupId)! - position.get(b.row.groupId)! || a.index - b.index)
    .map(({ row }) => row);
}

/** The day each window starts, and the earliest of them. */
function windowStarts(day: string, lengths: readonly number[]): { starts: string[]; earliest: string } {
  const starts = lengths.map((days) => windowEnding(day, days).from);
  return { starts, earliest: starts.reduce((a, b) => (b < a ? b : a), day) };
}

const toQuestion = (doc: QuestionDocument): Question => ({
  groupId: doc.groupId,
  threadId: doc.threadId,
  askerId: doc.askerId,
  askedAt: doc.askedAt,
  firstResponseAt: doc.firstResponseAt,
});

/** The dashboards' reads, with the semantics of the PostgreSQL store, as aggregation pipelines. */
export class MongoMetrics implements MetricsRepository {
  readonly #c: Pick<Collections, 'memberships' | 'memberDays' | 'groupDays' | 'contributorSpans' | 'questions'>;
  constructor(
    collections: Pick<Collections, 'memberships' | 'memberDays' | 'groupDays' | 'contributorSpans' | 'questions'>,
  ) {
    this.#c = collections;
  }

  async memberCounts(tenantId: string, groupIds: readonly string[], at: Date): Promise<number[]> {
    if (groupIds.length === 0) return [];
    const counts = await this.#c.memberships
      .aggregate<{ _id: string; n: number }>(
        [
          {
            $match: {
              tenantId,
              groupId: { $in: [...groupIds] },
              joinedAt: { $lt: at },
              $or: [{ leftAt: null }, { leftAt: { $gte: at } }],
            },
          },
          { $group: { _id: '$groupId', n: { $sum: 1 } } },
        ],
        OPTIONS,
      )
      .toArray();
    return inOrder(groupIds, new Map(counts.map((c) => [c._id, c.n])), () => 0);
  }

  async activeMembers(
    tenantId: string,
    groupIds: readonly string[],
    day: string,
    windows: readonly ActivityWindow[],
  ): Promise<number[][]> {
    if (groupIds.length === 0 || windows.length === 0) return groupIds.map(() => []);
    const { starts, earliest } = windowStarts(
      day,
      windows.map((w) => w.days),
    );
    const each = windows.map((window, w) => ({ window, w, start: starts[w]! }));
    const counts = await this.#c.memberDays
      .aggregate<{ _id: string; counts: number[] }>(
        [
          { $match: { tenantId, groupId: { $in: [...groupIds] }, day: { $gte: earliest, $lte: day } } },
          {
            $group: {
              _id: { groupId: '$groupId', personId: '$personId' },
              // $max passes over the nulls: a member's last day counting the window's kinds.
              ...Object.fromEntries(
                each.map(({ window, w }) => [`last${w}`, { $max: { $cond: [countsAny(window.kinds), '$day', null] } }]),
              ),
            },
          },
          {
            $group: {
              _id: '$_id.groupId',
              ...Object.fromEntries(
                each.map(({ w, start }) => [`c${w}`, { $sum: one({ $gte: [`$last${w}`, start] }) }]),
              ),
            },
          },
          { $project: { counts: each.map(({ w }) => `$c${w}`) } },
        ],
        OPTIONS,
      )
      .toArray();
    return inOrder(groupIds, new Map(counts.map((c) => [c._id, c.counts])), () => windows.map(() => 0));
  }

  async groupTotals(tenantId: string, groupIds: readonly string[], range: DayRange): Promise<GroupTotals[]> {
    if (groupIds.length === 0) return [];
    const totals = await this.#c.groupDays
      .aggregate<GroupTotals>(
        [
          { $match: { tenantId, groupId: { $in: [...groupIds] }, day: { $gte: range.from, $lte: range.to } } },
          { $group: { _id: '$groupId', ...Object.fromEntries(GROUP_COUNTERS.map((c) => [c, { $sum: `$${c}` }])) } },
          { $project: { _id: 0, groupId: '$_id', ...Object.fromEntries(GROUP_COUNTERS.map((c) => [c, 1])) } },
        ],
        OPTIONS,
      )
      .toArray();
    const zeros = Object.fromEntries(GROUP_COUNTERS.map((c) => [c, 0])) as Omit<GroupTotals, 'groupId'>;
    return inOrder(groupIds, new Map(totals.map((t) => [t.groupId, t])), (groupId) => ({ groupId, ...zeros }));
  }

  async contributorCounts(
    tenantId: string,
    groupIds: readonly string[],
    ranges: ContributorRanges,
  ): Promise<ContributorCounts[]> {
    if (groupIds.length === 0) return [];
    const counts = await this.#c.contributorSpans
      .aggregate<ContributorCounts>(
        [
          { $match: { tenantId, groupId: { $in: [...groupIds] } } },
          {
            $group: {
              _id: '$groupId',
              first: { $sum: one(within('$firstDay', ranges.firstIn)) },
              last: { $sum: one(within('$lastDay', ranges.lastIn)) },
            },
          },
          { $project: { _id: 0, groupId: '$_id', first: 1, last: 1 } },
        ],
        OPTIONS,
      )
      .toArray();
    return inOrder(groupIds, new Map(counts.map((c) => [c.groupId, c])), (groupId) => ({ groupId, first: 0, last: 0 }));
  }

  async memberSummaries(
    tenantId: string,
    groupIds: readonly string[],
    range: DayRange,
    presence: PresenceQuery,
  ): Promise<MemberSummary[]> {
    if (groupIds.length === 0) return [];
    const { starts, earliest } = windowStarts(range.to, presence.windows);
    const counted = countsAny(presence.kinds);
    const rows = await this.#c.memberDays
      .aggregate<{ _id: { groupId: string; personId: string } } & Record<string, number>>(
        [
          {
            $match: {
              tenantId,
              groupId: { $in: [...groupIds] },
              day: { $gte: earliest < range.from ? earliest : range.from, $lte: range.to },
            },
          },
          {
            $group: {
              _id: { groupId: '$groupId', personId: '$personId' },
              ...Object.fromEntries(
                COUNTERS.map((c) => [c, { $sum: { $cond: [{ $gte: ['$day', range.from] }, `$${c}`, 0] } }]),
              ),
              ...Object.fromEntries(
                starts.map((start, w) => [`days${w}`, { $sum: one({ $and: [{ $gte: ['$day', start] }, counted] }) }]),
              ),
            },
          },
          { $sort: { '_id.groupId': 1, '_id.personId': 1 } },
        ],
        OPTIONS,
      )
      .toArray();
    const summaries = rows.map((row) => ({
      groupId: row._id.groupId,
      personId: row._id.personId,
      counts: Object.fromEntries(COUNTERS.map((c) => [c, row[c]])) as unknown as MemberSummary['counts'],
      activeDays: starts.map((_, w) => row[`days${w}`]!),
    }));
    return byGroupOrder(groupIds, summaries);
  }

  async responseTallies(
    tenantId: string,
    groups: readonly ResponseTarget[],
    since: Date,
    at: Date,
  ): Promise<ResponseTally[]> {
    if (groups.length === 0) return [];
    const ids = groups.map((g) => g.groupId);
    const tallies = await this.#c.questions
      .aggregate<{ _id: string } & ResponseTally>(
        [
          { $match: { tenantId, groupId: { $in: ids }, askedAt: { $gte: since, $lt: at } } },
          // A response known at `at` is one before it.
          {
            $group: {
              _id: '$groupId',
              questions: {
                $push: {
                  answered: {
                    $and: [{ $ne: [{ $ifNull: ['$firstResponseAt', null] }, null] }, { $lt: ['$firstResponseAt', at] }],
                  },
                  wait: { $subtract: ['$firstResponseAt', '$askedAt'] },
                  age: { $subtract: [at, '$askedAt'] },
                },
              },
            },
          },
          // Each group's own target, looked up once per group rather than once per question.
          { $set: { target: { $arrayElemAt: [groups.map((g) => g.targetMs), { $indexOfArray: [ids, '$_id'] }] } } },
          {
            $project: {
              within: {
                $size: {
                  $filter: {
                    input: '$questions',
                    cond: { $and: ['$$this.answered', { $lte: ['$$this.wait', '$target'] }] },
                  },
                },
              },
              late: {
                $size: {
                  $filter: {
                    input: '$questions',
                    cond: { $and: ['$$this.answered', { $gt: ['$$this.wait', '$target'] }] },
                  },
                },
              },
              waiting: {
                $size: {
                  $filter: {
                    input: '$questions',
                    cond: { $and: [{ $not: ['$$this.answered'] }, { $gt: ['$$this.age', '$target'] }] },
                  },
                },
              },
              pending: {
                $size: {
                  $filter: {
                    input: '$questions',
                    cond: { $and: [{ $not: ['$$this.answered'] }, { $lte: ['$$this.age', '$target'] }] },
                  },
                },
              },
            },
          },
        ],
        OPTIONS,
      )
      .toArray();
    const empty = Object.fromEntries(RESPONSE_STANDINGS.map((s) => [s, 0])) as ResponseTally;
    return inOrder(ids, new Map(tallies.map(({ _id, ...tally }) => [_id, tally])), () => empty);
  }

  async listQuestions(tenantId: string, groupIds: readonly string[], since: Date, until: Date): Promise<Question[]> {
    if (groupIds.length === 0) return [];
    const docs = await this.#c.questions
      .find({ tenantId, groupId: { $in: [...groupIds] }, askedAt: { $gte: since, $lt: until } })
      .sort({ askedAt: 1, threadId: 1 })
      .toArray();
    return byGroupOrder(groupIds, docs.map(toQuestion));
  }

  async listOpenQuestions(tenantId: string, groupIds: readonly string[]): Promise<Question[]> {
    if (groupIds.length === 0) return [];
    const docs = await this.#c.questions
      .find({ tenantId, groupId: { $in: [...groupIds] }, firstResponseAt: null })
      .sort({ askedAt: 1, threadId: 1 })
      .toArray();
    return byGroupOrder(groupIds, docs.map(toQuestion));
  }

  async topMembers(
    tenantId: string,
    groupIds: readonly string[],
    range: DayRange,
    kinds: readonly ContributionKind[],
    limit: number,
  ): Promise<MemberCount[]> {
    if (groupIds.length === 0 || limit <= 0) return [];
    const rows = await this.#c.memberDays
      .aggregate<{ _id: string; top: { personId: string; count: number }[] }>(
        [
          { $match: { tenantId, groupId: { $in: [...groupIds] }, day: { $gte: range.from, $lte: range.to } } },
          {
            $group: {
              _id: { groupId: '$groupId', personId: '$personId' },
              count: { $sum: weighed(Object.fromEntries(kinds.map((kind) => [kind, 1]))) },
            },
          },
          { $match: { count: { $gt: 0 } } },
          {
            $group: {
              _id: '$_id.groupId',
              top: {
                $topN: {
                  n: limit,
                  sortBy: { count: -1, '_id.personId': 1 },
                  output: { personId: '$_id.personId', count: '$count' },
                },
              },
            },
          },
        ],
        OPTIONS,
      )
      .toArray();
    const found = new Map(
      rows.map((row) => [row._id, row.top.map((t) => ({ groupId: row._id, personId: t.personId, count: t.count }))]),
    );
    return inOrder(groupIds, found, () => []).flat();
  }
}
