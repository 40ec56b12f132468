import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/src/domain/ids.ts';
import { RESPONSE_KINDS } from '../../../core/src/domain/question.ts';
import { aGroup, anEvent, aSmallTenant } from '../../support/factories.ts';
import type { GetStore } from './context.ts';

const at = (iso: string) => new Date(iso);

export function questionEscalationsContract(store: GetStore) {
  describe('question escalations', () => {
    /** A tenant with an active group (target 24 h), a second one (target 4 h) and an archived one. */
    async function groupsWithQuestions() {
      const small = await aSmallTenant(store());
      const { tenant, owner, member, group } = small;
      const fast = aGroup(tenant.id, [owner.id], { responseTargetHours: 4 });
      const archived = aGroup(tenant.id, [owner.id], { state: 'archived' });
      await store().groups.save(fast);
      await store().groups.save(archived);
      const ask = (groupId: string, thread: string, asked: string) =>
        anEvent(tenant.id, groupId, member.id, { threadId: thread, asksQuestion: true, occurredAt: at(asked) });
      await store().contributions.record(tenant.id, [
        ask(group.id, 'too-old', '2026-02-27T10:00:00Z'),
        ask(group.id, 'b', '2026-03-02T10:00:00Z'),
        ask(fast.id, 'same-time', '2026-03-02T10:00:00Z'),
        ask(group.id, 'answered', '2026-03-03T10:00:00Z'),
        anEvent(tenant.id, group.id, owner.id, {
          kind: 'reply',
          threadId: 'answered',
          occurredAt: at('2026-03-03T11:00:00Z'),
        }),
        ask(archived.id, 'archived', '2026-03-04T10:00:00Z'),
        ask(group.id, 'young', '2026-03-05T10:00:00Z'),
        ask(group.id, 'too-young', '2026-03-09T10:00:00Z'),
      ]);
      return { ...small, fast, archived };
    }
    const window = { from: at('2026-03-01T00:00:00Z'), before: at('2026-03-08T00:00:00Z') };

    it('lists the open questions of active groups asked in the window, oldest first, with the last step and the group’s target', async () => {
      const { tenant, group, fast, member } = await groupsWithQuestions();
      const open = await store().questionEscalations.listOpen(tenant.id, window, 10);
      // Same instant: by group id, then thread.
      const sameTime = [
        { groupId: group.id, threadId: 'b', responseTargetHours: 24 },
        { groupId: fast.id, threadId: 'same-time', responseTargetHours: 4 },
      ].sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
      expect(
        open.map((q) => ({ groupId: q.groupId, threadId: q.threadId, responseTargetHours: q.responseTargetHours })),
      ).toEqual([...sameTime, { groupId: group.id, threadId: 'young', responseTargetHours: 24 }]);
      expect(open[0]).toMatchObject({
        askerId: member.id,
        askedAt: at('2026-03-02T10:00:00Z'),
        firstResponseAt: null,
        escalation: null,
      });
    });

    it('pages by age after a cursor, and leaves another tenant’s questions out', async () => {
      const { tenant } = await groupsWithQuestions();
      const other = await groupsWithQuestions();
      const first = await store().questionEscalations.listOpen(tenant.id, window, 2);
      expect(first).toHaveLength(2);
      const rest = await store().questionEscalations.listOpen(tenant.id, window, 2, first[1]);
      expect(rest.map((q) => q.threadId)).toEqual(['young']);
      expect(await store().questionEscalations.listOpen(tenant.id, window, 2, rest[0])).toEqual([]);
      expect(
        (await store().questionEscalations.listOpen(other.tenant.id, window, 10)).every(
          (q) => q.groupId !== first[0]!.groupId,
        ),
      ).toBe(true);
    });

    it('advances a step once, only from the step expected, only while the question is open; the last step leaves the ladder', async () => {
      const { tenant, group, owner } = await groupsWithQuestions();
      const question = { groupId: group.id, threadId: 'b' };
      const racing = await Promise.all(
        [1, 2, 3].map(() => store().questionEscalations.advance(tenant.id, question, null, 'remind')),
      );
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect(await store().questionEscalations.advance(tenant.id, question, null, 'helpers')).toBe(false);
      expect(await store().questionEscalations.advance(tenant.id, question, 'remind', 'helpers')).toBe(true);
      expect(
        (await store().questionEscalations.listOpen(tenant.id, window, 10)).find((q) => q.threadId === 'b')?.escalation,
      ).toBe('helpers');

      expect(await store().questionEscalations.advance(tenant.id, question, 'helpers', 'digest')).toBe(true);
      expect((await store().questionEscalations.listOpen(tenant.id, window, 10)).map((q) => q.threadId)).not.toContain(
        'b',
      );
      expect(
        await store().questionEscalations.advance(
          tenant.id,
          { groupId: group.id, threadId: 'answered' },
          null,
          'remind',
        ),
      ).toBe(false);
      expect(
        await store().questionEscalations.advance(
          tenant.id,
          { groupId: group.id, threadId: 'no-such-thread' },
          null,
          'remind',
        ),
      ).toBe(false);

      // Answered once it reached the digest: it leaves the digest's list too.
      const young = { groupId: group.id, threadId: 'young' };
      await store().questionEscalations.advance(tenant.id, young, null, 'digest');
      expect(
        (await store().questionEscalations.listAtStep(tenant.id, 'digest', 10)).items.map((q) => q.threadId),
      ).toEqual(['b', 'young']);
      await store().contributions.record(tenant.id, [
        anEvent(tenant.id, group.id, owner.id, {
          kind: 'answer',
          threadId: 'young',
          occurredAt: at('2026-03-09T10:00:00Z'),
        }),
      ]);
      expect(
        (await store().questionEscalations.listAtStep(tenant.id, 'digest', 10)).items.map((q) => q.threadId),
      ).toEqual(['b']);
    });

    it('lists the open questions at a step oldest first, at most the limit, with how many there are', async () => {
      const { tenant, group, fast } = await groupsWithQuestions();
      for (const [groupId, threadId] of [
        [group.id, 'young'],
        [group.id, 'too-young'],
        [fast.id, 'same-time'],
        [group.id, 'too-old'],
      ] as const) {
        expect(await store().questionEscalations.advance(tenant.id, { groupId, threadId }, null, 'digest')).toBe(true);
      }
      await store().questionEscalations.advance(tenant.id, { groupId: group.id, threadId: 'b' }, null, 'remind');
      const listed = await store().questionEscalations.listAtStep(tenant.id, 'digest', 2);
      expect(listed.total).toBe(4);
      expect(listed.items.map((q) => q.threadId)).toEqual(['too-old', 'same-time']);
      expect(listed.items[0]).toEqual({
        groupId: group.id,
        threadId: 'too-old',
        askerId: listed.items[0]!.askerId,
        askedAt: at('2026-02-27T10:00:00Z'),
        firstResponseAt: null,
      });
      expect(await store().questionEscalations.listAtStep(tenant.id, 'helpers', 5)).toEqual({ items: [], total: 0 });
    });

    it('ranks each group’s members by responses over a range, best first, in one read for many groups', async () => {
      const { tenant, group, fast, owner } = await groupsWithQuestions();
      const [a, b, c, d] = Array.from({ length: 4 }, () => newId());
      const on = (groupId: string, personId: string, kind: 'reply' | 'answer' | 'post', day: string) =>
        anEvent(tenant.id, groupId, personId, { kind, threadId: 't', occurredAt: at(`${day}T12:00:00Z`) });
      await store().contributions.record(tenant.id, [
        on(group.id, a!, 'reply', '2026-03-01'),
        on(group.id, a!, 'answer', '2026-03-02'),
        on(group.id, b!, 'reply', '2026-03-02'),
        on(group.id, b!, 'reply', '2026-03-03'),
        on(group.id, b!, 'reply', '2026-03-04'),
        on(group.id, c!, 'post', '2026-03-02'), // posts are no responses
        on(group.id, d!, 'reply', '2026-02-01'), // before the range
        on(group.id, c!, 'answer', '2026-03-05'),
        on(fast.id, d!, 'answer', '2026-03-05'),
      ]);
      const range = { from: '2026-02-10', to: '2026-03-10' };
      const ranked = await store().metrics.topMembers(tenant.id, [fast.id, group.id], range, RESPONSE_KINDS, 2);
      expect(ranked).toEqual([
        { groupId: fast.id, personId: d, count: 1 },
        { groupId: group.id, personId: b, count: 3 },
        { groupId: group.id, personId: a, count: 2 },
      ]);
      const all = await store().metrics.topMembers(tenant.id, [group.id], range, RESPONSE_KINDS, 10);
      // The owner's reply to 'answered' counts too; ties go by person id.
      expect(all.map((r) => r.personId)).toEqual([b, a, ...[c!, owner.id].sort()]);
      expect(await store().metrics.topMembers(tenant.id, [], range, RESPONSE_KINDS, 3)).toEqual([]);
    });
  });
}
