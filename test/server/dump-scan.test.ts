// Privacy (issue 12, item 3): after flows that send real texts through the outbox to Slack's fake
// Web API (a weekly card, a denial with its reason, a nudge, a thank-you), a dump of the whole
// database holds none of the texts Slack received. PostgreSQL when TEST_DATABASE_URL is set
// (pg_dump), else embedded PGlite (every row of every table).
import {
  type CoreDeps,
  decideMembershipRequest,
  isoWeekOf,
  nudgeMember,
  requestMembership,
  type Store,
  sendDueWeeklyHours,
  thankTopContributors,
} from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../apps/slack/src/scopes.ts';
import { PostgresStore } from '../../core/src/stores/postgres/index.ts';
import { dumpDatabase, dumpRows } from '../support/database-dump.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, anEvent, aPerson, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FakeTeams } from '../support/fake-teams/index.ts';
import { deliverUntilEmpty, type FakePlatforms, platformsOnFakes } from '../support/outbox-to-fakes.ts';
import { createTemporaryPostgresDatabase } from '../support/temporary-postgres.ts';
import { WallClock } from '../support/wall-clock.ts';

const WORKSPACE = { id: 'T0DUMP', token: 'xoxb-dump' };
/** Monday 23 November 2026, 09:00 in Paris: the owner's weekly hour. */
const MONDAY = '2026-11-23T08:00:00Z';
const DAY = 86_400_000;
const REASON = 'The steering committee caps this pilot at twelve people until spring';
const serverUrl = process.env['TEST_DATABASE_URL'];

/** Every sentence-like string in what Slack was sent (a message's text and its blocks' texts). */
function sentences(value: unknown): string[] {
  if (typeof value === 'string') return value.length >= 24 && value.includes(' ') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(sentences);
  if (value && typeof value === 'object') return Object.values(value).flatMap(sentences);
  return [];
}

describe(`A database dump holds none of the texts sent (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack({ workspaces: [{ ...WORKSPACE, scopes: SLACK_BOT_SCOPES }] });
  const teams = new FakeTeams();
  const clock = new WallClock(MONDAY);
  let store: Store;
  let dump: () => Promise<string>;
  let dispose: () => Promise<void>;
  let deps: CoreDeps & { clock: WallClock };
  let platforms: FakePlatforms;

  beforeAll(async () => {
    await Promise.all([slack.start(), teams.start()]);
    if (serverUrl) {
      const database = await createTemporaryPostgresDatabase(serverUrl);
      store = await PostgresStore.open({ connectionString: database.url });
      dump = () => dumpDatabase({ DATABASE_URL: database.url });
      dispose = async () => {
        await store.close();
        await database.drop();
      };
    } else {
      const embedded = await openTemporaryEmbeddedStore();
      store = embedded.store;
      dump = () => dumpRows(embedded.connectionString);
      dispose = embedded.dispose;
    }
    deps = { store, clock };
    platforms = platformsOnFakes(store, slack, WORKSPACE, teams);
  }, 120_000);
  afterAll(async () => {
    await dispose?.();
    await Promise.all([slack.stop(), teams.stop()]);
  });

  it('after a weekly card, a denial with a reason, a nudge and a thank-you', async () => {
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const person = (userId: string, locale: 'en' | 'fr' = 'en') => {
      slack.addUser({ id: userId, realName: `Name ${userId}` });
      return aPerson(tenant.id, {
        displayName: `Name ${userId}`,
        locale,
        identities: [{ platform: 'slack', workspaceId: WORKSPACE.id, userId }],
      });
    };
    const [owner, quiet, asker, ...top] = [
      person('U0DOWNER'),
      person('U0DQUIET', 'fr'),
      person('U0DASKER'),
      person('U0DTOP1'),
      person('U0DTOP2'),
    ];
    const members = [owner!, quiet!, ...top];
    slack.addChannel({
      id: 'C0DUMP',
      name: 'dump',
      members: members.map((p) => p.identities[0]!.userId),
      botIsMember: true,
    });
    for (const p of [...members, asker!]) await store.people.save(p);
    const group = aGroup(tenant.id, [owner!.id], {
      name: '#dump',
      membershipPolicy: 'approval',
      platformRef: { platform: 'slack', workspaceId: WORKSPACE.id, id: 'C0DUMP' },
    });
    await store.groups.save(group);
    for (const p of members)
      await store.memberships.recordJoin(tenant.id, group.id, p.id, new Date(clock.now().getTime() - 33 * DAY));
    await store.contributions.record(
      tenant.id,
      top.map((p, n) =>
        anEvent(tenant.id, group.id, p.id, { occurredAt: new Date(clock.now().getTime() - (n + 1) * DAY) }),
      ),
    );

    await sendDueWeeklyHours(deps);
    const requested = await requestMembership(deps, {
      tenantId: tenant.id,
      groupId: group.id,
      requesterId: asker!.id,
      note: null,
    });
    if (!requested.ok) throw new Error(requested.detail);
    expect(
      await decideMembershipRequest(deps, {
        tenantId: tenant.id,
        requestId: requested.value.id,
        deciderId: owner!.id,
        decision: 'denied',
        reason: REASON,
      }),
    ).toMatchObject({ ok: true });
    const week = isoWeekOf(clock.now(), 'Europe/Paris');
    expect(await nudgeMember(deps, owner!, group.id, quiet!.id, week)).toMatchObject({ ok: true });
    expect(await thankTopContributors(deps, owner!, group.id, week)).toMatchObject({ ok: true });
    await deliverUntilEmpty(deps, platforms);

    const posted = slack.callsTo('chat.postMessage').filter((c) => c.outcome === 'ok');
    const to = (channel: string) => posted.filter((c) => c.params['channel'] === channel);
    // Each flow reached Slack: the owner's card, the asker's denial with its reason, the nudge, the thank-you.
    expect(to('U0DOWNER').length).toBeGreaterThan(0);
    expect(JSON.stringify(to('U0DASKER').map((c) => c.params))).toContain(REASON);
    expect(to('U0DQUIET')).toHaveLength(1);
    expect(to('C0DUMP')).toHaveLength(1);

    const sent = [...new Set(posted.flatMap((c) => sentences([c.params['text'], c.params['blocks']])))];
    expect(sent.length).toBeGreaterThan(4);
    const database = await dump();
    expect(database).toContain(group.id);
    const found = sent.filter(
      (text) => database.includes(text) || database.includes(JSON.stringify(text).slice(1, -1)),
    );
    expect(found).toEqual([]);
  }, 180_000);
});
