import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import type { Group, PlatformIdentity, Tenant } from '../../core/src/index.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { eventually } from '../support/eventually.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeSlackSettings, fakeTeamsSettings } from '../support/platform-settings.ts';
import { asEvent, asForm, postToSlackEndpoint, slackFixture } from '../support/slack-requests.ts';
import { untilSlackAnswered } from '../support/steward-with-slack.ts';
import { placeholders, type TeamsFixtureName, teamsActivity } from '../support/teams-activities.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';

// Groups register themselves (issue "A real install works from day one", item 1): the app is added
// to a Slack channel and installed in a Teams team, through real signed HTTP against the fakes, and
// both become groups with the right owners; joins, messages, replies and reactions then land on
// them. On PostgreSQL when TEST_DATABASE_URL is set (as .ci/run does), else on embedded PGlite.

const SLACK_TEAM = 'T0STEWARD';
const TENANT = FAKE_TENANT.id;
const TEAM = 'de51e000-0000-4000-8000-0000000000aa';
const GENERAL = '19:design-general@thread.tacv2';
const TEAMS_ALICE = 'aaaaaaaa-0000-4000-8000-000000000001';
const TEAMS_BORIS = 'bbbbbbbb-0000-4000-8000-000000000002';
const TEAMS_CHLOE = 'cccccccc-0000-4000-8000-000000000003';
const TEAMS_OWNER = 'dddddddd-0000-4000-8000-000000000004';
const range = { from: '2026-01-01', to: '2026-12-31' };
const serverUrl = process.env['TEST_DATABASE_URL'];

describe(`Groups register themselves, end to end through signed HTTP (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack();
  const teams = new FakeTeams();
  const issuer = new LocalBotFrameworkIssuer();
  let steward: RunningSteward;
  let cleanup: () => Promise<void>;
  let serviceUrl: string;

  beforeAll(async () => {
    await slack.start();
    slack.addWorkspace({ id: SLACK_TEAM, token: 'xoxb-groups-test' });
    slack.addUser({ id: slack.botUserId, realName: 'Group Steward', isBot: true });
    slack.addUser({
      id: 'U0ALICE',
      realName: 'Alice Martin',
      email: 'alice@northwind.example',
      tz: 'Europe/Paris',
      locale: 'fr-FR',
    });
    slack.addUser({ id: 'U0CREATOR', realName: 'Camille Roy', email: 'camille@northwind.example' });
    slack.addUser({ id: 'U0BORIS', realName: 'Boris Ivanov', email: 'boris@northwind.example' });
    slack.addUser({ id: 'U0CHLOE', realName: 'Chloé Dubois', email: 'chloe@northwind.example' });
    slack.addChannel({
      id: 'C0DESIGN',
      name: 'design',
      creator: 'U0CREATOR',
      members: ['U0ALICE', 'U0CREATOR', 'U0BORIS'],
      botIsMember: true,
    });

    const openIdMetadataUrl = await issuer.start();
    await teams.start();
    serviceUrl = teams.serviceUrl();
    teams.addUser({ id: TEAMS_ALICE, tenantId: TENANT, displayName: 'Alice Martin', mail: 'alice@northwind.example' });
    teams.addUser({ id: TEAMS_BORIS, tenantId: TENANT, displayName: 'Boris Ivanov', mail: 'boris@northwind.example' });
    teams.addUser({ id: TEAMS_CHLOE, tenantId: TENANT, displayName: 'Chloé Dubois', mail: 'chloe@northwind.example' });
    teams.addUser({ id: TEAMS_OWNER, tenantId: TENANT, displayName: 'Olga Owner', mail: 'olga@northwind.example' });
    teams.addTeam({
      id: TEAM,
      tenantId: TENANT,
      displayName: 'Design',
      owners: [TEAMS_OWNER],
      members: [TEAMS_ALICE, TEAMS_BORIS],
      channels: [{ id: GENERAL, displayName: 'General' }],
    });

    const database = serverUrl ? await createTemporaryPostgresDatabase(serverUrl) : null;
    const dataDir = database ? null : await mkdtemp(join(tmpdir(), 'steward-groups-'));
    const config = loadConfig({
      ...(database
        ? { DATABASE_URL: database.url, STEWARD_SECRET_KEYS: TEST_SECRET_KEYS }
        : { STEWARD_DATA_DIR: dataDir! }),
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      ...fakeSlackSettings(slack, 'xoxb-groups-test'),
      ...fakeTeamsSettings(teams, openIdMetadataUrl),
    });
    steward = await startSteward(config, createLogger('silent', false));
    cleanup = async () => {
      await steward.stop();
      await database?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    };
    await untilSlackAnswered(steward.url);
  }, 120_000);

  afterAll(async () => {
    await cleanup?.();
    await slack.stop();
    await teams.stop();
    await issuer.stop();
  });

  const tenantOf = async (platform: 'slack' | 'teams', workspaceId: string): Promise<Tenant> => {
    const installation = await steward.store.installations.find(platform, workspaceId);
    return (await steward.store.tenants.get(installation!.tenantId))!;
  };
  const personId = async (tenant: Tenant, identity: PlatformIdentity) =>
    (await steward.store.people.findByIdentity(tenant.id, identity))?.id;
  const memberIdentities = async (tenant: Tenant, group: Group) => {
    const members = await steward.store.memberships.listMembers(tenant.id, group.id);
    const people = await steward.store.people.getMany(
      tenant.id,
      members.map((m) => m.personId),
    );
    return people.map((p) => p.identities[0]?.userId).sort();
  };

  describe('Slack', () => {
    const channel = { platform: 'slack' as const, workspaceId: SLACK_TEAM, id: 'C0DESIGN' };
    const slackUser = (userId: string) => ({ platform: 'slack' as const, workspaceId: SLACK_TEAM, userId });
    let tenant: Tenant;
    let group: Group;

    it('makes the channel a group when the app is added: owned by who added it and its creator, with its members', async () => {
      const botJoined = slackFixture('member-joined-channel.json', {
        U0CHLOE: slack.botUserId,
        Ev0JOIN1: 'Ev0BOTJOIN1',
      });
      expect((await postToSlackEndpoint(steward.url, asEvent(botJoined))).status).toBe(200);
      tenant = await tenantOf('slack', SLACK_TEAM);
      group = await eventually(async () => {
        const found = await steward.store.groups.findByPlatformRef(tenant.id, channel);
        expect(found).not.toBeNull();
        return found!;
      }, 10_000);
      expect(group).toMatchObject({ name: '#design', state: 'active', membershipPolicy: 'open' });
      expect(group.ownerIds).toEqual([
        await personId(tenant, slackUser('U0ALICE')),
        await personId(tenant, slackUser('U0CREATOR')),
      ]);
      await eventually(async () =>
        expect(await memberIdentities(tenant, group)).toEqual(['U0ALICE', 'U0BORIS', 'U0CREATOR']),
      );
      expect(slack.callsTo('conversations.members')).toHaveLength(1);
    });

    it('lands a join, a message, a reply and a reaction on that group', async () => {
      for (const fixture of [
        'member-joined-channel.json',
        'message.json',
        'thread-reply.json',
        'reaction-added.json',
      ]) {
        expect((await postToSlackEndpoint(steward.url, asEvent(slackFixture(fixture)))).status).toBe(200);
      }
      await eventually(async () =>
        expect(await steward.store.contributions.groupDays(tenant.id, group.id, range)).toMatchObject([
          { day: '2026-03-02', joins: 1, posts: 1, replies: 1, reactions: 1 },
        ]),
      );
      expect(await memberIdentities(tenant, group)).toEqual(['U0ALICE', 'U0BORIS', 'U0CHLOE', 'U0CREATOR']);
    });

    const command = (userId: string, text: string) =>
      postToSlackEndpoint(
        steward.url,
        asForm({
          command: '/steward',
          text,
          team_id: SLACK_TEAM,
          user_id: userId,
          channel_id: 'C0DESIGN',
          trigger_id: `t-${userId}`,
          response_url: slack.responseUrl(userId),
        }),
      );

    it('lets an owner share ownership with /steward owners add, and refuses to drop the last owner', async () => {
      const shared = (await (await command('U0ALICE', 'owners add <@U0BORIS|boris>')).json()) as { text: string };
      expect(shared.text).toBe(
        'Les propriétaires de #design sont maintenant : Alice Martin, Camille Roy et Boris Ivanov.',
      );
      const refused = (await (await command('U0CHLOE', 'owners remove <@U0ALICE|alice>')).json()) as { text: string };
      expect(refused.text).toBe('Only an owner of #design can do that.');
      expect((await steward.store.groups.get(tenant.id, group.id))?.ownerIds).toHaveLength(3);
    });

    it('refreshes the group on /steward register, without making whoever asks an owner', async () => {
      expect((await command('U0CHLOE', 'register')).status).toBe(200);
      const answer = await eventually(() => {
        const response = slack.responses.find((r) => r.path.endsWith('/U0CHLOE'));
        expect(response).toBeDefined();
        return response!.body;
      }, 10_000);
      expect(answer).toMatchObject({
        response_type: 'ephemeral',
        text: '#design is a group now. Its owners: Alice Martin, Camille Roy, and Boris Ivanov.',
      });
      expect(await steward.store.groups.list(tenant.id)).toHaveLength(1);
    });

    it('follows the channel renamed, then archived', async () => {
      const event = (type: string, body: object, id: string) =>
        JSON.stringify({
          team_id: SLACK_TEAM,
          api_app_id: 'A0STEWARD',
          type: 'event_callback',
          event_id: id,
          event_time: 1772460000,
          event: { type, ...body },
        });
      await postToSlackEndpoint(
        steward.url,
        asEvent(
          event(
            'channel_rename',
            { channel: { id: 'C0DESIGN', name: 'design-team', created: 1735689600 } },
            'Ev0RENAME1',
          ),
        ),
      );
      await eventually(async () =>
        expect((await steward.store.groups.get(tenant.id, group.id))?.name).toBe('#design-team'),
      );
      await postToSlackEndpoint(
        steward.url,
        asEvent(event('channel_archive', { channel: 'C0DESIGN', user: 'U0ALICE' }, 'Ev0ARCHIVE1')),
      );
      await eventually(async () =>
        expect((await steward.store.groups.get(tenant.id, group.id))?.state).toBe('archived'),
      );
      expect(await steward.store.groups.listOwnedBy(tenant.id, group.ownerIds[0]!)).toEqual([]);
    });
  });

  describe('Teams', () => {
    let tenant: Tenant;
    let group: Group;
    const teamsUser = (userId: string) => ({ platform: 'teams' as const, workspaceId: TENANT, userId });
    const activity = (name: TeamsFixtureName, fill: Record<string, string> = {}) =>
      JSON.stringify(
        teamsActivity(name, {
          ...placeholders({ tenantId: TENANT, teamId: TEAM, serviceUrl, appId: FAKE_APP.id }),
          ...fill,
        }),
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

    it('makes the team one group when the app is installed: owned by the team’s owners, with its members', async () => {
      expect((await post(activity('installation-update-team.json', { __FROM_AAD__: TEAMS_ALICE }))).status).toBe(200);
      tenant = await eventually(() => tenantOf('teams', TENANT));
      group = await eventually(async () => {
        const found = await steward.store.groups.findByPlatformRef(tenant.id, {
          platform: 'teams',
          workspaceId: TENANT,
          id: TEAM,
        });
        expect(found).not.toBeNull();
        return found!;
      }, 10_000);
      expect(group).toMatchObject({ name: 'Design', state: 'active', membershipPolicy: 'approval' });
      expect(group.ownerIds).toEqual([await personId(tenant, teamsUser(TEAMS_OWNER))]);
      await eventually(
        async () =>
          expect(await memberIdentities(tenant, group)).toEqual([TEAMS_ALICE, TEAMS_BORIS, TEAMS_OWNER].sort()),
        10_000,
      );
      // One key: its thread id finds the same group.
      expect(
        (
          await steward.store.groups.findByPlatformRef(tenant.id, {
            platform: 'teams',
            workspaceId: TENANT,
            id: GENERAL,
          })
        )?.id,
      ).toBe(group.id);
    });

    it('lands a join, a message and a reply carrying only 19: ids, and a reaction, on that group', async () => {
      expect((await post(activity('team-member-added.json'))).status).toBe(200);
      expect((await post(activity('channel-message-thread-ids.json'))).status).toBe(200);
      expect((await post(activity('channel-reply-thread-ids.json'))).status).toBe(200);
      expect((await post(activity('message-reaction.json', { __REPLY_TO__: '1772452800999' }))).status).toBe(200);
      await eventually(
        async () =>
          expect(await steward.store.contributions.groupDays(tenant.id, group.id, range)).toMatchObject([
            {
              day: '2026-03-02',
              joins: 1,
              posts: 1,
              replies: 1,
              reactions: 1,
              questionsAsked: 1,
              questionsAnswered: 1,
            },
          ]),
        10_000,
      );
      expect(await memberIdentities(tenant, group)).toEqual(
        [TEAMS_ALICE, TEAMS_BORIS, TEAMS_CHLOE, TEAMS_OWNER].sort(),
      );
      expect(await steward.store.groups.list(tenant.id)).toHaveLength(1);
    });

    it('follows the team renamed, known by its thread id only', async () => {
      expect(
        (await post(activity('team-event.json', { __EVENT_TYPE__: 'teamRenamed', __NAME__: 'Design Guild' }))).status,
      ).toBe(200);
      await eventually(async () =>
        expect((await steward.store.groups.get(tenant.id, group.id))?.name).toBe('Design Guild'),
      );
    });
  });
});
