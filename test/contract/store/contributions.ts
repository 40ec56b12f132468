import { describe, expect, it } from 'vitest';
import { aGroup, anEvent, aPerson, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

const day = (date: string, time = '10:00') => new Date(`${date}T${time}:00Z`);
const range = { from: '2026-01-01', to: '2026-12-31' };

export function contributionsContract(store: GetStore) {
  describe('contributions', () => {
    it('stores events and keeps the daily rollups per group and per member current', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const e = (personId: string, kind: Parameters<typeof anEvent>[3] extends infer O ? O : never) =>
        anEvent(tenant.id, group.id, personId, kind);
      const result = await store().contributions.record(tenant.id, [
        e(owner.id, { kind: 'post', occurredAt: day('2026-03-02', '09:00') }),
        e(owner.id, { kind: 'reaction', occurredAt: day('2026-03-02', '23:59') }),
        e(member.id, { kind: 'reply', occurredAt: day('2026-03-02', '12:00') }),
        e(member.id, { kind: 'join', occurredAt: day('2026-03-02', '08:00') }),
        e(member.id, { kind: 'file', occurredAt: day('2026-03-03', '00:00') }),
        e(member.id, { kind: 'leave', occurredAt: day('2026-03-03', '18:00') }),
      ]);
      expect(result).toEqual({ stored: 6, duplicates: 0 });

      expect(await store().contributions.groupDays(tenant.id, group.id, range)).toEqual([
        {
          groupId: group.id,
          day: '2026-03-02',
          joins: 1,
          leaves: 0,
          posts: 1,
          replies: 1,
          reactions: 1,
          files: 0,
          answers: 0,
          questionsAsked: 0,
          questionsAnswered: 0,
          distinctContributors: 2,
        },
        {
          groupId: group.id,
          day: '2026-03-03',
          joins: 0,
          leaves: 1,
          posts: 0,
          replies: 0,
          reactions: 0,
          files: 1,
          answers: 0,
          questionsAsked: 0,
          questionsAnswered: 0,
          distinctContributors: 1,
        },
      ]);
      const memberDays = await store().contributions.memberDays(tenant.id, group.id, range);
      expect(memberDays).toHaveLength(3);
      expect(memberDays).toContainEqual({
        groupId: group.id,
        personId: owner.id,
        day: '2026-03-02',
        posts: 1,
        replies: 0,
        reactions: 1,
        files: 0,
        answers: 0,
      });
      expect(memberDays).toContainEqual({
        groupId: group.id,
        personId: member.id,
        day: '2026-03-03',
        posts: 0,
        replies: 0,
        reactions: 0,
        files: 1,
        answers: 0,
      });
      expect(
        await store().contributions.memberDays(tenant.id, group.id, { from: '2026-03-03', to: '2026-03-03' }),
      ).toHaveLength(1);

      const spans = await store().contributions.contributorSpans(tenant.id, group.id);
      expect(spans).toHaveLength(2);
      expect(spans).toContainEqual({
        groupId: group.id,
        personId: owner.id,
        firstDay: '2026-03-02',
        lastDay: '2026-03-02',
      });
      expect(spans).toContainEqual({
        groupId: group.id,
        personId: member.id,
        firstDay: '2026-03-02',
        lastDay: '2026-03-03',
      });
    });

    it('adds later batches to the same rollup rows and moves spans both ways', async () => {
      const { tenant, owner, group } = await aSmallTenant(store());
      await store().contributions.record(tenant.id, [
        anEvent(tenant.id, group.id, owner.id, { occurredAt: day('2026-03-05') }),
      ]);
      await store().contributions.record(tenant.id, [
        anEvent(tenant.id, group.id, owner.id, { kind: 'reply', occurredAt: day('2026-03-05', '11:00') }),
        anEvent(tenant.id, group.id, owner.id, { kind: 'reply', occurredAt: day('2026-03-01') }),
        anEvent(tenant.id, group.id, owner.id, { kind: 'answer', occurredAt: day('2026-03-09') }),
      ]);
      const [march5] = await store().contributions.groupDays(tenant.id, group.id, {
        from: '2026-03-05',
        to: '2026-03-05',
      });
      expect(march5).toMatchObject({ posts: 1, replies: 1, distinctContributors: 1 });
      expect(await store().contributions.contributorSpans(tenant.id, group.id)).toEqual([
        { groupId: group.id, personId: owner.id, firstDay: '2026-03-01', lastDay: '2026-03-09' },
      ]);
    });

    it('stores a platform event once however often it arrives, and counts it once', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const post = anEvent(tenant.id, group.id, owner.id, { platformEventId: 'Ev-once' });
      const reply = anEvent(tenant.id, group.id, member.id, { kind: 'reply', platformEventId: 'Ev-reply' });

      expect(await store().contributions.record(tenant.id, [post, post, reply])).toEqual({ stored: 2, duplicates: 1 });
      expect(await store().contributions.record(tenant.id, [post])).toEqual({ stored: 0, duplicates: 1 });
      // Redeliveries racing each other on several connections.
      const raced = await Promise.all(
        Array.from({ length: 8 }, () => store().contributions.record(tenant.id, [post, reply])),
      );
      expect(raced.reduce((sum, r) => sum + r.stored, 0)).toBe(0);

      const [rollup] = await store().contributions.groupDays(tenant.id, group.id, range);
      expect(rollup).toMatchObject({ posts: 1, replies: 1, distinctContributors: 2 });
      // The same id on the other platform is another event.
      expect(await store().contributions.record(tenant.id, [{ ...post, platform: 'teams' }])).toEqual({
        stored: 1,
        duplicates: 0,
      });
    });

    it('keeps counts exact when many batches for the same group and day arrive at once', async () => {
      const { tenant, group } = await aSmallTenant(store());
      const people = Array.from({ length: 6 }, () => aPerson(tenant.id));
      for (const p of people) await store().people.save(p);
      const batches = Array.from({ length: 12 }, (_, b) =>
        people.map((p, i) =>
          anEvent(tenant.id, group.id, p.id, {
            kind: i % 2 ? 'reaction' : 'post',
            occurredAt: day('2026-04-01', `1${b % 10}:00`),
          }),
        ),
      );
      await Promise.all(batches.map((batch) => store().contributions.record(tenant.id, batch)));

      const [rollup] = await store().contributions.groupDays(tenant.id, group.id, range);
      expect(rollup).toMatchObject({ posts: 36, reactions: 36, distinctContributors: 6 });
      const memberDays = await store().contributions.memberDays(tenant.id, group.id, range);
      expect(memberDays.map((m) => m.posts + m.reactions)).toEqual([12, 12, 12, 12, 12, 12]);
    });

    it('tracks questions and their first response by someone other than the asker', async () => {
      const { tenant, owner, member, group } = await aSmallTenant(store());
      const ask = (thread: string, at: Date) =>
        anEvent(tenant.id, group.id, member.id, { kind: 'post', threadId: thread, asksQuestion: true, occurredAt: at });
      const respond = (personId: string, thread: string, at: Date, kind: 'reply' | 'answer' = 'reply') =>
        anEvent(tenant.id, group.id, personId, { kind, threadId: thread, occurredAt: at });

      await store().contributions.record(tenant.id, [
        ask('t-answered', day('2026-03-02', '09:00')),
        respond(member.id, 't-answered', day('2026-03-02', '09:05')), // the asker's own follow-up
        respond(owner.id, 't-answered', day('2026-03-03', '10:00')),
        ask('t-open', day('2026-03-02', '11:00')),
      ]);
      // A late-delivered earlier answer moves the first response, and the day that counts it.
      await store().contributions.record(tenant.id, [
        respond(owner.id, 't-answered', day('2026-03-02', '15:00'), 'answer'),
      ]);
      await store().contributions.record(tenant.id, [respond(owner.id, 't-answered', day('2026-03-04'))]);

      expect(await store().contributions.questions(tenant.id, group.id)).toEqual([
        {
          groupId: group.id,
          threadId: 't-answered',
          askerId: member.id,
          askedAt: day('2026-03-02', '09:00'),
          firstResponseAt: day('2026-03-02', '15:00'),
        },
        {
          groupId: group.id,
          threadId: 't-open',
          askerId: member.id,
          askedAt: day('2026-03-02', '11:00'),
          firstResponseAt: null,
        },
      ]);
      const days = await store().contributions.groupDays(tenant.id, group.id, range);
      expect(days.map((d) => [d.day, d.questionsAsked, d.questionsAnswered])).toEqual([
        ['2026-03-02', 2, 1],
        ['2026-03-03', 0, 0],
        ['2026-03-04', 0, 0],
      ]);
    });

    it('knows the platform of the group a person contributed to last', async () => {
      const { tenant, owner, member, group: slackGroup } = await aSmallTenant(store());
      const teamsGroup = aGroup(tenant.id, [owner.id], {
        platformRef: { platform: 'teams', workspaceId: 'tid', id: '19:x' },
      });
      await store().groups.save(teamsGroup);
      const contribute = (groupId: string, date: string) =>
        store().contributions.record(tenant.id, [anEvent(tenant.id, groupId, member.id, { occurredAt: day(date) })]);

      expect(await store().contributions.lastActivePlatform(tenant.id, member.id)).toBeNull();
      await contribute(slackGroup.id, '2026-03-02');
      await contribute(teamsGroup.id, '2026-03-05');
      expect(await store().contributions.lastActivePlatform(tenant.id, member.id)).toBe('teams');
      // A late-delivered older event changes nothing; a newer one does.
      await contribute(slackGroup.id, '2026-03-04');
      expect(await store().contributions.lastActivePlatform(tenant.id, member.id)).toBe('teams');
      await contribute(slackGroup.id, '2026-03-07');
      expect(await store().contributions.lastActivePlatform(tenant.id, member.id)).toBe('slack');
      // Joins are not contributions.
      await store().contributions.record(tenant.id, [
        anEvent(tenant.id, teamsGroup.id, member.id, { kind: 'join', occurredAt: day('2026-03-09') }),
      ]);
      expect(await store().contributions.lastActivePlatform(tenant.id, member.id)).toBe('slack');
      expect(await store().contributions.lastActivePlatform(tenant.id, owner.id)).toBeNull();
    });
  });
}
