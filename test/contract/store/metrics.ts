import { describe, expect, it } from 'vitest';
import type { ContributionKind } from '../../../core/src/domain/contribution.ts';
import { newId } from '../../../core/src/domain/ids.ts';
import { ENGAGED_KINDS, MONTHLY_ACTIVE, WEEKLY_ACTIVE } from '../../../core/src/domain/metrics/activity.ts';
import { tallyOf } from '../../../core/src/domain/metrics/questions.ts';
import type { Store } from '../../../core/src/ports/store/index.ts';
import { aGroup, anEvent, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const noon = (day: string) => at(`${day}T12:00:00Z`);

/** A tenant with two groups (the second without any row), and people to record things by. */
async function twoGroups(store: Store) {
  const small = await aSmallTenant(store);
  const empty = aGroup(small.tenant.id, [small.owner.id]);
  await store.groups.save(empty);
  const people = Array.from({ length: 8 }, () => newId());
  const record = (entries: readonly (readonly [string, ContributionKind, string])[]) =>
    store.contributions.record(
      small.tenant.id,
      entries.map(([personId, kind, day]) =>
        anEvent(small.tenant.id, small.group.id, personId, { kind, occurredAt: noon(day) }),
      ),
    );
  return { ...small, empty, people, record };
}

export function metricsContract(store: GetStore) {
  describe('metrics: members', () => {
    it('counts each group’s members at an instant: joined before it, not left before it', async () => {
      const { tenant, group, empty, people } = await twoGroups(store());
      const instant = at('2026-03-10T00:00:00Z');
      const [before, atInstant, leftAfter, leftAtInstant, leftBefore] = people;
      const join = (personId: string, iso: string) =>
        store().memberships.recordJoin(tenant.id, group.id, personId, at(iso));
      const leave = (personId: string, iso: string) =>
        store().memberships.recordLeave(tenant.id, group.id, personId, at(iso));
      await join(before!, '2026-01-01T00:00:00Z');
      await join(atInstant!, '2026-03-10T00:00:00Z');
      await join(leftAfter!, '2026-01-01T00:00:00Z');
      await leave(leftAfter!, '2026-03-10T00:00:00.001Z');
      await join(leftAtInstant!, '2026-01-01T00:00:00Z');
      await leave(leftAtInstant!, '2026-03-10T00:00:00Z');
      await join(leftBefore!, '2026-01-01T00:00:00Z');
      await leave(leftBefore!, '2026-03-09T23:59:59.999Z');

      // Before, left after, and left at the instant itself (still a member until then).
      expect(await store().metrics.memberCounts(tenant.id, [empty.id, group.id], instant)).toEqual([0, 3]);
      expect(await store().metrics.memberCounts(tenant.id, [group.id], at('2026-03-11T00:00:00Z'))).toEqual([2]);
    });

    it('counts the distinct members of each window whose member days count one of its kinds', async () => {
      const { tenant, group, empty, people, record } = await twoGroups(store());
      const [a, b, c, d, e, f, g] = people;
      await record([
        [a!, 'post', '2026-03-10'],
        [a!, 'post', '2026-03-09'],
        [a!, 'reaction', '2026-03-01'],
        [b!, 'reaction', '2026-03-04'], // the weekly window's first day
        [c!, 'reply', '2026-03-03'],
        [d!, 'file', '2026-02-11'], // the monthly window's first day
        [e!, 'post', '2026-02-10'], // before both
        [f!, 'answer', '2026-03-11'], // after the day
        [g!, 'join', '2026-03-09'], // no contribution
      ]);
      const engaged = { days: 28, kinds: ENGAGED_KINDS };
      const files = { days: 28, kinds: ['file' as const] };

      const counts = await store().metrics.activeMembers(tenant.id, [group.id, empty.id], '2026-03-10', [
        WEEKLY_ACTIVE,
        MONTHLY_ACTIVE,
        engaged,
        files,
      ]);
      // Weekly: a, b; monthly: a, b, c, d; reacted or replied: a (its reaction), b, c; shared a file: d.
      expect(counts).toEqual([
        [2, 4, 3, 1],
        [0, 0, 0, 0],
      ]);
      // A day later: a, and f's answer; b's reaction has left the week.
      expect(await store().metrics.activeMembers(tenant.id, [group.id], '2026-03-11', [WEEKLY_ACTIVE])).toEqual([[2]]);
    });
  });

  describe('metrics: group days', () => {
    it('sums each group’s days over the range, both ends included', async () => {
      const { tenant, group, empty, people, record } = await twoGroups(store());
      const [a, b] = people;
      await record([
        [a!, 'join', '2026-03-01'],
        [b!, 'join', '2026-03-05'],
        [a!, 'post', '2026-03-05'],
        [a!, 'reply', '2026-03-05'],
        [b!, 'reaction', '2026-03-06'],
        [b!, 'leave', '2026-03-06'],
        [a!, 'post', '2026-03-07'],
      ]);
      const [totals, none] = await store().metrics.groupTotals(tenant.id, [group.id, empty.id], {
        from: '2026-03-05',
        to: '2026-03-06',
      });
      expect(totals).toEqual({
        groupId: group.id,
        joins: 1,
        leaves: 1,
        posts: 1,
        replies: 1,
        reactions: 1,
        files: 0,
        answers: 0,
        questionsAsked: 0,
        questionsAnswered: 0,
        distinctContributors: 2,
      });
      expect(none).toMatchObject({ groupId: empty.id, joins: 0, posts: 0, distinctContributors: 0 });
    });
  });

  describe('metrics: contributors', () => {
    it('counts the spans whose first day, and those whose last day, fall in the ranges', async () => {
      const { tenant, group, empty, people, record } = await twoGroups(store());
      const [a, b, c] = people;
      await record([
        [a!, 'post', '2026-01-10'],
        [a!, 'post', '2026-01-20'], // a: Jan 10 – Jan 20
        [b!, 'post', '2026-01-31'],
        [b!, 'post', '2026-03-01'], // b: Jan 31 – Mar 1
        [c!, 'reaction', '2026-02-01'], // c: Feb 1 – Feb 1
      ]);
      const counts = await store().metrics.contributorCounts(tenant.id, [group.id, empty.id], {
        firstIn: { from: '2026-01-01', to: '2026-01-31' },
        lastIn: { from: '2026-01-20', to: '2026-02-01' },
      });
      expect(counts).toEqual([
        { groupId: group.id, first: 2, last: 2 },
        { groupId: empty.id, first: 0, last: 0 },
      ]);
    });

    it('summarises each member: contributions by kind over the range, and active days in each presence window', async () => {
      const { tenant, group, empty, people, record } = await twoGroups(store());
      const [a, b] = people;
      await record([
        [a!, 'post', '2026-03-10'],
        [a!, 'post', '2026-03-10'],
        [a!, 'reaction', '2026-03-04'],
        [a!, 'answer', '2026-02-28'], // before the range, in the 30-day window
        [a!, 'file', '2026-01-15'], // in the 90-day window only
        [b!, 'reply', '2025-12-01'], // outside every window
      ]);
      const range = { from: '2025-12-01', to: '2026-03-10' };
      const summaries = await store().metrics.memberSummaries(
        tenant.id,
        [group.id, empty.id],
        { from: '2026-03-01', to: '2026-03-10' },
        {
          windows: [7, 30, 90],
          kinds: ['post', 'reply', 'reaction', 'file', 'answer'],
        },
      );
      expect(summaries).toEqual([
        {
          groupId: group.id,
          personId: a,
          counts: { posts: 2, replies: 0, reactions: 1, files: 0, answers: 0 },
          activeDays: [2, 3, 4],
        },
      ]);
      const wide = await store().metrics.memberSummaries(tenant.id, [group.id], range, {
        windows: [7],
        kinds: ['reaction'],
      });
      const byPerson = new Map(wide.map((s) => [s.personId, s]));
      expect(byPerson.get(a!)).toMatchObject({
        counts: { posts: 2, replies: 0, reactions: 1, files: 1, answers: 1 },
        activeDays: [1],
      });
      expect(byPerson.get(b!)).toMatchObject({
        counts: { posts: 0, replies: 1, reactions: 0, files: 0, answers: 0 },
        activeDays: [0],
      });
      expect(wide.map((s) => s.personId)).toEqual([a!, b!].sort());
    });
  });

  describe('metrics: questions', () => {
    it('counts each group’s questions of the window by where they stand at the instant, against its own target', async () => {
      const { tenant, owner, member, group, empty } = await twoGroups(store());
      const second = aGroup(tenant.id, [owner.id], { responseTargetHours: 2 });
      await store().groups.save(second);
      const instant = at('2026-03-10T12:00:00Z');
      const since = at('2026-03-01T00:00:00Z');
      const ask = (groupId: string, thread: string, asked: string) =>
        anEvent(tenant.id, groupId, member.id, { threadId: thread, asksQuestion: true, occurredAt: at(asked) });
      const answer = (groupId: string, thread: string, answered: string) =>
        anEvent(tenant.id, groupId, owner.id, { kind: 'reply', threadId: thread, occurredAt: at(answered) });
      await store().contributions.record(tenant.id, [
        ask(group.id, 'before-window', '2026-02-28T23:00:00Z'),
        ask(group.id, 'within', '2026-03-02T10:00:00Z'),
        answer(group.id, 'within', '2026-03-03T10:00:00Z'), // exactly 24 h
        ask(group.id, 'late', '2026-03-02T10:00:00Z'),
        answer(group.id, 'late', '2026-03-03T10:00:00.001Z'),
        ask(group.id, 'answered-after', '2026-03-08T10:00:00Z'),
        answer(group.id, 'answered-after', '2026-03-10T12:00:00Z'), // not known at the instant
        ask(group.id, 'pending', '2026-03-10T11:00:00Z'),
        ask(second.id, 'short-target', '2026-03-10T09:00:00Z'),
      ]);
      const groups = [
        { groupId: group.id, targetMs: 24 * HOUR },
        { groupId: empty.id, targetMs: 24 * HOUR },
        { groupId: second.id, targetMs: 2 * HOUR },
      ];

      const tallies = await store().metrics.responseTallies(tenant.id, groups, since, instant);
      expect(tallies).toEqual([
        { within: 1, late: 1, waiting: 1, pending: 1 },
        { within: 0, late: 0, waiting: 0, pending: 0 },
        { within: 0, late: 0, waiting: 1, pending: 0 },
      ]);
      // The store counts as the core's rule says, question by question.
      const listed = await store().metrics.listQuestions(tenant.id, [group.id], since, instant);
      expect(tallyOf(listed, 24 * HOUR, instant)).toEqual(tallies[0]);
    });

    it('lists the questions asked in the window by group, oldest first', async () => {
      const { tenant, owner, member, group, empty } = await twoGroups(store());
      const second = aGroup(tenant.id, [owner.id]);
      await store().groups.save(second);
      const ask = (groupId: string, thread: string, asked: string) =>
        anEvent(tenant.id, groupId, member.id, { threadId: thread, asksQuestion: true, occurredAt: at(asked) });
      await store().contributions.record(tenant.id, [
        ask(group.id, 'b-later', '2026-03-05T10:00:00Z'),
        ask(second.id, 'other', '2026-03-01T10:00:00Z'),
        ask(group.id, 'a-first', '2026-03-01T00:00:00Z'),
        ask(group.id, 'too-late', '2026-03-10T00:00:00Z'),
        anEvent(tenant.id, group.id, owner.id, {
          kind: 'answer',
          threadId: 'a-first',
          occurredAt: at('2026-03-01T01:00:00Z'),
        }),
      ]);
      const listed = await store().metrics.listQuestions(
        tenant.id,
        [second.id, empty.id, group.id],
        at('2026-03-01T00:00:00Z'),
        at('2026-03-10T00:00:00Z'),
      );
      expect(listed.map((q) => [q.groupId, q.threadId])).toEqual([
        [second.id, 'other'],
        [group.id, 'a-first'],
        [group.id, 'b-later'],
      ]);
      expect(listed[1]).toEqual({
        groupId: group.id,
        threadId: 'a-first',
        askerId: member.id,
        askedAt: at('2026-03-01T00:00:00Z'),
        firstResponseAt: at('2026-03-01T01:00:00Z'),
      });
    });
  });
}
