import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../../core/src/cards/card.ts';
import type { Group } from '../../../core/src/domain/group.ts';
import type { Person } from '../../../core/src/domain/person.ts';
import type { Tenant } from '../../../core/src/domain/tenant.ts';
import { ErrorCode } from '../../../core/src/errors.ts';
import type { OutboxMessage, Store } from '../../../core/src/ports/store/index.ts';
import { performCardAction, viewCard } from '../../../core/src/use-cases/card-actions.ts';
import type { CoreDeps } from '../../../core/src/use-cases/deps.ts';
import { saveSettings } from '../../../core/src/use-cases/settings.ts';
import { sendDueWeeklyHours } from '../../../core/src/use-cases/weekly-hour/send-due-cards.ts';
import { aGroup, anEvent, anInstallation, aPerson, aTenant } from '../../support/factories.ts';
import { WallClock } from '../../support/wall-clock.ts';

export type OpenStore = () => Promise<{ store: Store; dispose: () => Promise<void> }>;

const HOUR = 3_600_000;

/**
 * The weekly hour, with the clock in the test's hands: one card per owner and week at their local
 * time, whatever the zone, the daylight-saving change, the crashes and the racing workers.
 */
export function weeklyHourSuite(name: string, open: OpenStore): void {
  describe(`weekly hour on ${name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const clock = new WallClock('2026-11-23T07:00:00Z');
    const deps = (): CoreDeps => ({ store, clock });
    // Outbox messages seen so far, per tenant: each claimed once, so repeats would show as extra rows.
    const seen = new Map<string, OutboxMessage[]>();

    beforeAll(async () => ({ store, dispose } = await open()));
    afterAll(() => dispose());

    async function outbox(tenantId: string): Promise<OutboxMessage[]> {
      const claimed = await store.outbox.claimDue(new Date('2100-01-01T00:00:00Z'), 10_000, 1);
      for (const message of claimed) seen.set(message.tenantId, [...(seen.get(message.tenantId) ?? []), message]);
      return seen.get(tenantId) ?? [];
    }
    const cardsTo = async (tenantId: string, userId: string) =>
      (await outbox(tenantId)).filter(
        (m) => m.operation === 'send_card' && (m.payload['to'] as { userId: string }).userId === userId,
      );
    const weeklyCardsTo = async (tenantId: string, userId: string) =>
      (await cardsTo(tenantId, userId)).filter((m) => (m.payload['card'] as Card).refresh?.id === 'weekly_hour.view');

    async function run(at: string) {
      clock.set(at);
      return sendDueWeeklyHours(deps());
    }

    /** A tenant whose owner (in `timeZone`, weekly hour Monday 09:00) and co-owner share one group. */
    async function anOwner(timeZone: string, overrides: Partial<Person> = {}, tenantOverrides: Partial<Tenant> = {}) {
      const tenant = aTenant(tenantOverrides);
      await store.tenants.save(tenant);
      const owner = aPerson(tenant.id, { timeZone, ...overrides });
      const coOwner = aPerson(tenant.id, { timeZone });
      await store.people.save(owner);
      await store.people.save(coOwner);
      const group: Group = aGroup(tenant.id, [owner.id, coOwner.id], { purpose: 'Design crits' });
      await store.groups.save(group);
      // The co-owner's own card is out of the way: their hour is on Sunday night.
      await store.people.save({ ...coOwner, weeklyHour: { weekday: 7, time: '23:45' } });
      return { tenant, owner, coOwner, group };
    }
    const userOf = (person: Person) => person.identities[0]?.userId ?? '';

    it('sends the card at the owner’s weekday and local time, once', async () => {
      clock.set('2026-11-23T06:00:00Z');
      const { tenant, owner } = await anOwner('Europe/Paris');
      await run('2026-11-23T07:59:00Z');
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(0);
      await run('2026-11-23T08:00:00Z');
      await run('2026-11-23T08:01:00Z');
      await run('2026-11-24T08:00:00Z');
      const cards = await weeklyCardsTo(tenant.id, userOf(owner));
      expect(cards).toHaveLength(1);
      expect(cards[0]?.dedupeKey).toBe(`weekly_hour:${owner.id}:2026-W48`);
      const record = await store.weeklyHours.get(tenant.id, owner.id, '2026-W48');
      expect(record).toMatchObject({ status: 'pending', cardSentAt: new Date('2026-11-23T08:00:00Z') });
    });

    it.each([
      // Paris: CET until 29 March 2026, CEST after; 09:00 local is 08:00 then 07:00 UTC.
      ['Europe/Paris', '2026-03-23T08:00:00Z', '2026-03-30T07:00:00Z'],
      // Sydney: AEDT until 5 April 2026, AEST after; 09:00 local is 22:00 then 23:00 UTC the day before.
      ['Australia/Sydney', '2026-03-29T22:00:00Z', '2026-04-05T23:00:00Z'],
    ])('keeps 09:00 local in %s across the daylight-saving change', async (zone, before, after) => {
      clock.set(new Date(new Date(before).getTime() - 2 * HOUR).toISOString());
      const { tenant, owner } = await anOwner(zone);
      await run(new Date(new Date(before).getTime() - 60_000).toISOString());
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(0);
      await run(before);
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(1);
      await run(new Date(new Date(after).getTime() - 60_000).toISOString());
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(1);
      await run(after);
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(2);
    });

    it('follows an owner who moves to another time zone, either way', async () => {
      clock.set('2026-11-16T12:00:00Z');
      const { tenant, owner } = await anOwner('Europe/Paris');
      await run('2026-11-16T12:00:00Z'); // this week's card goes at once: they just became an owner
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(1);

      // West: New York's Monday 09:00 is 14:00 UTC, after Paris's.
      const moved = { ...owner, timeZone: 'America/New_York' };
      await store.people.save(moved);
      await run('2026-11-23T08:00:00Z');
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(1);
      await run('2026-11-23T14:00:00Z');
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(2);

      // East, through the settings: Tokyo's Monday 09:00 is Sunday 24:00 UTC, before New York's.
      clock.set('2026-11-25T12:00:00Z');
      const { updatePersonProfile } = await import('../../../core/src/use-cases/record-platform-activity.ts');
      await store.installations.save(anInstallation(tenant.id, 'slack', 'T1', clock.now()));
      await updatePersonProfile(deps(), owner.identities[0]!, {
        displayName: owner.displayName,
        email: owner.email,
        timeZone: 'Asia/Tokyo',
        locale: 'en',
        isBot: false,
        deleted: false,
      });
      await run('2026-11-30T00:00:00Z');
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(3);
    });

    it('sends one card to an owner of groups on both platforms, on the one they used last or chose', async () => {
      clock.set('2026-11-23T06:00:00Z');
      const teams = { platform: 'teams' as const, workspaceId: 'aad-tenant', userId: 'aad-owner' };
      const { tenant, owner } = await anOwner('Europe/Paris');
      const both = { ...owner, identities: [...owner.identities, teams] };
      await store.people.save(both);
      const teamsGroup = aGroup(tenant.id, [owner.id], {
        platformRef: { platform: 'teams', workspaceId: 'aad-tenant', id: '19:team@thread.tacv2' },
      });
      await store.groups.save(teamsGroup);
      await store.contributions.record(tenant.id, [
        anEvent(tenant.id, teamsGroup.id, owner.id, {
          platform: 'teams',
          occurredAt: new Date('2026-11-22T10:00:00Z'),
        }),
      ]);
      await run('2026-11-23T08:00:00Z');
      const all = (await outbox(tenant.id)).filter(
        (m) => m.operation === 'send_card' && m.dedupeKey?.startsWith(`weekly_hour:${owner.id}`),
      );
      expect(all.map((m) => [m.platform, (m.payload['to'] as { userId: string }).userId])).toEqual([
        ['teams', 'aad-owner'],
      ]);
      const card = all[0]?.payload['card'] as Card;
      expect(card.blocks.filter((b) => b.kind === 'text' && b.text.startsWith('['))).toHaveLength(2);

      await store.people.save({ ...both, preferredPlatform: 'slack' });
      await run('2026-11-30T08:00:00Z');
      const next = (await outbox(tenant.id)).filter((m) => m.dedupeKey === `weekly_hour:${owner.id}:2026-W49`);
      expect(next.map((m) => m.platform)).toEqual(['slack']);
    });

    it('sends one card however many workers race for the same owner', async () => {
      clock.set('2026-11-23T06:00:00Z');
      const { tenant, owner } = await anOwner('Europe/Paris');
      await run('2026-11-23T06:00:00Z');
      clock.set('2026-11-23T08:00:00Z');
      await Promise.all(Array.from({ length: 6 }, () => sendDueWeeklyHours(deps())));
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(1);
    });

    it('still sends the card, once, after a crash between the record and the message', async () => {
      clock.set('2026-11-23T06:00:00Z');
      const { tenant, owner } = await anOwner('Europe/Paris');
      await run('2026-11-23T06:00:00Z');
      // The first worker claims the week, then dies before the outbox hears of it.
      let failures = 1;
      const crashing: Store = new Proxy(store, {
        get(target, key) {
          if (key !== 'outbox') return Reflect.get(target, key);
          return new Proxy(target.outbox, {
            get(outboxTarget, method) {
              const real = Reflect.get(outboxTarget, method) as (...args: unknown[]) => unknown;
              if (method === 'enqueueMany' && failures-- > 0) return () => Promise.reject(new Error('worker died'));
              return real.bind(outboxTarget);
            },
          });
        },
      });
      clock.set('2026-11-23T08:00:00Z');
      await expect(sendDueWeeklyHours({ store: crashing, clock })).rejects.toThrow('worker died');
      expect(await store.weeklyHours.get(tenant.id, owner.id, '2026-W48')).toMatchObject({
        status: 'pending',
        cardSentAt: null,
      });
      await run('2026-11-23T08:01:00Z');
      await run('2026-11-23T08:02:00Z');
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(1);
    });

    describe('the card’s buttons', () => {
      async function ownerWithCard() {
        clock.set('2026-11-23T06:00:00Z');
        const setup = await anOwner('Europe/Paris');
        await run('2026-11-23T08:00:00Z');
        const value = `${setup.owner.id}:2026-W48`;
        return { ...setup, value };
      }

      it('marks the hour done once, for the owner only, and times the first action', async () => {
        const { tenant, owner, coOwner, value } = await ownerWithCard();
        clock.set('2026-11-23T09:30:00Z');
        expect(await performCardAction(deps(), coOwner, { id: 'weekly_hour.done', value })).toMatchObject({
          ok: false,
          code: ErrorCode.NotYourCard,
        });
        const done = await performCardAction(deps(), owner, { id: 'weekly_hour.done', value });
        expect(done.ok && done.value.summary).toMatch(/^Thank you! Your weekly hour is logged/);
        expect(await performCardAction(deps(), owner, { id: 'weekly_hour.done', value })).toMatchObject({
          ok: false,
          code: ErrorCode.AlreadyActed,
        });
        expect(await store.weeklyHours.get(tenant.id, owner.id, '2026-W48')).toMatchObject({
          status: 'done',
          doneAt: new Date('2026-11-23T09:30:00Z'),
          firstActionAt: new Date('2026-11-23T09:30:00Z'),
        });
        const [entry] = await store.audit.list(tenant.id, { subjectId: value, limit: 5 });
        expect(entry).toMatchObject({
          action: 'weekly_hour.done',
          actorId: owner.id,
          details: { secondsToFirstAction: 5400 },
        });
      });

      it('answers a forged or garbled button with not found, touching nothing', async () => {
        const { tenant, owner } = await ownerWithCard();
        for (const forged of ["x'; DROP TABLE people; --", 'not-an-id:2026-W48', `${owner.id}:2026-W99`]) {
          expect(await performCardAction(deps(), owner, { id: 'weekly_hour.done', value: forged })).toMatchObject({
            ok: false,
            code: ErrorCode.NotFound,
          });
          expect(await performCardAction(deps(), owner, { id: 'member.nudge', value: forged })).toMatchObject({
            ok: false,
            code: ErrorCode.NotFound,
          });
        }
        expect(await viewCard(deps(), owner, { id: 'membership_request.view', value: 'nope' })).toMatchObject({
          ok: false,
          code: ErrorCode.NotFound,
        });
        expect(await viewCard(deps(), owner, { id: 'weekly_hour.view', value: 'nope' })).toMatchObject({
          ok: false,
          code: ErrorCode.NotFound,
        });
        expect(await store.weeklyHours.get(tenant.id, owner.id, '2026-W48')).toMatchObject({ status: 'pending' });
      });

      it('refuses last week’s card once the week is over', async () => {
        const { owner, value } = await ownerWithCard();
        clock.set('2026-11-30T09:30:00Z');
        expect(await performCardAction(deps(), owner, { id: 'weekly_hour.done', value })).toMatchObject({
          ok: false,
          code: ErrorCode.WrongWeek,
        });
      });

      it('brings a snoozed card back at the same time tomorrow', async () => {
        const { tenant, owner, value } = await ownerWithCard();
        clock.set('2026-11-23T10:00:00Z');
        const snoozed = await performCardAction(deps(), owner, { id: 'weekly_hour.snooze', value });
        expect(snoozed.ok && snoozed.value.summary).toMatch(/^Snoozed: this card comes back Tue 24 Nov, 11:00/);
        await run('2026-11-24T09:59:00Z');
        expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(1);
        await run('2026-11-24T10:00:00Z');
        await run('2026-11-24T10:01:00Z');
        expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(2);
        expect(await store.weeklyHours.get(tenant.id, owner.id, '2026-W48')).toMatchObject({
          status: 'pending',
          snoozedUntil: null,
        });
      });

      it('skips the week with the reason given', async () => {
        const { tenant, owner, value } = await ownerWithCard();
        const skipped = await performCardAction(deps(), owner, {
          id: 'weekly_hour.skip',
          value,
          input: '  On holiday ',
        });
        expect(skipped.ok && skipped.value.blocks).toContainEqual({ kind: 'context', text: 'Reason: On holiday' });
        expect(await store.weeklyHours.get(tenant.id, owner.id, '2026-W48')).toMatchObject({
          status: 'skipped',
          skipReason: 'On holiday',
        });
      });

      it('hands the week to a co-owner, who gets the card and can finish it', async () => {
        const { tenant, owner, coOwner, value } = await ownerWithCard();
        const stranger = aPerson(tenant.id);
        await store.people.save(stranger);
        expect(
          await performCardAction(deps(), owner, { id: 'weekly_hour.delegate', value: `${value}:${stranger.id}` }),
        ).toMatchObject({ ok: false, code: ErrorCode.InvalidInput });

        const handed = await performCardAction(deps(), owner, {
          id: 'weekly_hour.delegate',
          value: `${value}:${coOwner.id}`,
        });
        expect(handed.ok && handed.value.summary).toBe(`Handed to ${coOwner.displayName} for this week.`);
        const theirs = await weeklyCardsTo(tenant.id, userOf(coOwner));
        expect(theirs.map((m) => (m.payload['card'] as Card).title)).toEqual([`Weekly hour of ${owner.displayName}`]);

        expect(await performCardAction(deps(), coOwner, { id: 'weekly_hour.done', value })).toMatchObject({ ok: true });
        expect(await store.weeklyHours.get(tenant.id, owner.id, '2026-W48')).toMatchObject({
          status: 'done',
          delegateId: coOwner.id,
        });
        const told = (await cardsTo(tenant.id, userOf(owner))).filter((m) => m.dedupeKey?.endsWith(':delegate_done'));
        expect(told.map((m) => (m.payload['card'] as Card).summary)).toEqual([
          `${coOwner.displayName} did your weekly hour this week.`,
        ]);
      });

      it('welcomes the week’s new members in the group, once, mentioning them', async () => {
        const { tenant, owner, group, value } = await ownerWithCard();
        const newcomer = aPerson(tenant.id);
        await store.people.save(newcomer);
        await store.memberships.recordJoin(tenant.id, group.id, newcomer.id, new Date('2026-11-22T10:00:00Z'));
        clock.set('2026-11-23T09:00:00Z');
        const welcomed = await performCardAction(deps(), owner, {
          id: 'member.welcome',
          value: `${group.id}|${value}`,
        });
        expect(welcomed.ok && welcomed.value.blocks[0]).toEqual({
          kind: 'context',
          text: `Welcome posted in ${group.name}.`,
        });
        expect(
          await performCardAction(deps(), owner, { id: 'member.welcome', value: `${group.id}|${value}` }),
        ).toMatchObject({ ok: false, code: ErrorCode.AlreadyActed });
        const posts = (await outbox(tenant.id)).filter((m) => m.operation === 'post_in_group');
        expect(posts).toHaveLength(1);
        expect((posts[0]!.payload['card'] as Card).summary).toContain(
          `@[${newcomer.displayName}](${userOf(newcomer)})`,
        );
      });
    });

    it('tells the co-owners after two missed weeks and the community managers after three', async () => {
      clock.set('2026-11-02T06:00:00Z');
      const { tenant, owner, coOwner } = await anOwner('Europe/Paris');
      const manager = aPerson(tenant.id, { roles: ['community_manager'] });
      await store.people.save(manager);
      const escalations = async () =>
        (await outbox(tenant.id))
          .filter((m) => m.dedupeKey?.startsWith(`escalation:${owner.id}`))
          .map((m) => [m.dedupeKey?.split(':')[2], (m.payload['to'] as { userId: string }).userId])
          .sort((a, b) => String(a).localeCompare(String(b)));

      await run('2026-11-02T08:00:00Z'); // W45: first card
      await run('2026-11-09T08:00:00Z'); // W46: one week missed
      expect(await escalations()).toEqual([]);
      await run('2026-11-16T08:00:00Z'); // W47: two weeks missed
      expect(await escalations()).toEqual([['2026-W47', userOf(coOwner)]]);
      await run('2026-11-23T08:00:00Z'); // W48: three weeks missed
      expect(await escalations()).toEqual(
        [
          ['2026-W47', userOf(coOwner)],
          ['2026-W48', userOf(coOwner)],
          ['2026-W48', userOf(manager)],
        ].sort((a, b) => String(a).localeCompare(String(b))),
      );
      const text = (
        (await outbox(tenant.id)).find((m) => m.dedupeKey === `escalation:${owner.id}:2026-W48:${manager.id}`)!.payload[
          'card'
        ] as Card
      ).summary;
      expect(text).toContain('for 3 weeks in a row');
    });

    it('moves the card when the owner chooses another weekly hour', async () => {
      clock.set('2026-11-23T06:00:00Z');
      const { tenant, owner, group } = await anOwner('Europe/Paris');
      await run('2026-11-23T06:00:00Z');
      const saved = await saveSettings(deps(), owner, {
        weekday: '3',
        time: '14:30',
        groupId: group.id,
        purpose: 'x',
        reviewIntervalDays: '90',
        membershipPolicy: 'open',
      });
      expect(saved.ok).toBe(true);
      await run('2026-11-23T08:00:00Z');
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(0);
      await run('2026-11-25T13:30:00Z');
      expect(await weeklyCardsTo(tenant.id, userOf(owner))).toHaveLength(1);
    });
  });
}
