import type { Membership } from '../domain/membership.ts';
import type { Person } from '../domain/person.ts';
import { DAY_MS, HOUR_MS, localDateOf } from '../domain/zoned-time.ts';
import type { DemoContext } from './context.ts';
import { audienceWeight, type DemoGroup, type GroupProfile, isOnPlatform } from './groups.ts';
import type { Random } from './random.ts';
import { workingMoment } from './time.ts';

interface MembershipShape {
  readonly size: readonly [number, number];
  /** Members who join during the history (the rest were there before it). */
  readonly joins: readonly [number, number];
  /** Share of members who leave during the history. */
  readonly leaveShare: number;
  /** Below 1 pushes leaves toward the end of the history. */
  readonly leaveSkew: number;
}

const SHAPES: Readonly<Record<GroupProfile, MembershipShape>> = {
  lively: { size: [60, 140], joins: [10, 25], leaveShare: 0.05, leaveSkew: 1 },
  steady: { size: [25, 70], joins: [4, 12], leaveShare: 0.06, leaveSkew: 1 },
  quiet: { size: [6, 15], joins: [0, 2], leaveShare: 0.05, leaveSkew: 1 },
  dying: { size: [30, 80], joins: [0, 3], leaveShare: 0.25, leaveSkew: 0.5 },
  new: { size: [12, 40], joins: [0, 0], leaveShare: 0.03, leaveSkew: 1 },
  ownerless: { size: [15, 45], joins: [0, 3], leaveShare: 0.12, leaveSkew: 1 },
};

/**
 * Who is in each group and since when. Joins and leaves inside the history become events too
 * (see activity.ts); earlier joins exist only as memberships, as after an install.
 */
export function generateMemberships(
  random: Random,
  context: DemoContext,
  people: readonly Person[],
  groups: readonly DemoGroup[],
): Membership[] {
  return groups.flatMap((demo) => membersOf(random, context, people, demo));
}

function membersOf(random: Random, context: DemoContext, people: readonly Person[], demo: DemoGroup): Membership[] {
  const { group, profile, audience } = demo;
  const shape = SHAPES[profile];
  const now = context.now.getTime();
  const historyStart = context.historyStart.getTime();
  const createdAt = group.createdAt.getTime();
  const byId = new Map(people.map((p) => [p.id, p]));
  const owners = group.ownerIds.map((id) => byId.get(id) as Person);

  const candidates = people.filter(
    (p) =>
      isOnPlatform(p, group.platformRef.platform) &&
      !group.ownerIds.includes(p.id) &&
      // Nobody joins a group after leaving the company.
      (profile !== 'new' || p.deactivatedAt === null),
  );
  const size = Math.min(random.int(...shape.size), candidates.length + owners.length);
  const others = weightedSample(random, candidates, (p) => audienceWeight(p, audience), size - owners.length);

  const memberships = new Map<string, { person: Person; joinedAt: number; leftAt: number | null }>();
  for (const [i, owner] of owners.entries())
    memberships.set(owner.id, { person: owner, joinedAt: createdAt + i * 7 * 60_000, leftAt: null });

  const latecomers = new Set(
    profile === 'new'
      ? others
      : random.sample(
          others.filter((p) => p.deactivatedAt === null),
          random.int(...shape.joins),
        ),
  );
  for (const person of others) {
    let joinedAt: number;
    if (profile === 'new') {
      // Most join in the first days, when the group is announced.
      const offsetDays = random.chance(0.7) ? random.between(0, 3) : random.between(0, (now - createdAt) / DAY_MS);
      joinedAt = workingMoment(random, person.timeZone, localDateOf(person.timeZone, createdAt + offsetDays * DAY_MS));
      if (joinedAt <= createdAt) joinedAt = createdAt + random.between(1, 30) * 60_000;
      if (joinedAt >= now) joinedAt = now - random.between(1, 60) * 60_000;
    } else if (latecomers.has(person)) {
      const day = historyStart + random.between(0.5, (now - historyStart) / DAY_MS - 0.5) * DAY_MS;
      joinedAt = Math.min(workingMoment(random, person.timeZone, localDateOf(person.timeZone, day)), now - HOUR_MS);
      joinedAt = Math.max(joinedAt, historyStart + HOUR_MS);
    } else {
      joinedAt = createdAt + HOUR_MS + random.next() * (historyStart - createdAt - 2 * HOUR_MS);
    }
    memberships.set(person.id, { person, joinedAt, leftAt: null });
  }

  const mayLeave = others.filter((p) => p.deactivatedAt === null);
  for (const person of random.sample(mayLeave, Math.round(shape.leaveShare * memberships.size))) {
    const membership = memberships.get(person.id);
    if (!membership) continue;
    const earliest = Math.max(membership.joinedAt, historyStart) + DAY_MS;
    if (earliest >= now - HOUR_MS) continue;
    const day = earliest + random.next() ** shape.leaveSkew * (now - earliest);
    const leftAt = workingMoment(random, person.timeZone, localDateOf(person.timeZone, day));
    if (leftAt > membership.joinedAt + HOUR_MS && leftAt < now && leftAt > historyStart) membership.leftAt = leftAt;
  }

  return [...memberships.values()].map((m) => ({
    tenantId: context.tenantId,
    groupId: group.id,
    personId: m.person.id,
    joinedAt: new Date(m.joinedAt),
    leftAt: m.leftAt === null ? null : new Date(m.leftAt),
  }));
}

/** Efraimidis–Spirakis: `count` distinct items, each drawn with probability proportional to its weight. */
function weightedSample<T>(random: Random, items: readonly T[], weight: (item: T) => number, count: number): T[] {
  return items
    .map((item) => ({ item, key: random.next() ** (1 / weight(item)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, Math.max(0, count))
    .map((entry) => entry.item);
}
