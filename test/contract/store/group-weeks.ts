import { describe, expect, it } from 'vitest';
import type { ContributionKind } from '../../../core/src/domain/contribution.ts';
import { newId } from '../../../core/src/domain/ids.ts';
import type { GroupWeek, GroupWeekWindow } from '../../../core/src/ports/store/contributions.ts';
import { aGroup, anEvent, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

// The week looked back on: Monday 9 March 2026, 09:00 in Paris, to the next Monday, same time.
const since = new Date('2026-03-09T08:00:00Z');
const until = new Date('2026-03-16T08:00:00Z');
const justBefore = (instant: Date) => new Date(instant.getTime() - 1);
// Not the product's weights: these show that the store uses the window's. A reaction scores nothing.
const weights = { post: 5, reply: 2, reaction: 0, file: 3, answer: 7, join: 0, leave: 0 };

function windowOf(limit: number): GroupWeekWindow {
  return { since, until, inactive: { from: '2026-02-09', to: '2026-02-15' }, weights, limit };
}

const untilTarget = (groupId: string) => ({ groupId, questionsAskedBefore: until });

function emptyWeek(groupId: string): GroupWeek {
  const none = { items: [], total: 0 };
  return { groupId, newMembers: none, overdueQuestions: none, topContributors: [], inactiveMembers: none };
}

/** Ties are broken by person id. */
const byId = (...ids: string[]) => [...ids].sort();

export function groupWeeksContract(store: GetStore) {
  describe('group weeks (the weekly-hour card)', () => {
    it('lists the current members who joined during the week, newest first', async () => {
      const { tenant, group } = await aSmallTenant(store());
      const [atSince, beforeSince, lastIn, atUntil, left, midweek] = Array.from({ length: 6 }, () => newId());
      const join = (personId: string, at: Date) => store().memberships.recordJoin(tenant.id, group.id, personId, at);
      await join(atSince!, since);
      await join(beforeSince!, justBefore(since));
      await join(lastIn!, justBefore(until));
      await join(atUntil!, until);
      await join(left!, new Date('2026-03-12T10:00:00Z'));
      await store().memberships.recordLeave(tenant.id, group.id, left!, new Date('2026-03-13T10:00:00Z'));
      await join(midweek!, new Date('2026-03-11T12:00:00Z'));

      const [limited] = await store().contributions.groupWeeks(tenant.id, [untilTarget(group.id)], windowOf(2));
      expect(limited).toEqual({
        ...emptyWeek(group.id),
        newMembers: {
          items: [
            { personId: lastIn, joinedAt: justBefore(until) },
            { personId: midweek, joinedAt: new Date('2026-03-11T12:00:00Z') },
          ],
          total: 3,
        },
      });
      const [all] = await store().contributions.groupWeeks(tenant.id, [untilTarget(group.id)], windowOf(10));
      expect(all!.newMembers.items.map((m) => m.personId)).toEqual([lastIn, midweek, atSince]);
      expect(all!.newMembers.total).toBe(3);
    });

    it('lists the unanswered questions past each group’s target, from four weeks before the week, oldest first', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const second = aGroup(tenant.id, [owner.id]);
      await store().groups.save(second);
      const ask = (groupId: string, threadId: string, at: Date) =>
        anEvent(tenant.id, groupId, member.id, { threadId, asksQuestion: true, occurredAt: at });
      const oldest = new Date('2026-02-09T08:00:00Z'); // since − 28 days
      const target = new Date('2026-03-15T08:00:00Z');
      const secondTarget = new Date('2026-03-12T00:00:00Z');
      await store().contributions.record(tenant.id, [
        ask(group.id, 'too-old', justBefore(oldest)),
        ask(group.id, 'oldest', oldest),
        ask(group.id, 'middle', new Date('2026-03-01T10:00:00Z')),
        ask(group.id, 'latest', justBefore(target)),
        ask(group.id, 'within-target', target),
        ask(group.id, 'answered', new Date('2026-03-10T10:00:00Z')),
        anEvent(tenant.id, group.id, owner.id, {
          kind: 'reply',
          threadId: 'answered',
          occurredAt: new Date('2026-03-10T11:00:00Z'),
        }),
        ask(second.id, 'second-late', secondTarget),
        ask(second.id, 'second-early', justBefore(secondTarget)),
      ]);
      const question = (groupId: string, threadId: string, askedAt: Date) => ({
        groupId,
        threadId,
        askerId: member.id,
        askedAt,
        firstResponseAt: null,
      });
      const queries = [
        { groupId: group.id, questionsAskedBefore: target },
        { groupId: second.id, questionsAskedBefore: secondTarget },
      ];

      const limited = await store().contributions.groupWeeks(tenant.id, queries, windowOf(2));
      expect(limited.map((w) => w.overdueQuestions)).toEqual([
        {
          items: [question(group.id, 'oldest', oldest), question(group.id, 'middle', new Date('2026-03-01T10:00:00Z'))],
          total: 3,
        },
        { items: [question(second.id, 'second-early', justBefore(secondTarget))], total: 1 },
      ]);
      const [all] = await store().contributions.groupWeeks(tenant.id, queries, windowOf(10));
      expect(all!.overdueQuestions.items.map((q) => q.threadId)).toEqual(['oldest', 'middle', 'latest']);
    });

    it('ranks the week’s top contributors by weighted contributions over its UTC days', async () => {
      const { tenant, group } = await aSmallTenant(store());
      const [first, second, tiedA, tiedB, onlyAfter, onlyReactions] = Array.from({ length: 6 }, () => newId());
      const e = (personId: string, kind: ContributionKind, iso: string) =>
        anEvent(tenant.id, group.id, personId, { kind, occurredAt: new Date(iso) });
      await store().contributions.record(tenant.id, [
        // The whole first UTC day counts, even before `since`; the UTC day of `until` does not.
        e(first!, 'post', '2026-03-09T00:00:00Z'),
        e(first!, 'file', '2026-03-15T23:59:59.999Z'),
        e(second!, 'answer', '2026-03-12T10:00:00Z'),
        e(second!, 'post', '2026-03-08T23:59:59.999Z'),
        e(tiedA!, 'reply', '2026-03-10T10:00:00Z'),
        e(tiedA!, 'reply', '2026-03-10T11:00:00Z'),
        e(tiedA!, 'reply', '2026-03-14T10:00:00Z'),
        e(tiedA!, 'post', '2026-03-16T00:00:00Z'),
        e(tiedB!, 'file', '2026-03-11T10:00:00Z'),
        e(tiedB!, 'file', '2026-03-13T10:00:00Z'),
        e(tiedB!, 'join', '2026-03-11T09:00:00Z'),
        e(onlyAfter!, 'post', '2026-03-16T00:00:00Z'),
        e(onlyReactions!, 'reaction', '2026-03-11T10:00:00Z'),
      ]);

      const [limited] = await store().contributions.groupWeeks(tenant.id, [untilTarget(group.id)], windowOf(2));
      expect(limited!.topContributors).toEqual([
        { personId: first, score: 8 },
        { personId: second, score: 7 },
      ]);
      const [all] = await store().contributions.groupWeeks(tenant.id, [untilTarget(group.id)], windowOf(10));
      expect(all!.topContributors).toEqual([
        { personId: first, score: 8 },
        { personId: second, score: 7 },
        ...byId(tiedA!, tiedB!).map((personId) => ({ personId, score: 6 })),
      ]);
    });

    it('lists the current members whose last contribution day is in the inactive range, longest silent first', async () => {
      const { tenant, group } = await aSmallTenant(store());
      const [beforeFrom, atFrom, atTo, afterTo, left, twoDays, sameDay, activeSince, neverJoined] = Array.from(
        { length: 9 },
        () => newId(),
      );
      for (const personId of [beforeFrom, atFrom, atTo, afterTo, left, twoDays, sameDay, activeSince]) {
        await store().memberships.recordJoin(tenant.id, group.id, personId!, new Date('2026-01-05T00:00:00Z'));
      }
      await store().memberships.recordLeave(tenant.id, group.id, left!, new Date('2026-03-01T00:00:00Z'));
      const contributed = (personId: string, ...days: string[]) =>
        store().contributions.record(
          tenant.id,
          days.map((day) => anEvent(tenant.id, group.id, personId, { occurredAt: new Date(`${day}T12:00:00Z`) })),
        );
      await contributed(beforeFrom!, '2026-02-08');
      await contributed(atFrom!, '2026-02-01', '2026-02-09');
      await contributed(atTo!, '2026-02-15');
      await contributed(afterTo!, '2026-02-16');
      await contributed(left!, '2026-02-12');
      await contributed(twoDays!, '2026-02-10', '2026-02-12');
      await contributed(sameDay!, '2026-02-12');
      await contributed(activeSince!, '2026-02-12', '2026-03-01');
      await contributed(neverJoined!, '2026-02-11');

      const [silentFirst, silentSecond] = byId(twoDays!, sameDay!);
      const [limited] = await store().contributions.groupWeeks(tenant.id, [untilTarget(group.id)], windowOf(2));
      expect(limited!.inactiveMembers).toEqual({
        items: [
          { personId: atFrom, lastDay: '2026-02-09', neverContributed: false },
          { personId: silentFirst, lastDay: '2026-02-12', neverContributed: false },
        ],
        total: 4,
      });
      const [all] = await store().contributions.groupWeeks(tenant.id, [untilTarget(group.id)], windowOf(10));
      expect(all!.inactiveMembers.items.map((m) => m.personId)).toEqual([atFrom, silentFirst, silentSecond, atTo]);
    });

    it('lists as gone quiet the current members who joined in the inactive range and never contributed, from the day they joined', async () => {
      const { tenant, owner, group } = await aSmallTenant(store());
      const other = aGroup(tenant.id, [owner.id]);
      await store().groups.save(other);
      const [
        silentJoiner,
        lastMinute,
        joinedBefore,
        joinedAfter,
        contributedOnce,
        leftAgain,
        quietContributor,
        elsewhere,
      ] = Array.from({ length: 8 }, () => newId());
      const join = (personId: string, iso: string, groupId = group.id) =>
        store().memberships.recordJoin(tenant.id, groupId, personId, new Date(iso));
      await join(silentJoiner!, '2026-02-10T09:00:00Z');
      await join(lastMinute!, '2026-02-15T23:59:00Z');
      await join(joinedBefore!, '2026-02-08T23:59:00Z');
      await join(joinedAfter!, '2026-02-16T00:00:00Z');
      await join(contributedOnce!, '2026-02-11T09:00:00Z');
      await join(leftAgain!, '2026-02-12T09:00:00Z');
      await store().memberships.recordLeave(tenant.id, group.id, leftAgain!, new Date('2026-02-20T00:00:00Z'));
      await join(quietContributor!, '2026-01-05T00:00:00Z');
      // A contribution in another group does not count for this one.
      await join(elsewhere!, '2026-02-13T09:00:00Z');
      await join(elsewhere!, '2026-02-13T09:00:00Z', other.id);
      await store().contributions.record(tenant.id, [
        anEvent(tenant.id, group.id, contributedOnce!, { occurredAt: new Date('2026-03-10T12:00:00Z') }),
        anEvent(tenant.id, group.id, quietContributor!, { occurredAt: new Date('2026-02-12T12:00:00Z') }),
        anEvent(tenant.id, other.id, elsewhere!, { occurredAt: new Date('2026-03-10T12:00:00Z') }),
      ]);

      const [week] = await store().contributions.groupWeeks(tenant.id, [untilTarget(group.id)], windowOf(10));
      expect(week!.inactiveMembers).toEqual({
        items: [
          { personId: silentJoiner, lastDay: '2026-02-10', neverContributed: true },
          { personId: quietContributor, lastDay: '2026-02-12', neverContributed: false },
          { personId: elsewhere, lastDay: '2026-02-13', neverContributed: true },
          { personId: lastMinute, lastDay: '2026-02-15', neverContributed: true },
        ],
        total: 4,
      });
      const [limited] = await store().contributions.groupWeeks(tenant.id, [untilTarget(group.id)], windowOf(1));
      expect(limited!.inactiveMembers).toEqual({
        items: [{ personId: silentJoiner, lastDay: '2026-02-10', neverContributed: true }],
        total: 4,
      });
    });

    it('answers for every group asked about, in order, and only from the tenant’s own rows', async () => {
      const a = await aSmallTenant(store());
      const b = await aSmallTenant(store());
      const quiet = aGroup(a.tenant.id, [a.owner.id]);
      await store().groups.save(quiet);
      // Tenant b's group has something in every section; asked about by tenant a, it shows nothing.
      const newcomer = newId();
      const silent = newId();
      await store().memberships.recordJoin(b.tenant.id, b.group.id, newcomer, new Date('2026-03-10T00:00:00Z'));
      await store().memberships.recordJoin(b.tenant.id, b.group.id, silent, new Date('2026-01-10T00:00:00Z'));
      await store().contributions.record(b.tenant.id, [
        anEvent(b.tenant.id, b.group.id, silent, { occurredAt: new Date('2026-02-10T10:00:00Z') }),
        anEvent(b.tenant.id, b.group.id, newcomer, {
          threadId: 'help',
          asksQuestion: true,
          occurredAt: new Date('2026-03-10T10:00:00Z'),
        }),
      ]);

      const groupIds = [quiet.id, b.group.id, a.group.id];
      expect(await store().contributions.groupWeeks(a.tenant.id, groupIds.map(untilTarget), windowOf(5))).toEqual(
        groupIds.map(emptyWeek),
      );
      const [seenByB] = await store().contributions.groupWeeks(b.tenant.id, [untilTarget(b.group.id)], windowOf(5));
      expect(seenByB).toMatchObject({
        newMembers: { total: 1 },
        overdueQuestions: { total: 1 },
        topContributors: [{ personId: newcomer, score: 5 }],
        inactiveMembers: { items: [{ personId: silent, lastDay: '2026-02-10', neverContributed: false }], total: 1 },
      });
      expect(await store().contributions.groupWeeks(a.tenant.id, [], windowOf(5))).toEqual([]);
    });
  });
}
