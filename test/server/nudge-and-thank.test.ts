// Nudge and thank end to end (issue 11, item 8): what the weekly card's "Nudge" and "Thank them"
// buttons do, through the outbox to Slack's fake Web API and Microsoft's fake Bot Connector, on a
// clock the test sets. A member who joined five weeks ago and never contributed is among the
// week's "gone quiet"; the owner's nudge reaches them in their own language, once a week; the
// thank-you is posted in the group, mentioning the week's top contributors.
import {
  type CoreDeps,
  type Group,
  isoWeekOf,
  nudgeMember,
  type Person,
  type Store,
  thankTopContributors,
  translate,
} from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../apps/slack/src/scopes.ts';
import { weekWindow } from '../../core/src/use-cases/weekly-hour/compose-cards.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, anEvent, aPerson, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { deliverUntilEmpty, type FakePlatforms, platformsOnFakes } from '../support/outbox-to-fakes.ts';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';
import { WallClock } from '../support/wall-clock.ts';

const WORKSPACE = { id: 'T0NUDGE', token: 'xoxb-nudge' };
const AAD = FAKE_TENANT.id;
const TEAM = '99999999-8888-4777-8666-0000000000bb';
const GENERAL = '19:nudge-general@thread.tacv2';
const teamsUser = (n: number) => `c0000000-0000-4000-8000-00000000000${n}`;
const serverUrl = process.env['TEST_DATABASE_URL'];
/** Monday 23 November 2026, 09:00 in Paris: the owners' weekly hour. */
const MONDAY = '2026-11-23T08:00:00Z';
const DAY = 86_400_000;

describe(`Nudge and thank reach Slack and Teams (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack({ workspaces: [{ ...WORKSPACE, scopes: SLACK_BOT_SCOPES }] });
  const teams = new FakeTeams();
  const clock = new WallClock(MONDAY);
  let store: Store;
  let dispose: () => Promise<void>;
  let deps: CoreDeps & { clock: WallClock };
  let platforms: FakePlatforms;
  const on = {
    slack: {} as { owner: Person; quiet: Person; top: Person[]; group: Group },
    teams: {} as { owner: Person; quiet: Person; top: Person[]; group: Group },
  };

  beforeAll(async () => {
    await Promise.all([slack.start(), teams.start()]);
    ({ store, dispose } = serverUrl ? await openTemporaryPostgresStore(serverUrl) : await openTemporaryEmbeddedStore());
    deps = { store, clock };
    platforms = platformsOnFakes(store, slack, WORKSPACE, teams);
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const now = clock.now();

    // Slack: an English owner, a French member gone quiet, three contributors this week.
    const slackPerson = (name: string, userId: string, more: Partial<Person> = {}) => {
      slack.addUser({ id: userId, realName: name });
      return aPerson(tenant.id, {
        displayName: name,
        identities: [{ platform: 'slack', workspaceId: WORKSPACE.id, userId }],
        ...more,
      });
    };
    const slackPeople = [
      slackPerson('Olga Owner', 'U0OLGA'),
      slackPerson('Quentin Calme', 'U0QUENTIN', { locale: 'fr' }),
      ...['U0TOP1', 'U0TOP2', 'U0TOP3'].map((id) => slackPerson(`Top ${id}`, id)),
    ];
    slack.addChannel({
      id: 'C0GARDEN',
      name: 'garden',
      members: slackPeople.map((p) => p.identities[0]!.userId),
      botIsMember: true,
    });
    const slackGroup = aGroup(tenant.id, [slackPeople[0]!.id], {
      name: '#garden',
      platformRef: { platform: 'slack', workspaceId: WORKSPACE.id, id: 'C0GARDEN' },
    });

    // Teams: an English owner, a Russian member gone quiet, three contributors this week.
    const teamsPerson = (name: string, n: number, more: Partial<Person> = {}) => {
      teams.addUser({ id: teamsUser(n), tenantId: AAD, displayName: name });
      return aPerson(tenant.id, {
        displayName: name,
        identities: [{ platform: 'teams', workspaceId: AAD, userId: teamsUser(n) }],
        ...more,
      });
    };
    const teamsPeople = [
      teamsPerson('Oscar Owner', 1),
      teamsPerson('Ivan Tikhiy', 2, { locale: 'ru' }),
      teamsPerson('Top Five', 3),
      teamsPerson('Top Six', 4),
      teamsPerson('Top Seven', 5),
    ];
    teams.addTeam({
      id: TEAM,
      tenantId: AAD,
      displayName: 'Finance',
      members: teamsPeople.map((p) => p.identities[0]!.userId),
      channels: [{ id: GENERAL, displayName: 'General' }],
    });
    const teamsGroup = aGroup(tenant.id, [teamsPeople[0]!.id], {
      name: 'Finance',
      platformRef: { platform: 'teams', workspaceId: AAD, id: TEAM },
    });
    // The app is installed in the team: the edge saved the team's reference from its installation update.
    await store.conversations.save({
      platform: 'teams',
      workspaceId: AAD,
      key: `team:${TEAM}`,
      conversationId: GENERAL,
      serviceUrl: teams.serviceUrl(),
      updatedAt: now,
    });

    for (const [platform, people, group] of [
      ['slack', slackPeople, slackGroup],
      ['teams', teamsPeople, teamsGroup],
    ] as const) {
      for (const person of people) await store.people.save(person);
      await store.groups.save(group);
      const [owner, quiet, ...top] = people as [Person, Person, ...Person[]];
      // Everyone joined 33 days ago (in the week that crosses 30 days); only the top three ever contributed.
      for (const person of people)
        await store.memberships.recordJoin(tenant.id, group.id, person.id, new Date(now.getTime() - 33 * DAY));
      await store.contributions.record(
        tenant.id,
        top.flatMap((person, rank) =>
          Array.from({ length: 3 - rank }, (_, n) =>
            anEvent(tenant.id, group.id, person.id, { platform, occurredAt: new Date(now.getTime() - (n + 1) * DAY) }),
          ),
        ),
      );
      on[platform] = { owner, quiet, top, group };
    }
  }, 60_000);
  afterAll(async () => {
    await dispose?.();
    await Promise.all([slack.stop(), teams.stop()]);
  });

  const week = () => isoWeekOf(clock.now(), 'Europe/Paris');
  const slackDms = (userId: string) =>
    slack
      .callsTo('chat.postMessage')
      .filter((c) => c.outcome === 'ok' && c.params['channel'] === userId)
      .map((c) => JSON.stringify(c.params));
  const teamsDms = (userId: string) =>
    (teams.conversationWith(userId)?.activities ?? []).map((a) => JSON.stringify(a.body));

  it('lists the member who joined and never contributed among the week’s gone quiet, on both platforms', async () => {
    const weeks = await store.contributions.groupWeeks(
      on.slack.group.tenantId,
      [on.slack.group, on.teams.group].map((g) => ({ groupId: g.id, questionsAskedBefore: clock.now() })),
      weekWindow(clock.now(), 10),
    );
    expect(weeks.map((w) => w.inactiveMembers.items.map((m) => [m.personId, m.neverContributed]))).toEqual([
      [
        [on.slack.quiet.id, true],
        [on.slack.owner.id, true],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      [
        [on.teams.quiet.id, true],
        [on.teams.owner.id, true],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ]);
  });

  it('nudges the quiet member in their language, once a week, on Slack and on Teams', async () => {
    clock.set(MONDAY);
    const slackText = translate('fr', 'nudge.text', { owner: 'Olga Owner', group: '#garden' });
    const teamsText = translate('ru', 'nudge.text', { owner: 'Oscar Owner', group: 'Finance' });
    expect(await nudgeMember(deps, on.slack.owner, on.slack.group.id, on.slack.quiet.id, week())).toMatchObject({
      ok: true,
    });
    expect(await nudgeMember(deps, on.teams.owner, on.teams.group.id, on.teams.quiet.id, week())).toMatchObject({
      ok: true,
    });
    // The same press again, or the next day, sends nothing more this week.
    clock.set('2026-11-24T08:00:00Z');
    expect(await nudgeMember(deps, on.slack.owner, on.slack.group.id, on.slack.quiet.id, week())).toMatchObject({
      ok: false,
      code: 'already_acted',
    });
    expect(await nudgeMember(deps, on.teams.owner, on.teams.group.id, on.teams.quiet.id, week())).toMatchObject({
      ok: false,
      code: 'already_acted',
    });
    await deliverUntilEmpty(deps, platforms);
    expect(slackDms('U0QUENTIN').filter((m) => m.includes(slackText))).toHaveLength(1);
    expect(teamsDms(teamsUser(2)).filter((m) => m.includes(teamsText))).toHaveLength(1);

    // A week later the owner may nudge again.
    clock.set('2026-11-30T08:00:00Z');
    expect(await nudgeMember(deps, on.slack.owner, on.slack.group.id, on.slack.quiet.id, week())).toMatchObject({
      ok: true,
    });
    await deliverUntilEmpty(deps, platforms);
    expect(slackDms('U0QUENTIN').filter((m) => m.includes(slackText))).toHaveLength(2);
  });

  it('refuses a nudge from someone who does not own the group, and sends nothing', async () => {
    clock.set(MONDAY);
    const before = slackDms('U0QUENTIN').length;
    expect(await nudgeMember(deps, on.teams.owner, on.slack.group.id, on.slack.quiet.id, week())).toMatchObject({
      ok: false,
      code: 'not_an_owner',
    });
    await deliverUntilEmpty(deps, platforms);
    expect(slackDms('U0QUENTIN')).toHaveLength(before);
  });

  it('thanks the week’s top contributors in the group, mentioning each, once a week, on Slack and on Teams', async () => {
    clock.set('2026-11-25T08:00:00Z');
    const thankWeek = week();
    expect(await thankTopContributors(deps, on.slack.owner, on.slack.group.id, thankWeek)).toMatchObject({ ok: true });
    expect(await thankTopContributors(deps, on.teams.owner, on.teams.group.id, thankWeek)).toMatchObject({ ok: true });
    expect(await thankTopContributors(deps, on.slack.owner, on.slack.group.id, thankWeek)).toMatchObject({
      ok: false,
      code: 'already_acted',
    });
    await deliverUntilEmpty(deps, platforms);

    const inGarden = slack
      .callsTo('chat.postMessage')
      .filter((c) => c.outcome === 'ok' && c.params['channel'] === 'C0GARDEN')
      .map((c) => JSON.stringify(c.params));
    expect(inGarden).toHaveLength(1);
    for (const person of on.slack.top) expect(inGarden[0]).toContain(`<@${person.identities[0]!.userId}>`);
    expect(inGarden[0]).not.toContain('<@U0QUENTIN>');

    const inGeneral = teams.channelPosts(GENERAL).map((a) => a.body);
    expect(inGeneral).toHaveLength(1);
    // Adaptive Card mentions: https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/cards-format#mention-support-within-adaptive-cards
    const [attachment] = inGeneral[0]!['attachments'] as {
      content: { msteams?: { entities: { type: string; mentioned: { id: string } }[] } };
    }[];
    const mentioned = (attachment?.content.msteams?.entities ?? [])
      .filter((e) => e.type === 'mention')
      .map((e) => e.mentioned.id);
    expect(mentioned.sort()).toEqual(on.teams.top.map((p) => p.identities[0]!.userId).sort());
  });
});
