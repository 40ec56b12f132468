import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import { RateLimiter } from '../../apps/teams/src/web/rate-limiter.ts';
import { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import { askToJoin, type Clock, DEFAULT_DELIVERY, deliverOutbox, type Store } from '../../core/src/index.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { FAKE_APP, FakeTeams } from '../support/fake-teams/index.ts';
import { scaledLimiterClock } from '../support/scaled-clock.ts';
import { silentLogger } from '../support/silent-logger.ts';

// Issue "A real install works from day one", item 8: a membership request card for a team of more
// than 60 owners still goes to every owner. Teams takes at most 60 people in `refresh.userIds`
// (user-specific-views); the card used to fail to render, and so never left the outbox.

// Microsoft's limits kept, on both sides, on a clock 100 times faster than real time.
const SCALE = 0.01;
const AT = new Date('2026-03-02T09:00:00Z');

describe('a membership request in a team of more than 60 owners', () => {
  const fake = new FakeTeams({ timeScale: SCALE });
  let store: Store;
  let dispose: () => Promise<void>;
  const clock: Clock = { now: () => AT };

  beforeAll(async () => {
    ({ store, dispose } = await openTemporaryEmbeddedStore());
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
    await dispose();
  });

  it.each([61, 100])(
    'reaches each of %i owners, in their own chat, with a card that refreshes there',
    async (count) => {
      const workspaceId = `${String(count).padStart(8, '0')}-1111-4000-8000-000000000000`;
      const teamsUser = (n: number) =>
        `${String(count).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
      fake.addTenant({ id: workspaceId, permissions: null });
      const tenant = aTenant();
      await store.tenants.save(tenant);
      const person = (n: number, name: string) => {
        fake.addUser({ id: teamsUser(n), tenantId: workspaceId, displayName: name });
        return aPerson(tenant.id, {
          displayName: name,
          identities: [{ platform: 'teams', workspaceId, userId: teamsUser(n) }],
        });
      };
      const owners = Array.from({ length: count }, (_, n) => person(n, `Owner ${n}`));
      const requester = person(count, 'Chloé Dubois');
      for (const p of [...owners, requester]) await store.people.save(p);
      const group = aGroup(
        tenant.id,
        owners.map((owner) => owner.id),
        { name: 'Design', platformRef: { platform: 'teams', workspaceId, id: teamsUser(999) } },
      );
      await store.groups.save(group);

      expect(await askToJoin({ store, clock }, requester, group.platformRef, null)).toMatchObject({ ok: true });
      const teams = new TeamsPlatform({
        appId: FAKE_APP.id,
        appPassword: FAKE_APP.secret,
        tokenUrl: fake.tokenUrl,
        graphUrl: fake.graphUrl,
        conversations: store.conversations,
        serviceUrlFor: async () => fake.serviceUrl(),
        render: renderAdaptiveCard,
        limiter: new RateLimiter(scaledLimiterClock(SCALE)),
      });
      while ((await deliverOutbox({ store, clock }, { teams }, silentLogger, DEFAULT_DELIVERY)) > 0);

      expect(await store.outbox.listFailed(tenant.id, 10)).toEqual([]);
      for (const [n] of owners.entries()) {
        const [posted] = fake.conversationWith(teamsUser(n))?.activities ?? [];
        const content = (
          posted?.body as { attachments: { content: { refresh: unknown; body: unknown } }[] } | undefined
        )?.attachments[0]?.content;
        // No list of people: in a 1:1 chat Teams then refreshes the card for its member.
        expect(content?.refresh, `owner ${n}`).toStrictEqual({
          action: { type: 'Action.Execute', verb: 'membership_request.view', data: { value: expect.any(String) } },
        });
        expect(JSON.stringify(content?.body)).toContain('membership_request.approve');
      }
    },
  );
});
