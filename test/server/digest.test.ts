// The community managers' weekly digest end to end (issue 10, item 6), through the real server,
// its scheduler and its outbox, to Slack's fake Web API and Microsoft's fake Bot Connector. Two
// managers are named by e-mail in STEWARD_COMMUNITY_MANAGERS: Carla on Slack (English), Dmitri on
// Teams (Russian). Each gets the week's digest in their chat, listing the ownerless and the idle
// group with their reasons and dashboard links; Carla's App Home shows the same summary, another
// person's does not. On PostgreSQL when TEST_DATABASE_URL is set, else on embedded PGlite.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import { cardDueAt, DIGEST_SLOT, type Group, isoWeekOf } from '../../core/src/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { eventually } from '../support/eventually.ts';
import { aGroup, aPerson } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeSlackSettings, fakeTeamsSettings } from '../support/platform-settings.ts';
import { asEvent, postToSlackEndpoint } from '../support/slack-requests.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';

const SLACK_TEAM = 'T0DIGEST';
const SLACK_TOKEN = 'xoxb-digest';
const ENTRA = FAKE_TENANT.id;
const DMITRI = 'dddddddd-0000-4000-8000-00000000d1d1';
const PUBLIC_URL = 'https://steward.example.com';
const serverUrl = process.env['TEST_DATABASE_URL'];

/**
 * A zone where this week's digest (Monday 09:00 local) is already due, whenever the test runs: the
 * three zones' Monday mornings are apart, so one of them is always past its 09:00.
 */
function zoneWithDigestDue(now = new Date()): string {
  const zone = ['Europe/Paris', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'].find(
    (tz) => cardDueAt(DIGEST_SLOT, tz, isoWeekOf(now, tz)) <= now,
  );
  if (!zone) throw new Error('no zone has its digest due');
  return zone;
}

describe(`The weekly digest reaches community managers on Slack and Teams (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack();
  const teams = new FakeTeams();
  const issuer = new LocalBotFrameworkIssuer();
  let env: Record<string, string>;
  let steward: RunningSteward;
  let cleanup: () => Promise<void>;
  let ghost: Group;
  let quiet: Group;

  beforeAll(async () => {
    await slack.start();
    slack.addWorkspace({ id: SLACK_TEAM, token: SLACK_TOKEN });
    slack.addUser({ id: slack.botUserId, realName: 'Group Steward', isBot: true });
    slack.addUser({ id: 'U0CARLA', realName: 'Carla Rossi', email: 'carla@northwind.example' });
    slack.addUser({ id: 'U0OWEN', realName: 'Owen Park', email: 'owen@northwind.example' });
    const openIdMetadataUrl = await issuer.start();
    await teams.start();
    teams.addTenant({ id: ENTRA, permissions: null });
    teams.addUser({ id: DMITRI, tenantId: ENTRA, displayName: 'Dmitri Orlov', mail: 'dmitri@northwind.example' });

    const database = serverUrl ? await createTemporaryPostgresDatabase(serverUrl) : null;
    const dataDir = database ? null : await mkdtemp(join(tmpdir(), 'steward-digest-'));
    env = {
      ...(database
        ? { DATABASE_URL: database.url, STEWARD_SECRET_KEYS: TEST_SECRET_KEYS }
        : { STEWARD_DATA_DIR: dataDir! }),
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      STEWARD_PUBLIC_URL: PUBLIC_URL,
      STEWARD_COMMUNITY_MANAGERS: 'carla@northwind.example,dmitri@northwind.example',
      ...fakeSlackSettings(slack, SLACK_TOKEN),
      ...fakeTeamsSettings(teams, openIdMetadataUrl),
    };
    cleanup = async () => {
      await database?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    };

    // A first start makes the Slack workspace's tenant; the company's people and groups are then
    // as the platforms would have made them, and the second start grants the configured roles.
    const first = await startSteward(loadConfig(env), createLogger('silent', false));
    try {
      const installation = await eventually(async () => {
        const found = await first.store.installations.find('slack', SLACK_TEAM);
        if (!found) throw new Error('the Slack workspace is not installed yet');
        return found;
      }, 15_000);
      const tenantId = installation.tenantId;
      const store = first.store;
      await store.installations.save({
        platform: 'teams',
        workspaceId: ENTRA,
        tenantId,
        enterpriseInstall: false,
        installedAt: new Date(),
        secrets: { serviceUrl: teams.serviceUrl() },
        revokedAt: null,
      });
      const zone = zoneWithDigestDue();
      const carla = aPerson(tenantId, {
        displayName: 'Carla Rossi',
        email: 'carla@northwind.example',
        timeZone: zone,
        locale: 'en',
        identities: [{ platform: 'slack', workspaceId: SLACK_TEAM, userId: 'U0CARLA' }],
      });
      const dmitri = aPerson(tenantId, {
        displayName: 'Dmitri Orlov',
        email: 'dmitri@northwind.example',
        timeZone: zone,
        locale: 'ru',
        identities: [{ platform: 'teams', workspaceId: ENTRA, userId: DMITRI }],
      });
      const owen = aPerson(tenantId, {
        displayName: 'Owen Park',
        email: 'owen@northwind.example',
        identities: [{ platform: 'slack', workspaceId: SLACK_TEAM, userId: 'U0OWEN' }],
      });
      const coOwner = aPerson(tenantId);
      const gone = aPerson(tenantId, { deactivatedAt: new Date('2026-01-01T00:00:00Z') });
      const members = Array.from({ length: 8 }, () => aPerson(tenantId));
      for (const person of [carla, dmitri, owen, coOwner, gone, ...members]) await store.people.save(person);
      const slackGroup = (name: string, id: string, ownerIds: string[]) =>
        aGroup(tenantId, ownerIds, {
          name,
          purpose: 'Why we are here',
          platformRef: { platform: 'slack', workspaceId: SLACK_TEAM, id },
        });
      ghost = slackGroup('#ghost-town', 'C0GHOST', [gone.id]);
      quiet = slackGroup('#quiet-corner', 'C0QUIET', [owen.id, coOwner.id]);
      for (const group of [ghost, quiet]) await store.groups.save(group);
      for (const member of members)
        await store.memberships.recordJoin(tenantId, quiet.id, member.id, new Date('2026-01-05T00:00:00Z'));
    } finally {
      await first.stop();
    }
    steward = await startSteward(loadConfig(env), createLogger('silent', false));
  }, 180_000);

  afterAll(async () => {
    await steward?.stop();
    await cleanup?.();
    await slack.stop();
    await teams.stop();
    await issuer.stop();
  });

  const ghostLink = () => `${PUBLIC_URL}/dashboard/groups/${ghost.id}`;
  const quietLink = () => `${PUBLIC_URL}/dashboard/groups/${quiet.id}`;

  it('sends Carla the week’s digest in a Slack DM, once, listing the ownerless and the idle group with their links', async () => {
    const digests = () =>
      slack.callsTo('chat.postMessage').filter((call) => call.outcome === 'ok' && call.params['channel'] === 'U0CARLA');
    const [digest] = await eventually(() => {
      expect(digests()).toHaveLength(1);
      return digests();
      // The job runs every minute, the first time a minute after the start.
    }, 90_000);
    const blocks = JSON.stringify(digest!.params['blocks']);
    expect(digest!.params['text']).toBe('2 of 2 groups need a look this week.');
    expect(blocks).toContain('Groups that need attention this week');
    expect(blocks).toContain(`<${ghostLink()}|#ghost-town: no active owner`);
    expect(blocks).toContain(`<${quietLink()}|#quiet-corner: idle>`);
    expect(blocks).toContain(`<${PUBLIC_URL}/dashboard|Open the dashboard>`);
    // Nothing more that week, whatever runs of the job come.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(digests()).toHaveLength(1);
    // Owen owns a group (he gets his weekly-hour card), but no digest: he is no manager.
    const toOwen = slack.callsTo('chat.postMessage').filter((call) => call.params['channel'] === 'U0OWEN');
    expect(toOwen.map((call) => String(call.params['text']))).not.toContain('2 of 2 groups need a look this week.');
  }, 120_000);

  it('sends Dmitri the same digest in Russian in his Teams chat, as an Adaptive Card with the links', async () => {
    const activities = await eventually(() => {
      const found = teams.conversationWith(DMITRI)?.activities ?? [];
      expect(found).toHaveLength(1);
      return found;
    }, 30_000);
    const card = JSON.stringify(activities[0]!.body);
    expect(card).toContain('application/vnd.microsoft.card.adaptive');
    expect(card).toContain('Группы, которым нужно внимание на этой неделе');
    expect(card).toContain('2 из 2 групп требуют внимания на этой неделе.');
    expect(card).toContain(`[#ghost-town: нет активного владельца`);
    expect(card).toContain(`(${ghostLink()})`);
    expect(card).toContain(`[#quiet-corner: неактивна](${quietLink()})`);
  });

  it('shows Carla the same summary on her App Home, and Owen, who is no manager, only his groups', async () => {
    const open = (user: string, eventId: string) =>
      postToSlackEndpoint(
        steward.url,
        asEvent(
          JSON.stringify({
            team_id: SLACK_TEAM,
            api_app_id: 'A0STEWARD',
            type: 'event_callback',
            event_id: eventId,
            event_time: 1_772_470_000,
            event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1772470000.000100' },
          }),
        ),
      );
    expect((await open('U0CARLA', 'Ev0HOMECARLA')).status).toBe(200);
    expect((await open('U0OWEN', 'Ev0HOMEOWEN')).status).toBe(200);
    const homeOf = (user: string) =>
      eventually(() => {
        const call = slack.callsTo('views.publish').find((c) => c.outcome === 'ok' && c.params['user_id'] === user);
        expect(call).toBeDefined();
        return JSON.stringify(call!.params['view']);
      }, 20_000);
    const carla = await homeOf('U0CARLA');
    expect(carla).toContain('"type":"home"');
    expect(carla).toContain('2 of 2 groups need a look this week.');
    expect(carla).toContain(`<${ghostLink()}|#ghost-town: no active owner`);
    expect(carla).toContain(`<${quietLink()}|#quiet-corner: idle>`);
    const owen = await homeOf('U0OWEN');
    expect(owen).toContain('#quiet-corner');
    expect(owen).not.toContain('need a look');
    expect(owen).not.toContain('/dashboard/groups/');
  });
});
