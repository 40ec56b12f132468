import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card, ListBlock } from '../../../core/src/cards/card.ts';
import { newWeeklyHourRecord } from '../../../core/src/domain/weekly-hour.ts';
import type { OutboxMessage, Store } from '../../../core/src/ports/store/index.ts';
import type { CoreDeps } from '../../../core/src/use-cases/deps.ts';
import { sendDueDigests } from '../../../core/src/use-cases/digest.ts';
import { aGroup, anEvent, aPerson, aTenant } from '../../support/factories.ts';
import { WallClock } from '../../support/wall-clock.ts';

export type OpenStore = () => Promise<{ store: Store; dispose: () => Promise<void> }>;

const PUBLIC_URL = 'https://steward.example.com';

/**
 * The weekly digest with the clock in the test's hands: each community manager gets it once a
 * week at Monday 09:00 in their own zone, in their own language, whatever the repeats and races.
 */
export function digestSuite(name: string, open: OpenStore): void {
  describe(`community managers' weekly digest on ${name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const clock = new WallClock('2026-11-30T06:00:00Z');
    const deps = (): CoreDeps => ({ store, clock, publicUrl: PUBLIC_URL });
    const seen: OutboxMessage[] = [];

    beforeAll(async () => ({ store, dispose } = await open()));
    afterAll(() => dispose());

    /** Digests enqueued so far to this person (each outbox message is claimed once, so a repeat would show). */
    async function digestsTo(userId: string): Promise<Card[]> {
      seen.push(...(await store.outbox.claimDue(new Date('2100-01-01T00:00:00Z'), 10_000, 1)));
      return seen
        .filter(
          (m) =>
            m.operation === 'send_card' &&
            (m.payload['to'] as { userId: string }).userId === userId &&
            m.dedupeKey?.startsWith('digest:'),
        )
        .map((m) => m.payload['card'] as Card);
    }
    async function run(at: string) {
      clock.set(at);
      return sendDueDigests(deps());
    }

    /**
     * Ana manages from Paris in French, Boris from New York in Russian. "ghost" lost its only owner;
     * "quiet" has twelve members and nobody speaks; "drifting" is alive but its owner let two
     * weekly hours pass; "lively" is fine.
     */
    async function aTenantWithManagers() {
      const tenant = aTenant();
      await store.tenants.save(tenant);
      const ana = aPerson(tenant.id, {
        displayName: 'Ana',
        timeZone: 'Europe/Paris',
        locale: 'fr',
        roles: ['community_manager'],
      });
      const boris = aPerson(tenant.id, {
        displayName: 'Boris',
        timeZone: 'America/New_York',
        locale: 'ru',
        roles: ['community_manager'],
      });
      const gone = aPerson(tenant.id, { deactivatedAt: new Date('2026-10-01T00:00:00Z') });
      const [owner, coOwner, drifter, ...members] = Array.from({ length: 15 }, () => aPerson(tenant.id));
      for (const person of [ana, boris, gone, owner!, coOwner!, drifter!, ...members]) await store.people.save(person);
      const group = (name: string, ownerIds: string[]) =>
        aGroup(tenant.id, ownerIds, { name, purpose: 'A purpose', createdAt: new Date('2026-09-01T00:00:00Z') });
      const ghost = group('ghost', [gone.id]);
      const quiet = group('quiet', [owner!.id, coOwner!.id]);
      const drifting = group('drifting', [drifter!.id, coOwner!.id]);
      const lively = group('lively', [owner!.id, coOwner!.id]);
      for (const g of [ghost, quiet, drifting, lively]) await store.groups.save(g);
      for (const g of [quiet, drifting, lively])
        for (const m of members)
          await store.memberships.recordJoin(tenant.id, g.id, m.id, new Date('2026-09-02T00:00:00Z'));
      const replies = (groupId: string) =>
        members.slice(0, 6).map((m, i) =>
          anEvent(tenant.id, groupId, m.id, {
            kind: 'reply',
            threadId: `t${i}`,
            occurredAt: new Date('2026-11-27T10:00:00Z'),
          }),
        );
      await store.contributions.record(tenant.id, [...replies(drifting.id), ...replies(lively.id)]);
      // The drifter's last two cards (weeks 47 and 48) were never acted on.
      for (const week of ['2026-W47', '2026-W48'] as const) {
        await store.weeklyHours.claim({
          ...newWeeklyHourRecord(tenant.id, drifter!.id, week, new Date('2026-11-16T08:00:00Z')),
          cardSentAt: new Date('2026-11-16T08:00:00Z'),
        });
      }
      return { tenant, ana, boris, ghost, quiet, drifting, lively };
    }

    const userOf = (person: { identities: readonly { userId: string }[] }) => person.identities[0]!.userId;
    const listOf = (card: Card) => card.blocks.find((b): b is ListBlock => b.kind === 'list');

    it('sends each manager one digest at Monday 09:00 in their own zone, in their language', async () => {
      const { ana, boris, ghost, quiet, drifting } = await aTenantWithManagers();
      await run('2026-11-30T07:59:00Z'); // 08:59 in Paris
      expect(await digestsTo(userOf(ana))).toHaveLength(0);
      await run('2026-11-30T08:00:00Z'); // 09:00 in Paris, 03:00 in New York
      const [toAna] = await digestsTo(userOf(ana));
      expect(toAna?.title).toBe('Les groupes à regarder cette semaine');
      expect(toAna?.summary).toBe('3 groupes sur 4 méritent un coup d’œil cette semaine.');
      expect(listOf(toAna!)?.items.map((i) => [i.text, i.link])).toEqual([
        [
          expect.stringMatching(/^\*\*ghost\*\* : aucun propriétaire actif/),
          `${PUBLIC_URL}/dashboard/groups/${ghost.id}`,
        ],
        [
          '**drifting** : un propriétaire a laissé passer l’heure hebdomadaire 2 semaines de suite',
          `${PUBLIC_URL}/dashboard/groups/${drifting.id}`,
        ],
        ['**quiet** : inactif', `${PUBLIC_URL}/dashboard/groups/${quiet.id}`],
      ]);
      expect(await digestsTo(userOf(boris))).toHaveLength(0);

      await run('2026-11-30T13:59:00Z'); // 08:59 in New York
      expect(await digestsTo(userOf(boris))).toHaveLength(0);
      await run('2026-11-30T14:00:00Z');
      const toBoris = await digestsTo(userOf(boris));
      expect(toBoris.map((c) => c.summary)).toEqual(['3 из 4 групп требуют внимания на этой неделе.']);
      expect(JSON.stringify(toBoris[0]?.blocks)).toContain('**quiet**: неактивна');

      // The rest of the week: nothing more; the next Monday, one more each.
      for (const at of ['2026-11-30T14:01:00Z', '2026-12-02T12:00:00Z', '2026-12-06T22:00:00Z']) await run(at);
      expect(await digestsTo(userOf(ana))).toHaveLength(1);
      expect(await digestsTo(userOf(boris))).toHaveLength(1);
      await run('2026-12-07T08:00:00Z');
      await run('2026-12-07T14:00:00Z');
      expect(await digestsTo(userOf(ana))).toHaveLength(2);
      expect(await digestsTo(userOf(boris))).toHaveLength(2);
    });

    it('sends one digest when runs race, and sends it after a run that died before marking it sent', async () => {
      const { tenant, ana, boris } = await aTenantWithManagers();
      clock.set('2026-11-30T15:00:00Z');
      await Promise.all([sendDueDigests(deps()), sendDueDigests(deps()), sendDueDigests(deps())]);
      expect(await digestsTo(userOf(ana))).toHaveLength(1);
      expect(await digestsTo(userOf(boris))).toHaveLength(1);

      // Next week a run claimed both and died before the outbox: the next run sends them, once.
      await store.digests.claimMany(tenant.id, [ana.id, boris.id], '2026-W50', new Date('2026-12-07T14:00:00Z'));
      await run('2026-12-07T14:05:00Z');
      await run('2026-12-07T14:06:00Z');
      expect(await digestsTo(userOf(ana))).toHaveLength(2);
      expect(await digestsTo(userOf(boris))).toHaveLength(2);
    });

    it('tells a manager whose groups are all fine so, in a short digest, and leaves others out', async () => {
      const tenant = aTenant();
      await store.tenants.save(tenant);
      const cleo = aPerson(tenant.id, { roles: ['community_manager'] });
      const owners = [aPerson(tenant.id), aPerson(tenant.id)];
      const bystander = aPerson(tenant.id);
      const members = Array.from({ length: 4 }, () => aPerson(tenant.id));
      for (const person of [cleo, ...owners, bystander, ...members]) await store.people.save(person);
      const group = aGroup(
        tenant.id,
        owners.map((o) => o.id),
        { name: 'fine', purpose: 'Fine', createdAt: new Date('2026-09-01T00:00:00Z') },
      );
      await store.groups.save(group);
      for (const m of members)
        await store.memberships.recordJoin(tenant.id, group.id, m.id, new Date('2026-09-02T00:00:00Z'));
      await store.contributions.record(
        tenant.id,
        members.map((m, i) =>
          anEvent(tenant.id, group.id, m.id, {
            kind: 'reply',
            threadId: `f${i}`,
            occurredAt: new Date('2026-12-10T10:00:00Z'),
          }),
        ),
      );

      await run('2026-12-14T09:00:00Z');
      const [digest] = await digestsTo(userOf(cleo));
      expect(digest?.summary).toBe('The 1 group is fine this week: nothing needs your attention.');
      expect(await digestsTo(userOf(bystander))).toEqual([]);
      expect(await digestsTo(userOf(owners[0]!))).toEqual([]);
    });
  });
}
