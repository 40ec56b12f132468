import type { ContributionEvent, ContributionKind } from '../domain/contribution.ts';
import type { Membership } from '../domain/membership.ts';
import type { Person } from '../domain/person.ts';
import type { Platform } from '../domain/platform.ts';
import { addDays, DAY_MS, HOUR_MS, type LocalDate, localDateOf } from '../domain/zoned-time.ts';
import { type DemoContext, HISTORY_DAYS } from './context.ts';
import type { DemoGroup, GroupProfile } from './groups.ts';
import type { Random } from './random.ts';
import { isWeekend, workingMoment } from './time.ts';

interface ActivityShape {
  /** Threads started on a working day at full strength: [min, max] for one group. */
  readonly threadsPerDay: readonly [number, number];
  /** Mean replies to an ordinary thread. */
  readonly replies: number;
  readonly reactions: number;
  readonly questionShare: number;
  /** Share of questions someone other than the asker responds to. */
  readonly answerRate: number;
  /** Mean minutes to the first response to a question. */
  readonly responseMinutes: number;
  /** Mean minutes between replies in a thread. */
  readonly replyMinutes: number;
  readonly fileShare: number;
}

const SHAPES: Readonly<Record<GroupProfile, ActivityShape>> = {
  lively: {
    threadsPerDay: [18, 28],
    replies: 3,
    reactions: 4,
    questionShare: 0.15,
    answerRate: 0.9,
    responseMinutes: 45,
    replyMinutes: 20,
    fileShare: 0.08,
  },
  steady: {
    threadsPerDay: [4, 9],
    replies: 2.2,
    reactions: 2.5,
    questionShare: 0.15,
    answerRate: 0.75,
    responseMinutes: 180,
    replyMinutes: 45,
    fileShare: 0.1,
  },
  quiet: {
    threadsPerDay: [0.4, 1],
    replies: 2,
    reactions: 2,
    questionShare: 0.2,
    answerRate: 0.9,
    responseMinutes: 240,
    replyMinutes: 90,
    fileShare: 0.1,
  },
  dying: {
    threadsPerDay: [4, 8],
    replies: 1.2,
    reactions: 1.5,
    questionShare: 0.2,
    answerRate: 0.4,
    responseMinutes: 1200,
    replyMinutes: 120,
    fileShare: 0.05,
  },
  new: {
    threadsPerDay: [3, 6],
    replies: 2.5,
    reactions: 3.5,
    questionShare: 0.2,
    answerRate: 0.8,
    responseMinutes: 60,
    replyMinutes: 30,
    fileShare: 0.1,
  },
  ownerless: {
    threadsPerDay: [1, 2.5],
    replies: 1,
    reactions: 1.2,
    questionShare: 0.25,
    answerRate: 0.3,
    responseMinutes: 1800,
    replyMinutes: 180,
    fileShare: 0.05,
  },
};

const WEEKEND_FACTOR = 0.12;
const OWNER_BOOST = 3;

/** How a group's activity changes over the history: t runs from 0 (oldest day) to 1 (today). */
function curveOf(random: Random, profile: GroupProfile): (t: number) => number {
  switch (profile) {
    case 'lively':
      return (t) => 0.9 + 0.2 * t;
    case 'dying': {
      // Dead some weeks before today: the last two weeks are silent.
      const death = random.between(0.55, 0.72);
      return (t) => (t < death ? (1 - t / death) ** 1.6 : 0);
    }
    case 'ownerless':
      return (t) => 1 - 0.5 * t;
    default:
      return () => 1;
  }
}

interface Participant {
  readonly person: Person;
  readonly joinedAt: number;
  readonly leftAt: number;
  readonly weight: number;
}

/** Assigns platform event ids and thread ids that look like the platform's and never repeat. */
class Ids {
  #events = 0;
  readonly #threads = new Set<string>();

  event(platform: Platform): string {
    const serial = (this.#events++).toString(36).toUpperCase().padStart(9, '0');
    return platform === 'slack' ? `Ev${serial}` : `1:${serial}`;
  }

  /** Slack threads are named by the parent's "ts" (seconds.micros); Teams by the message id (ms). */
  thread(groupId: string, platform: Platform, at: number): string {
    for (let bump = 0; ; bump++) {
      const id =
        platform === 'slack'
          ? `${Math.floor(at / 1000)}.${String((at % 1000) * 1000 + bump).padStart(6, '0')}`
          : String(at + bump);
      const key = `${groupId}/${id}`;
      if (!this.#threads.has(key)) {
        this.#threads.add(key);
        return id;
      }
    }
  }
}

/**
 * Contribution events for the history: threads with replies and reactions at working hours in each
 * author's zone, weekday-heavy; questions, most answered by someone else, some left open; and a
 * join or leave event for every membership change inside the history. Sorted by time, so a
 * question is always stored before its answers.
 */
export function generateActivity(
  random: Random,
  context: DemoContext,
  people: readonly Person[],
  groups: readonly DemoGroup[],
  memberships: readonly Membership[],
): ContributionEvent[] {
  const ids = new Ids();
  const byId = new Map(people.map((p) => [p.id, p]));
  // A few people do most of the talking; a quarter mostly read.
  const chattiness = new Map(
    people.map((p) => [p.id, random.chance(0.25) ? 0.03 : Math.min(25, (1 - random.next()) ** (-1 / 1.4))]),
  );
  const events: ContributionEvent[] = [];

  for (const demo of groups) {
    const members = memberships.filter((m) => m.groupId === demo.group.id);
    const participants = members.map((m): Participant => {
      const person = byId.get(m.personId) as Person;
      const owner = demo.group.ownerIds.includes(person.id);
      return {
        person,
        joinedAt: m.joinedAt.getTime(),
        leftAt: Math.min(m.leftAt?.getTime() ?? Infinity, person.deactivatedAt?.getTime() ?? Infinity),
        weight: (chattiness.get(person.id) ?? 1) * random.between(0.3, 1.7) * (owner ? OWNER_BOOST : 1),
      };
    });
    // Appended one by one: a lively group has more events than a spread argument list should hold.
    for (const event of membershipEvents(ids, context, demo, members)) events.push(event);
    for (const event of conversations(random, ids, context, demo, participants)) events.push(event);
  }
  return events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

function membershipEvents(
  ids: Ids,
  context: DemoContext,
  demo: DemoGroup,
  members: readonly Membership[],
): ContributionEvent[] {
  const from = context.historyStart.getTime();
  const to = context.now.getTime();
  const platform = demo.group.platformRef.platform;
  const within = (at: Date | null): at is Date => at !== null && at.getTime() >= from && at.getTime() <= to;
  const event = (m: Membership, kind: ContributionKind, at: Date): ContributionEvent => ({
    tenantId: context.tenantId,
    groupId: demo.group.id,
    personId: m.personId,
    kind,
    occurredAt: at,
    platform,
    platformEventId: ids.event(platform),
    threadId: null,
    asksQuestion: false,
  });
  const events: ContributionEvent[] = [];
  for (const m of members) {
    if (within(m.joinedAt)) events.push(event(m, 'join', m.joinedAt));
    if (within(m.leftAt)) events.push(event(m, 'leave', m.leftAt));
  }
  return events;
}

function conversations(
  random: Random,
  ids: Ids,
  context: DemoContext,
  demo: DemoGroup,
  participants: readonly Participant[],
): ContributionEvent[] {
  const { group, profile } = demo;
  const shape = SHAPES[profile];
  const platform = group.platformRef.platform;
  const from = context.historyStart.getTime();
  const now = context.now.getTime();
  const createdAt = group.createdAt.getTime();
  const strength = random.between(...shape.threadsPerDay);
  const curve = curveOf(random, profile);
  const firstDate = localDateOf('UTC', from);
  const events: ContributionEvent[] = [];

  const emit = (
    who: Participant,
    kind: ContributionKind,
    at: number,
    threadId: string,
    asksQuestion = false,
  ): boolean => {
    if (at < from || at > now || at <= who.joinedAt || at >= who.leftAt) return false;
    events.push({
      tenantId: context.tenantId,
      groupId: group.id,
      personId: who.person.id,
      kind,
      occurredAt: new Date(at),
      platform,
      platformEventId: ids.event(platform),
      threadId,
      asksQuestion,
    });
    return true;
  };

  for (let day = 0; day <= HISTORY_DAYS; day++) {
    const date: LocalDate = addDays(firstDate, day);
    const dayStart = Date.UTC(date.year, date.month - 1, date.day);
    if (dayStart + DAY_MS < createdAt) continue;
    const present = participants.filter((p) => p.joinedAt < dayStart + DAY_MS && p.leftAt > dayStart);
    if (present.length === 0) continue;
    const pick = picker(random, present);

    // A new group is busiest in the days after it is announced.
    const launch = profile === 'new' && dayStart - createdAt < 3 * DAY_MS ? 1.8 : 1;
    const rate = strength * curve(day / HISTORY_DAYS) * launch * (isWeekend(date) ? WEEKEND_FACTOR : 1);
    for (let n = random.poisson(rate); n > 0; n--) {
      const author = pick();
      const postedAt = workingMoment(random, author.person.timeZone, date);
      if (postedAt < createdAt) continue;
      const threadId = ids.thread(group.id, platform, postedAt);
      const question = random.chance(shape.questionShare);
      if (!emit(author, 'post', postedAt, threadId, question)) continue;
      if (random.chance(shape.fileShare)) emit(author, 'file', postedAt + random.between(0.2, 3) * 60_000, threadId);

      let at = postedAt;
      let replies: number;
      let reactions = random.poisson(shape.reactions);
      if (!question) {
        replies = random.poisson(shape.replies);
      } else if (random.chance(shape.answerRate)) {
        at += Math.max(60_000, random.exponential(shape.responseMinutes) * 60_000);
        emit(pickOther(pick, author), random.chance(0.4) ? 'answer' : 'reply', at, threadId);
        replies = random.poisson(shape.replies * 0.6);
      } else {
        // Left unanswered: perhaps the asker nudges, which is no response.
        if (random.chance(0.25)) emit(author, 'reply', postedAt + random.between(1, 30) * HOUR_MS, threadId);
        replies = 0;
        reactions = random.poisson(shape.reactions * 0.3);
      }
      for (; replies > 0; replies--) {
        at += Math.max(30_000, random.exponential(shape.replyMinutes) * 60_000);
        emit(pick(), 'reply', at, threadId);
      }
      for (; reactions > 0; reactions--) {
        emit(pickOther(pick, author), 'reaction', postedAt + random.exponential(90) * 60_000 + 5_000, threadId);
      }
    }
  }
  return events;
}

/** Draws participants in proportion to their weight. */
function picker(random: Random, present: readonly Participant[]): () => Participant {
  const cumulative: number[] = [];
  let total = 0;
  for (const p of present) {
    total += p.weight;
    cumulative.push(total);
  }
  return () => {
    const roll = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) > roll) high = mid;
      else low = mid + 1;
    }
    return present[low] as Participant;
  };
}

/** Someone other than `who` when the group has anyone else to offer. */
function pickOther(pick: () => Participant, who: Participant): Participant {
  for (let attempt = 0; attempt < 8; attempt++) {
    const other = pick();
    if (other !== who) return other;
  }
  return who;
}
