import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import {
  type Card,
  enqueue,
  type Group,
  type OutboxMessage,
  type OutboxOperation,
  systemClock,
  type Tenant,
} from '../../core/src/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { eventually } from '../support/eventually.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { FAKE_APP, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeTeamsSettings } from '../support/platform-settings.ts';
import { placeholders, type TeamsFixtureName, teamsActivity } from '../support/teams-activities.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TEAM = '99999999-8888-4777-8666-555555555555';
const ALICE = 'aaaaaaaa-0000-4000-8000-000000000001';
const GENERAL = '19:design-general@thread.tacv2';
const card: Card = { locale: 'en', title: 'Welcome', summary: 'Welcome', blocks: [{ kind: 'text', text: 'Welcome!' }] };

/**
 * The app removed from a team: the `installationUpdate` activity with action "remove", as
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events
 * ("Installation update event") shows it (test/fixtures/teams/installation-update-remove.json).
 */
describe('a Teams app removed from a team', () => {
  const issuer = new LocalBotFrameworkIssuer();
  const fake = new FakeTeams();
  let dataDir: string;
  let steward: RunningSteward;
  let tenant: Tenant;
  let group: Group;
  let serviceUrl: string;

  const activity = (name: TeamsFixtureName) =>
    JSON.stringify(
      teamsActivity(name, placeholders({ tenantId: TENANT, teamId: TEAM, serviceUrl, appId: FAKE_APP.id })),
    );
  const post = (body: string) =>
    fetch(`${steward.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${issuer.serviceToken(FAKE_APP.id, serviceUrl)}`,
      },
      body,
    });
  const send = async (call: OutboxOperation) =>
    (await enqueue({ store: steward.store, clock: systemClock }, tenant.id, 'teams', call)).message;
  const settled = (message: OutboxMessage, status: string) =>
    eventually(async () => {
      const now = await steward.store.outbox.get(tenant.id, message.id);
      expect(now?.status).toBe(status);
      return now!;
    }, 8_000);

  beforeAll(async () => {
    const openIdMetadataUrl = await issuer.start();
    await fake.start();
    serviceUrl = fake.serviceUrl();
    fake.addUser({ id: ALICE, tenantId: TENANT, displayName: 'Alice Martin' });
    fake.addTeam({
      id: TEAM,
      tenantId: TENANT,
      displayName: 'Design',
      members: [ALICE],
      channels: [{ id: GENERAL, displayName: 'General' }],
    });
    dataDir = await mkdtemp(join(tmpdir(), 'steward-teams-removed-'));
    const config = loadConfig({
      STEWARD_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      ...fakeTeamsSettings(fake, openIdMetadataUrl),
    });
    steward = await startSteward(config, createLogger('silent', false));
    tenant = aTenant({ name: 'Northwind' });
    await steward.store.tenants.save(tenant);
    await steward.store.installations.save({
      platform: 'teams',
      workspaceId: TENANT,
      tenantId: tenant.id,
      enterpriseInstall: false,
      installedAt: new Date(),
      secrets: { serviceUrl },
      revokedAt: null,
    });
    const alice = aPerson(tenant.id, { identities: [{ platform: 'teams', workspaceId: TENANT, userId: ALICE }] });
    await steward.store.people.save(alice);
    // Made today, as an install makes it: a group older than the idle policy would be warned about, in the middle of the test.
    group = aGroup(tenant.id, [alice.id], {
      name: 'Design',
      platformRef: { platform: 'teams', workspaceId: TENANT, id: TEAM },
      createdAt: new Date(),
    });
    await steward.store.groups.save(group);
  }, 60_000);

  afterAll(async () => {
    await steward?.stop();
    await fake.stop();
    await issuer.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('cancels the posts waiting for the team, and posts nothing there again without calling Teams', async () => {
    // The team spoke: the app knows where to post in it.
    expect((await post(activity('channel-message.json'))).status).toBe(200);
    await eventually(async () =>
      expect(await steward.store.conversations.find('teams', TENANT, `team:${TEAM}`)).not.toBeNull(),
    );
    // A post Teams throttles for an hour: it is waiting when the app is removed.
    fake.failNext('sendActivity', { status: 429, retryAfter: 3_600 });
    const waiting = await send({ operation: 'post_in_group', payload: { group: group.platformRef, card } });
    await eventually(
      async () =>
        expect(await steward.store.outbox.get(tenant.id, waiting.id)).toMatchObject({ lastError: 'ratelimited' }),
      8_000,
    );

    fake.removeAppFromTeam(TEAM);
    const callsBefore = fake.calls.length;
    expect((await post(activity('installation-update-remove.json'))).status).toBe(200);
    expect(await settled(waiting, 'cancelled')).toMatchObject({ lastError: 'app_removed_from_team' });
    expect(await steward.store.conversations.find('teams', TENANT, `team:${TEAM}`)).toBeNull();

    // Posted later: refused for good, with the reason, and no Bot Connector call.
    const later = await send({ operation: 'post_in_group', payload: { group: group.platformRef, card } });
    expect(await settled(later, 'failed')).toMatchObject({ lastError: 'BotNotInConversationRoster' });
    expect(fake.calls.slice(callsBefore).filter((call) => call.service === 'connector')).toEqual([]);
    expect(fake.channelPosts(GENERAL)).toEqual([]);

    // The app is still installed for people: their cards still go.
    const direct = await send({
      operation: 'send_card',
      payload: { to: { platform: 'teams', workspaceId: TENANT, userId: ALICE }, card },
    });
    await settled(direct, 'sent');
    expect(fake.conversationWith(ALICE)?.activities).toHaveLength(1);
  });
});
