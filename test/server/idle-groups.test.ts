// Idle groups end to end (issue 11, item 4), on a clock the test moves: the core's job and card
// actions, a real store (PostgreSQL when TEST_DATABASE_URL is set, else embedded PGlite), the real
// Slack and Teams platform clients and renderers, over real HTTP, against the fake Slack Web API
// and the fake Bot Connector and Graph. Each test makes its own company (tenant, workspace, Entra
// tenant, channels and team), so none depends on another.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatPlatform,
  type CoreDeps,
  checkTenantIdleGroups,
  deliverOutbox,
  type Group,
  IDLE_STEPS_PER_RUN,
  idleGroupsDryRun,
  type Person,
  type Platform,
  performCardAction,
  type Store,
  sendDueDigests,
  setIdleGroupPolicy,
} from '../../core/src/index.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, anEvent, anInstallation, aPerson, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FakeTeams } from '../support/fake-teams/index.ts';
import { platformClientsFor } from '../support/platform-clients.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];
const DAY_MS = 86_400_000;
/** A Monday, 10:00 UTC: the community managers' digest (Monday 09:00, UTC here) is due. */
const START = new Date('2026-03-02T10:00:00Z');
const LONG_AGO = new Date('2025-06-01T00:00:00Z');

describe(`Idle groups are warned, certified, proposed and archived on Slack and Teams (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack();
  const teams = new FakeTeams();
  let store: Store;
  let dispose: () => Promise<void>;
  let platforms: Record<Platform, ChatPlatform>;
  let worlds = 0;

  beforeAll(async () => {
    await Promise.all([slack.start(), teams.start()]);
    ({ store, dispose } = serverUrl ? await openTemporaryPostgresStore(serverUrl) : await openTemporaryEmbeddedStore());
    slack.addUser({ id: slack.botUserId, realName: 'Group Steward', isBot: true });
    platforms = platformClientsFor(
      { slack, teams },
      { tokenFor: async (workspaceId) => `xoxb-${workspaceId}`, conversations: store.conversations },
    );
  }, 60_000);

  afterAll(async () => {
    await dispose?.();
    await Promise.all([slack.stop(), teams.stop()]);
  });

  /**
   * A company of its own: Alice owns four Slack channels (#quiet, #book-club, #announcements, exempt,
   * and #general), Boris, in Russian, owns a Teams team; Carla is its community manager, Dana its
   * administrator. Twenty members joined every group long ago and none has said a word since: all
   * idle (METRICS.md). The clock starts on a Monday at 10:00 UTC.
   */
  async function aCompany() {
    worlds += 1;
    const n = worlds;
    const workspace = `T0IDLE${n}`;
    const entra = randomUUID();
    let now = START;
    const deps: CoreDeps = { store, clock: { now: () => now } };
    const tenant = aTenant();
    await store.tenants.save(tenant);
    slack.addWorkspace({ id: workspace, token: `xoxb-${workspace}` });
    teams.addTenant({ id: entra, permissions: ['TeamSettings.ReadWrite.Group', 'TeamMember.Read.Group'] });
    for (const platform of ['slack', 'teams'] as const) {
      const workspaceId = platform === 'slack' ? workspace : entra;
      await store.installations.save(anInstallation(tenant.id, platform, workspaceId, LONG_AGO));
    }
    const slackUser = (name: string) => `U0${name.toUpperCase()}${n}`;
    const bob = randomUUID();
    const alice = aPerson(tenant.id, {
      displayName: 'Alice Martin',
      locale: 'en',
      identities: [{ platform: 'slack', workspaceId: workspace, userId: slackUser('alice') }],
    });
    const boris = aPerson(tenant.id, {
      displayName: 'Борис Орлов',
      locale: 'ru',
      identities: [{ platform: 'teams', workspaceId: entra, userId: bob }],
    });
    const carla = aPerson(tenant.id, {
      displayName: 'Carla Rossi',
      locale: 'en',
      timeZone: 'UTC',
      roles: ['community_manager'],
      identities: [{ platform: 'slack', workspaceId: workspace, userId: slackUser('carla') }],
    });
    const dana = aPerson(tenant.id, { displayName: 'Dana Kim', roles: ['administrator'] });
    const members = Array.from({ length: 20 }, () => aPerson(tenant.id));
    for (const person of [alice, boris, carla, dana, ...members]) await store.people.save(person);
    slack.addUser({ id: slackUser('alice'), realName: 'Alice Martin' });
    slack.addUser({ id: slackUser('carla'), realName: 'Carla Rossi' });
    teams.addUser({ id: bob, tenantId: entra, displayName: 'Борис Орлов' });

    const channel = async (name: string) => {
      const id = `C0${name.replace(/\W/g, '').toUpperCase()}${n}`;
      slack.addChannel({ id, name, members: [slackUser('alice')], botIsMember: true });
      return aGroup(tenant.id, [alice.id], {
        name: `#${name}`,
        createdAt: LONG_AGO,
        platformRef: { platform: 'slack', workspaceId: workspace, id },
      });
    };
    const quiet = await channel('quiet');
    const bookClub = await channel('book-club');
    const announcements = await channel('announcements');
    const general = await channel('general');
    const teamId = randomUUID();
    teams.addTeam({
      id: teamId,
      tenantId: entra,
      displayName: 'Садоводы',
      owners: [bob],
      channels: [{ id: `19:${teamId}@thread.tacv2`, displayName: 'General' }],
    });
    const gardeners = aGroup(tenant.id, [boris.id], {
      name: 'Садоводы',
      createdAt: LONG_AGO,
      platformRef: { platform: 'teams', workspaceId: entra, id: teamId },
    });
    const groups = { quiet, bookClub, announcements, general, gardeners };
    for (const group of Object.values(groups)) {
      await store.groups.save(group);
      for (const member of members) await store.memberships.recordJoin(tenant.id, group.id, member.id, LONG_AGO);
    }
    const policy = await setIdleGroupPolicy(deps, dana, {
      idleAfterDays: 60,
      certifyForMonths: 6,
      warningsBeforeProposal: 2,
      warningIntervalDays: 7,
      exemptGroupIds: [announcements.id],
    });
    expect(policy.ok).toBe(true);

    return {
      deps,
      tenant,
      people: { alice, boris, carla },
      members,
      groups,
      slackUser,
      teamsUser: bob,
      teamId,
      at: (days: number) => {
        now = new Date(START.getTime() + days * DAY_MS);
      },
      /**
       * Runs the job for this company (the job runs it for each tenant in turn; the other tests'
       * companies, on their own clocks, are left alone), then delivers the outbox until it is empty.
       */
      check: async () => {
        const outcome = await checkTenantIdleGroups(deps, tenant.id, IDLE_STEPS_PER_RUN);
        await deliverAll(deps);
        return outcome;
      },
      press: async (person: Person, id: 'group.certify' | 'group.archive' | 'group.leave_quiet', group: Group) => {
        const result = await performCardAction(deps, person, { id, value: group.id });
        await deliverAll(deps);
        return result;
      },
    };
  }

  async function deliverAll(deps: CoreDeps): Promise<void> {
    while ((await deliverOutbox(deps, platforms, silentLogger)) > 0);
  }

  /** The Slack DMs to the user that are the warning card of the channel, as the fake received them. */
  const slackWarnings = (user: string, group: Group) =>
    slack.callsTo('chat.postMessage').filter((call) => {
      const blocks = JSON.stringify(call.params['blocks'] ?? '');
      return (
        call.outcome === 'ok' &&
        call.params['channel'] === user &&
        blocks.includes('group.certify') &&
        blocks.includes(group.name)
      );
    });
  const teamsCards = (user: string) =>
    (teams.conversationWith(user)?.activities ?? []).map((activity) => JSON.stringify(activity.body));

  it('warns an idle group’s owners, again a week later, then proposes it in the managers’ digest; an exempt group never', async () => {
    const world = await aCompany();
    const { quiet, announcements, gardeners } = world.groups;

    expect(await world.check()).toMatchObject({ warned: 4 });
    const [first] = slackWarnings(world.slackUser('alice'), quiet);
    expect(first?.params['text']).toContain(
      'Fewer than 5% of the members of #quiet replied or reacted in the last 60 days',
    );
    const firstBlocks = JSON.stringify(first?.params['blocks']);
    for (const label of ['Still active', 'Archive', 'Leave it quiet', 'Reminder 1 of 2'])
      expect(firstBlocks).toContain(label);
    // Archive asks first, in Slack's confirmation dialog.
    expect(firstBlocks).toContain('"confirm":{"title":{"type":"plain_text","text":"Archive #quiet?"');
    // Boris gets his in Russian in his Teams chat; there Archive opens a card that asks first.
    const [russian] = teamsCards(world.teamsUser);
    expect(russian).toContain('В группе «Садоводы» стало тихо');
    expect(russian).toContain('"verb":"group.certify"');
    expect(russian).toMatch(/"type":"Action.ShowCard","title":"Архивировать".*"verb":"group.archive"/);

    // Within the week, nothing more; a week later, the second warning, once.
    world.at(3);
    expect(await world.check()).toEqual({ warned: 0, proposed: 0 });
    world.at(7);
    await world.check();
    world.at(7.5);
    await world.check();
    expect(
      slackWarnings(world.slackUser('alice'), quiet).map((call) =>
        JSON.stringify(call.params['blocks']).includes('Reminder 2 of 2'),
      ),
    ).toEqual([false, true]);
    expect(teamsCards(world.teamsUser)).toHaveLength(2);

    // A week after the second warning, nobody having answered: proposed, and in Monday's digest.
    world.at(14);
    expect(await world.check()).toMatchObject({ proposed: 4 });
    await sendDueDigests(world.deps);
    await deliverAll(world.deps);
    const digest = slack
      .callsTo('chat.postMessage')
      .find((call) => call.outcome === 'ok' && call.params['channel'] === world.slackUser('carla'));
    const [health, digestBlocks = ''] = JSON.stringify(digest?.params['blocks']).split(
      'Idle groups proposed for archive',
    );
    expect(health).toContain('Groups that need attention this week');
    expect(digestBlocks).toContain('*#quiet*: no answer to 2 warnings');
    expect(digestBlocks).toContain('Садоводы');
    expect(digestBlocks).toContain('group.archive');
    expect(digestBlocks).toContain('"text":"Archive #quiet?"');

    // The exempt channel was never warned, nor proposed; the owners were never asked for more.
    expect(slackWarnings(world.slackUser('alice'), announcements)).toEqual([]);
    expect(digestBlocks).not.toContain('#announcements');
    const audit = await store.audit.list(world.tenant.id, { subjectId: quiet.id, limit: 50 });
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['group.idle_warned', 'group.idle_proposed']),
    );
    expect((await store.groups.get(world.tenant.id, gardeners.id))?.state).toBe('active');
  });

  it('archives the channel on Slack and the team through Graph once an owner or a manager confirms; the group follows', async () => {
    const world = await aCompany();
    const { alice, boris, carla } = world.people;
    const { quiet, gardeners, general } = world.groups;
    await world.check();

    const pressed = await world.press(alice, 'group.archive', quiet);
    expect(pressed.ok && pressed.value.summary).toBe('#quiet will be archived as soon as the platform confirms.');
    expect(
      slack
        .callsTo('conversations.archive')
        .filter((call) => call.params['channel'] === quiet.platformRef.id)
        .map((call) => call.outcome),
    ).toEqual(['ok']);
    expect((await store.groups.get(world.tenant.id, quiet.id))?.state).toBe('archived');

    // On Teams a community manager presses it (from the digest), Boris being away.
    await world.press(carla, 'group.archive', gardeners);
    expect(
      teams
        .callsTo('archiveTeam')
        .filter((call) => call.path.includes(world.teamId))
        .map((call) => call.status),
    ).toEqual([202]);
    expect(teams.team(world.teamId).isArchived).toBe(true);
    expect((await store.groups.get(world.tenant.id, gardeners.id))?.state).toBe('archived');

    // Boris owns no Slack channel and manages nothing: he cannot archive #general. Alice can ask,
    // but Slack refuses #general for good: the group stays active, and the refusal is recorded.
    const refused = await performCardAction(world.deps, boris, { id: 'group.archive', value: general.id });
    expect(refused.ok ? null : refused.code).toBe('not_an_owner');
    await world.press(alice, 'group.archive', general);
    const tries = slack
      .callsTo('conversations.archive')
      .filter((call) => call.params['channel'] === general.platformRef.id);
    expect(tries.map((call) => call.outcome)).toEqual(['cant_archive_general']);
    expect((await store.groups.get(world.tenant.id, general.id))?.state).toBe('active');
    // Pressed again for an archived group: nothing more is asked of the platform.
    const again = await world.press(alice, 'group.archive', quiet);
    expect(again.ok && again.value.summary).toBe('#quiet is already archived.');
    expect(
      slack.callsTo('conversations.archive').filter((call) => call.params['channel'] === quiet.platformRef.id),
    ).toHaveLength(1);
  });

  it('stops the checks of a certified group for six months, and of one left quiet for a period', async () => {
    const world = await aCompany();
    const { alice, boris } = world.people;
    const { bookClub, gardeners } = world.groups;
    await world.check();

    const certified = await world.press(alice, 'group.certify', bookClub);
    expect(certified.ok && certified.value.summary).toBe(
      'Thank you: #book-club will not be checked again for 6 months.',
    );
    const quiet = await world.press(boris, 'group.leave_quiet', gardeners);
    expect(quiet.ok && quiet.value.summary).toBe(
      'Принято: группа «Садоводы» остаётся как есть, следующая проверка через 60 дней.',
    );
    // Another answer while the checks are held changes nothing.
    const twice = await world.press(alice, 'group.certify', bookClub);
    expect(twice.ok && twice.value.summary).toBe('Someone already answered for #book-club.');

    for (const day of [7, 14, 21, 59]) {
      world.at(day);
      await world.check();
    }
    expect(slackWarnings(world.slackUser('alice'), bookClub)).toHaveLength(1);
    expect(teamsCards(world.teamsUser)).toHaveLength(1);
    // Leave it quiet: the next period (60 days) starts the warnings again, from the first.
    world.at(60);
    await world.check();
    expect(teamsCards(world.teamsUser)).toHaveLength(2);
    expect(teamsCards(world.teamsUser)[1]).toContain('Напоминание 1 из 2');
    // Certified on 2 March for 6 months: not before 2 September.
    world.at(183);
    await world.check();
    expect(slackWarnings(world.slackUser('alice'), bookClub)).toHaveLength(1);
    world.at(184);
    await world.check();
    expect(slackWarnings(world.slackUser('alice'), bookClub)).toHaveLength(2);
    const actions = (await store.audit.list(world.tenant.id, { subjectId: bookClub.id, limit: 50 })).map(
      (entry) => entry.action,
    );
    expect(actions.filter((action) => action === 'group.idle_certified')).toHaveLength(1);
  });

  it('starts afresh with a warned group that comes back to life: no proposal, and the first warning again if it goes quiet', async () => {
    const world = await aCompany();
    const { quiet } = world.groups;
    await world.check();
    // A week later two of its twenty members reply (10%, above METRICS.md's 5%): active again.
    world.at(8);
    const replies = world.members.slice(0, 2).map((member) =>
      anEvent(world.tenant.id, quiet.id, member.id, {
        kind: 'reply',
        occurredAt: new Date(START.getTime() + 8 * DAY_MS),
      }),
    );
    await store.contributions.record(world.tenant.id, replies);
    await world.check();
    const [checked] = await store.idleGroups.getChecks(world.tenant.id, [quiet.id]);
    expect(checked).toMatchObject({ round: 1, warnings: 0, proposedAt: null });
    expect(
      (await idleGroupsDryRun(world.deps, world.tenant.id)).groups.find((row) => row.groupId === quiet.id),
    ).toMatchObject({ engaged: 2, step: 'none', reason: 'active' });
    for (const day of [15, 22, 29]) {
      world.at(day);
      await world.check();
    }
    expect(slackWarnings(world.slackUser('alice'), quiet)).toHaveLength(1);
    // Once the replies are older than the 60 days, it is idle again: warned from the first.
    world.at(8 + 60);
    await world.check();
    const warnings = slackWarnings(world.slackUser('alice'), quiet);
    expect(warnings).toHaveLength(2);
    expect(JSON.stringify(warnings[1]?.params['blocks'])).toContain('Reminder 1 of 2');
    const actions = (await store.audit.list(world.tenant.id, { subjectId: quiet.id, limit: 50 })).map(
      (entry) => entry.action,
    );
    expect(actions.filter((action) => action === 'group.idle_revived')).toHaveLength(1);
  });

  it('reports in the dry run what would happen to each group, and why, without writing anything', async () => {
    const world = await aCompany();
    const { quiet, announcements, bookClub } = world.groups;
    await world.check();
    await world.press(world.people.alice, 'group.certify', bookClub);
    world.at(7);
    const auditBefore = await store.audit.list(world.tenant.id, { limit: 1000 });
    const checksBefore = await store.idleGroups.getChecks(
      world.tenant.id,
      Object.values(world.groups).map((g) => g.id),
    );

    const run = await idleGroupsDryRun(world.deps, world.tenant.id);
    const stepOf = (group: Group) => run.groups.find((row) => row.groupId === group.id);
    expect(run.policy.exemptGroupIds).toEqual([announcements.id]);
    expect(stepOf(quiet)).toEqual({
      groupId: quiet.id,
      name: '#quiet',
      members: 20,
      engaged: 0,
      step: 'warn',
      warning: 2,
      reason: null,
    });
    expect(stepOf(announcements)).toMatchObject({ step: 'none', reason: 'exempt' });
    expect(stepOf(bookClub)).toMatchObject({ step: 'none', reason: 'certified' });

    expect(
      await store.idleGroups.getChecks(
        world.tenant.id,
        Object.values(world.groups).map((g) => g.id),
      ),
    ).toEqual(checksBefore);
    expect(await store.audit.list(world.tenant.id, { limit: 1000 })).toEqual(auditBefore);
    // Nothing was queued for the platforms either: delivering now sends no second warning.
    await deliverAll(world.deps);
    expect(slackWarnings(world.slackUser('alice'), quiet)).toHaveLength(1);
  });
});
