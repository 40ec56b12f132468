import { CONTRIBUTIONS, type ContributionEvent, isContribution } from '../../../domain/contribution.ts';
import { type DayRange, dayEnd, dayStart } from '../../../domain/days.ts';
import type { Platform } from '../../../domain/platform.ts';
import { isResponse } from '../../../domain/question.ts';
import {
  type ContributorSpan,
  type GroupDay,
  KIND_COUNTERS,
  type MemberDay,
  type Question,
  utcDay,
} from '../../../domain/rollups.ts';
import type {
  ContributionRepository,
  GroupWeek,
  GroupWeekQuery,
  GroupWeekWindow,
  IngestResult,
  Listed,
} from '../../../ports/store/contributions.ts';
import { groupWeekBounds } from '../../group-week.ts';
import { onlyDuplicates, upsertAll } from '../duplicate-key.ts';
import { weighed } from '../kinds.ts';
import type { Collections, QuestionDocument } from '../models.ts';

const GROUP_COUNTERS = [
  'joins',
  'leaves',
  'posts',
  'replies',
  'reactions',
  'files',
  'answers',
  'questionsAsked',
  'questionsAnswered',
  'distinctContributors',
] as const;
type GroupCounts = Record<(typeof GROUP_COUNTERS)[number], number>;

const MEMBER_COUNTERS = CONTRIBUTIONS.map((kind) => KIND_COUNTERS[kind]);
type MemberCounts = Record<(typeof MEMBER_COUNTERS)[number], number>;

function counts<K extends string>(counters: readonly K[]): Record<K, number> {
  return Object.fromEntries(counters.map((counter) => [counter, 0])) as Record<K, number>;
}

const keyOf = (...parts: string[]) => JSON.stringify(parts);

function entry<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** The documents of each group, in the order given. */
function byGroup<D extends { groupId: string }>(docs: readonly D[]): Map<string, D[]> {
  const map = new Map<string, D[]>();
  for (const doc of docs) entry(map, doc.groupId, () => []).push(doc);
  return map;
}

function listed<D, T>(docs: readonly D[] | undefined, limit: number, item: (doc: D) => T): Listed<T> {
  return { items: (docs ?? []).slice(0, limit).map(item), total: docs?.length ?? 0 };
}

/** The earliest reply or answer by someone other than the asker, at or after the question. */
function firstResponseAt(question: QuestionDocument, responses: readonly ContributionEvent[]): Date | null {
  let first: Date | null = null;
  for (const response of responses) {
    if (response.personId === question.askerId || response.occurredAt.getTime() < question.askedAt.getTime()) continue;
    if (first === null || response.occurredAt.getTime() < first.getTime()) first = response.occurredAt;
  }
  return first;
}

/**
 * Events, and the rollups the dashboards read instead of them, with the semantics of the PostgreSQL
 * store. A standalone server has no transactions, so a batch is several writes: the unique key on
 * the events decides which are new, and only those are folded into the rollups, with upserts that
 * are each atomic and exact under concurrency. The window left: a process that dies after storing
 * events and before folding them in leaves them out of the rollups (the events themselves are kept).
 * First responses are repaired by any later delivery, since every response of a batch counts.
 */
export class MongoContributions implements ContributionRepository {
  readonly #events: Collections['contributionEvents'];
  readonly #groupDays: Collections['groupDays'];
  readonly #memberDays: Collections['memberDays'];
  readonly #spans: Collections['contributorSpans'];
  readonly #questions: Collections['questions'];
  readonly #groups: Collections['groups'];
  readonly #memberships: Collections['memberships'];

  constructor(
    collections: Pick<
      Collections,
      'contributionEvents' | 'groupDays' | 'memberDays' | 'contributorSpans' | 'questions' | 'groups' | 'memberships'
    >,
  ) {
    this.#events = collections.contributionEvents;
    this.#groupDays = collections.groupDays;
    this.#memberDays = collections.memberDays;
    this.#spans = collections.contributorSpans;
    this.#questions = collections.questions;
    this.#groups = collections.groups;
    this.#memberships = collections.memberships;
  }

  async record(tenantId: string, events: readonly ContributionEvent[]): Promise<IngestResult> {
    if (events.length === 0) return { stored: 0, duplicates: 0 };
    const stored = await this.#store(tenantId, events);
    await this.#rollUp(tenantId, stored);
    await this.#recordFirstResponses(tenantId, events);
    return { stored: stored.length, duplicates: events.length - stored.length };
  }

  /** Inserts the events and returns those stored now; redeliveries are refused by the unique key. */
  async #store(tenantId: string, events: readonly ContributionEvent[]): Promise<ContributionEvent[]> {
    const documents = events.map((event) => ({
      tenantId,
      platform: event.platform,
      platformEventId: event.platformEventId,
      groupId: event.groupId,
      personId: event.personId,
      kind: event.kind,
      occurredAt: event.occurredAt,
      threadId: event.threadId,
      asksQuestion: event.asksQuestion,
    }));
    try {
      const { insertedIds } = await this.#events.insertMany(documents, { ordered: false });
      return events.filter((_, index) => index in insertedIds);
    } catch (error) {
      // Unordered, so every other event was still inserted; the driver lists which.
      if (onlyDuplicates(error)) return events.filter((_, index) => index in error.insertedIds);
      throw error;
    }
  }

  /** Folds the events stored now into the daily rollups, contributor spans and questions. */
  async #rollUp(tenantId: string, stored: readonly ContributionEvent[]): Promise<void> {
    type GroupDayTotals = { groupId: string; day: string; counts: GroupCounts };
    const groupDays = new Map<string, GroupDayTotals>();
    const memberDays = new Map<string, { groupDay: GroupDayTotals; personId: string; counts: MemberCounts }>();
    const asked = new Map<string, { groupId: string; threadId: string; askerId: string; askedAt: Date }>();

    for (const event of stored) {
      const { groupId, personId, occurredAt, threadId } = event;
      const day = utcDay(occurredAt);
      const groupDay = entry(groupDays, keyOf(groupId, day), () => ({ groupId, day, counts: counts(GROUP_COUNTERS) }));
      if (event.asksQuestion) {
        groupDay.counts.questionsAsked += 1;
        if (threadId !== null) {
          // The batch's earliest asking post opens the thread's question.
          const key = keyOf(groupId, threadId);
          const earliest = asked.get(key);
          if (!earliest || occurredAt.getTime() < earliest.askedAt.getTime()) {
            asked.set(key, { groupId, threadId, askerId: personId, askedAt: occurredAt });
          }
        }
      }
      groupDay.counts[KIND_COUNTERS[event.kind]] += 1;
      if (!isContribution(event.kind)) continue;

      const counter = KIND_COUNTERS[event.kind];
      const memberDay = entry(memberDays, keyOf(groupId, day, personId), () => ({
        groupDay,
        personId,
        counts: counts(MEMBER_COUNTERS),
      }));
      memberDay.counts[counter] += 1;
    }

    const [firstOfTheDay] = await Promise.all([
      upsertAll(this.#memberDays, [...memberDays.values()], (m) => ({
        filter: { tenantId, groupId: m.groupDay.groupId, day: m.groupDay.day, personId: m.personId },
        update: { $inc: m.counts },
      })),
      // A question is opened once: a thread already asked keeps its asker and time.
      upsertAll(this.#questions, [...asked.values()], (q) => ({
        filter: { tenantId, groupId: q.groupId, threadId: q.threadId },
        update: { $setOnInsert: { askerId: q.askerId, askedAt: q.askedAt, firstResponseAt: null } },
      })),
    ]);

    // A member's first contribution of a day for a group is stored when the upsert of their member
    // day inserts it: then they count among the day's contributors, and their span may move.
    const spans = new Map<string, { groupId: string; personId: string; firstDay: string; lastDay: string }>();
    for (const { groupDay, personId } of firstOfTheDay) {
      groupDay.counts.distinctContributors += 1;
      const { groupId, day } = groupDay;
      const span = entry(spans, keyOf(groupId, personId), () => ({ groupId, personId, firstDay: day, lastDay: day }));
      if (day < span.firstDay) span.firstDay = day;
      if (day > span.lastDay) span.lastDay = day;
    }
    await Promise.all([
      upsertAll(this.#spans, [...spans.values()], (s) => ({
        filter: { tenantId, groupId: s.groupId, personId: s.personId },
        update: { $min: { firstDay: s.firstDay }, $max: { lastDay: s.lastDay } },
      })),
      upsertAll(this.#groupDays, [...groupDays.values()], (g) => ({
        filter: { tenantId, groupId: g.groupId, day: g.day },
        update: { $inc: g.counts },
      })),
    ]);
  }

  /**
   * Only an earlier first response changes a question, so replaying a batch changes nothing; the
   * day that counts the question as answered moves with it.
   */
  async #recordFirstResponses(tenantId: string, events: readonly ContributionEvent[]): Promise<void> {
    const responses = new Map<string, ContributionEvent[]>();
    const threadsByGroup = new Map<string, string[]>();
    for (const event of events) {
      if (!isResponse(event.kind) || event.threadId === null) continue;
      const { groupId, threadId } = event;
      const key = keyOf(groupId, threadId);
      if (!responses.has(key)) entry(threadsByGroup, groupId, () => []).push(threadId);
      entry(responses, key, () => []).push(event);
    }
    if (responses.size === 0) return;

    const questions = await this.#questions
      .find({
        tenantId,
        $or: [...threadsByGroup].map(([groupId, threadIds]) => ({ groupId, threadId: { $in: threadIds } })),
      })
      .toArray();
    const moves = new Map<string, { groupId: string; day: string; delta: number }>();
    const move = (groupId: string, at: Date, delta: number) => {
      const day = utcDay(at);
      entry(moves, keyOf(groupId, day), () => ({ groupId, day, delta: 0 })).delta += delta;
    };
    await Promise.all(
      questions.map(async (question) => {
        const at = firstResponseAt(question, responses.get(keyOf(question.groupId, question.threadId)) ?? []);
        if (at === null || (question.firstResponseAt !== null && question.firstResponseAt.getTime() <= at.getTime())) {
          return;
        }
        // Set only while it is still later, so of racing batches the earliest response wins, and
        // the document as it was tells which day loses the answer.
        const previous = await this.#questions.findOneAndUpdate(
          { _id: question._id, $or: [{ firstResponseAt: null }, { firstResponseAt: { $gt: at } }] },
          { $set: { firstResponseAt: at } },
          { returnDocument: 'before', projection: { firstResponseAt: 1 } },
        );
        if (!previous) return;
        move(question.groupId, at, 1);
        if (previous.firstResponseAt !== null) move(question.groupId, previous.firstResponseAt, -1);
      }),
    );
    await upsertAll(this.#groupDays, [...moves.values()], (m) => ({
      filter: { tenantId, groupId: m.groupId, day: m.day },
      update: { $inc: { ...counts(GROUP_COUNTERS), questionsAnswered: m.delta } },
    }));
  }

  async groupDays(tenantId: string, groupId: string, range: DayRange): Promise<GroupDay[]> {
    const docs = await this.#groupDays
      .find({ tenantId, groupId, day: { $gte: range.from, $lte: range.to } })
      .sort({ day: 1 })
      .toArray();
    return docs.map((doc) => ({
      groupId: doc.groupId,
      day: doc.day,
      joins: doc.joins,
      leaves: doc.leaves,
      posts: doc.posts,
      replies: doc.replies,
      reactions: doc.reactions,
      files: doc.files,
      answers: doc.answers,
      questionsAsked: doc.questionsAsked,
      questionsAnswered: doc.questionsAnswered,
      distinctContributors: doc.distinctContributors,
    }));
  }

  async memberDays(tenantId: string, groupId: string, range: DayRange): Promise<MemberDay[]> {
    const docs = await this.#memberDays
      .find({ tenantId, groupId, day: { $gte: range.from, $lte: range.to } })
      .sort({ day: 1, personId: 1 })
      .toArray();
    return docs.map((doc) => ({
      groupId: doc.groupId,
      personId: doc.personId,
      day: doc.day,
      posts: doc.posts,
      replies: doc.replies,
      reactions: doc.reactions,
      files: doc.files,
      answers: doc.answers,
    }));
  }

  async contributorSpans(tenantId: string, groupId: string): Promise<ContributorSpan[]> {
    const docs = await this.#spans.find({ tenantId, groupId }).sort({ firstDay: 1, personId: 1 }).toArray();
    return docs.map((doc) => ({
      groupId: doc.groupId,
      personId: doc.personId,
      firstDay: doc.firstDay,
      lastDay: doc.lastDay,
    }));
  }

  async questions(tenantId: string, groupId: string): Promise<Question[]> {
    const docs = await this.#questions.find({ tenantId, groupId }).sort({ askedAt: 1, threadId: 1 }).toArray();
    return docs.map((doc) => ({
      groupId: doc.groupId,
      threadId: doc.threadId,
      askerId: doc.askerId,
      askedAt: doc.askedAt,
      firstResponseAt: doc.firstResponseAt,
    }));
  }

  async lastActivePlatform(tenantId: string, personId: string): Promise<Platform | null> {
    // Spans are kept by day: of two groups last used the same day, the first by id wins, as in
    // the PostgreSQL store. A span whose group is gone is passed over.
    const spans = await this.#spans
      .find({ tenantId, personId }, { projection: { groupId: 1, lastDay: 1 } })
      .sort({ lastDay: -1, groupId: 1 })
      .toArray();
    if (spans.length === 0) return null;
    const groups = await this.#groups
      .find({ tenantId, _id: { $in: spans.map((span) => span.groupId) } }, { projection: { platformRef: 1 } })
      .toArray();
    const platformOf = new Map(groups.map((group) => [group._id, group.platformRef.platform]));
    for (const span of spans) {
      const platform = platformOf.get(span.groupId);
      if (platform) return platform;
    }
    return null;
  }

  async groupWeeks(tenantId: string, groups: readonly GroupWeekQuery[], window: GroupWeekWindow): Promise<GroupWeek[]> {
    if (groups.length === 0) return [];
    const { questionsSince, firstDay, endDay } = groupWeekBounds(window);
    const { limit, weights } = window;
    const groupIds = [...new Set(groups.map((g) => g.groupId))];
    const latestAskedBefore = new Date(Math.max(...groups.map((g) => g.questionsAskedBefore.getTime())));
    const [members, questions, top, inactive] = await Promise.all([
      this.#memberships
        .find({
          tenantId,
          groupId: { $in: groupIds },
          leftAt: null,
          joinedAt: { $gte: window.since, $lt: window.until },
        })
        .sort({ joinedAt: -1, personId: 1 })
        .toArray(),
      // Each group's own bound is applied below, to these.
      this.#questions
        .find({
          tenantId,
          groupId: { $in: groupIds },
          firstResponseAt: null,
          askedAt: { $gte: questionsSince, $lt: latestAskedBefore },
        })
        .sort({ askedAt: 1, threadId: 1 })
        .toArray(),
      this.#memberDays
        .aggregate<{ groupId: string; personId: string; score: number }>([
          { $match: { tenantId, groupId: { $in: groupIds }, day: { $gte: firstDay, $lt: endDay } } },
          {
            $group: {
              _id: { groupId: '$groupId', personId: '$personId' },
              score: { $sum: weighed(weights) },
            },
          },
          { $match: { score: { $gt: 0 } } },
          { $sort: { score: -1, '_id.personId': 1 } },
          { $project: { _id: 0, groupId: '$_id.groupId', personId: '$_id.personId', score: 1 } },
        ])
        .toArray(),
      this.#inactiveMembers(tenantId, groupIds, window.inactive),
    ]);
    const membersOf = byGroup(members);
    const questionsOf = byGroup(questions);
    const topOf = byGroup(top);
    const inactiveOf = byGroup(inactive);
    return groups.map(({ groupId, questionsAskedBefore }) => ({
      groupId,
      newMembers: listed(membersOf.get(groupId), limit, (doc) => ({ personId: doc.personId, joinedAt: doc.joinedAt })),
      overdueQuestions: listed(
        questionsOf.get(groupId)?.filter((doc) => doc.askedAt.getTime() < questionsAskedBefore.getTime()),
        limit,
        (doc) => ({
          groupId: doc.groupId,
          threadId: doc.threadId,
          askerId: doc.askerId,
          askedAt: doc.askedAt,
          firstResponseAt: doc.firstResponseAt,
        }),
      ),
      topContributors: (topOf.get(groupId) ?? [])
        .slice(0, limit)
        .map((doc) => ({ personId: doc.personId, score: doc.score })),
      inactiveMembers: listed(inactiveOf.get(groupId), limit, (doc) => ({
        personId: doc.personId,
        lastDay: doc.lastDay,
        neverContributed: doc.neverContributed,
      })),
    }));
  }

  /**
   * Current members of the groups whose last contribution day is in the range, and those who joined
   * in it (UTC days) and never contributed, counted from the day they joined; longest silent first.
   */
  async #inactiveMembers(tenantId: string, groupIds: readonly string[], range: DayRange) {
    const [quiet, joined] = await Promise.all([
      this.#quietContributors(tenantId, groupIds, range),
      this.#silentJoiners(tenantId, groupIds, range),
    ]);
    return [...quiet, ...joined].sort(
      (a, b) => a.lastDay.localeCompare(b.lastDay) || a.personId.localeCompare(b.personId),
    );
  }

  /** Current members who joined in the range and have no contributor span in the group. */
  async #silentJoiners(tenantId: string, groupIds: readonly string[], range: DayRange) {
    const joined = await this.#memberships
      .find(
        {
          tenantId,
          groupId: { $in: [...groupIds] },
          leftAt: null,
          joinedAt: { $gte: dayStart(range.from), $lt: dayEnd(range.to) },
        },
        { projection: { groupId: 1, personId: 1, joinedAt: 1 } },
      )
      .toArray();
    if (joined.length === 0) return [];
    const spans = await this.#spans
      .find(
        {
          tenantId,
          groupId: { $in: [...new Set(joined.map((m) => m.groupId))] },
          personId: { $in: [...new Set(joined.map((m) => m.personId))] },
        },
        { projection: { groupId: 1, personId: 1 } },
      )
      .toArray();
    const contributed = new Set(spans.map((s) => keyOf(s.groupId, s.personId)));
    return joined
      .filter((m) => !contributed.has(keyOf(m.groupId, m.personId)))
      .map((m) => ({ groupId: m.groupId, personId: m.personId, lastDay: utcDay(m.joinedAt), neverContributed: true }));
  }

  async #quietContributors(tenantId: string, groupIds: readonly string[], range: DayRange) {
    const spans = await this.#spans
      .find({ tenantId, groupId: { $in: [...groupIds] }, lastDay: { $gte: range.from, $lte: range.to } })
      .sort({ lastDay: 1, personId: 1 })
      .toArray();
    if (spans.length === 0) return [];
    const current = await this.#memberships
      .find(
        {
          tenantId,
          groupId: { $in: [...new Set(spans.map((span) => span.groupId))] },
          personId: { $in: [...new Set(spans.map((span) => span.personId))] },
          leftAt: null,
        },
        { projection: { groupId: 1, personId: 1 } },
      )
      .toArray();
    const members = new Set(current.map((m) => keyOf(m.groupId, m.personId)));
    return spans
      .filter((span) => members.has(keyOf(span.groupId, span.personId)))
      .map((span) => ({
        groupId: span.groupId,
        personId: span.personId,
        lastDay: span.lastDay,
        neverContributed: false,
      }));
  }
}
