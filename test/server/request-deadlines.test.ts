// Membership requests with deadlines (issue 11, item 1), end to end on a clock in the test's hands:
// the core's use cases and its outbox, through the real Slack and Teams platform clients, to
// Slack's fake Web API and Microsoft's fake Bot Connector. A request nobody decides is reminded to
// the owners at the group's target (48 h), told to the co-owners at twice it, to the community
// manager at three times, and expires at the tenant's limit (14 days) with the requester told in
// their language; every owner's card then says so, with no button left. A decision by one owner,
// and a cancel by the requester, show on the other owners' cards on both platforms.
// On PostgreSQL when TEST_DATABASE_URL is set, else on embedded PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import type { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import {
  askToJoin,
  type CoreDeps,
  deliverOutbox,
  type Group,
  type MembershipRequest,
  type Person,
  performCardAction,
  requestCardKey,
  runRequestDeadlines,
  type Store,
  setRequestExpiry,
} from '../../core/src/index.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { platformsOnFakes } from '../support/fake-platforms.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';
import { WallClock } from '../support/wall-clock.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];
const SLACK_TEAM = 'T0REQUESTS';
const SLACK_TOKEN = 'xoxb-requests';
const ENTRA = FAKE_TENANT.id;
const HOUR = 3_600_000;
const teamsUser = (n: number) => `7ea00000-0000-4000-8000-00000000000${n}`;

describe(`Membership requests are reminded, escalated, expired, decided and cancelled on Slack and Teams (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack();
  const teams = new FakeTeams();
  const clock = new WallClock('2027-03-01T09:00:00Z');
  let store: Store;
  let dispose: () => Promise<void>;
  let deps: CoreDeps;
  let platforms: { slack: SlackPlatform; teams: TeamsPlatform };
  const people: Record<string, Person> = {};
  let design: Group;
  let research: Group;

  beforeAll(async () => {
    ({ store, dispose } = serverUrl ? await openTemporaryPostgresStore(serverUrl) : await openTemporaryEmbeddedStore());
    deps = { store, clock };
    await slack.start();
    await teams.start();
    slack.addWorkspace({ id: SLACK_TEAM, token: SLACK_TOKEN });
    teams.addTenant({ id: ENTRA, permissions: null });
    const tenant = aTenant({ requestExpiryDays: 14 });
    await store.tenants.save(tenant);
    const onSlack = (key: string, name: string, locale: Person['locale'], roles: Person['roles'] = []) => {
      slack.addUser({ id: `U0${key.toUpperCase()}`, realName: name });
      people[key] = aPerson(tenant.id, {
        displayName: name,
        locale,
        roles,
        timeZone: 'Europe/London',
        identities: [{ platform: 'slack', workspaceId: SLACK_TEAM, userId: `U0${key.toUpperCase()}` }],
      });
    };
    const onTeams = (key: string, n: number, name: string, locale: Person['locale']) => {
      teams.addUser({ id: teamsUser(n), tenantId: ENTRA, displayName: name });
      people[key] = aPerson(tenant.id, {
        displayName: name,
        locale,
        timeZone: 'Europe/Moscow',
        identities: [{ platform: 'teams', workspaceId: ENTRA, userId: teamsUser(n) }],
      });
    };
    onSlack('olivia', 'Olivia Brown', 'en');
    onSlack('oscar', 'Oscar Martin', 'fr');
    onSlack('remi', 'Rémi Petit', 'fr');
    onSlack('carla', 'Carla Rossi', 'en', ['community_manager']);
    onSlack('ada', 'Ada Lovelace', 'en', ['community_manager', 'administrator']);
    onTeams('tanya', 1, 'Таня Иванова', 'ru');
    onTeams('tom', 2, 'Tom Baker', 'en');
    onTeams('rita', 3, 'Rita Moore', 'en');
    for (const person of Object.values(people)) await store.people.save(person);
    design = aGroup(tenant.id, [people['olivia']!.id, people['oscar']!.id], {
      name: '#design',
      platformRef: { platform: 'slack', workspaceId: SLACK_TEAM, id: 'C0DESIGN' },
    });
    research = aGroup(tenant.id, [people['tanya']!.id, people['tom']!.id], {
      name: 'Research',
      platformRef: { platform: 'teams', workspaceId: ENTRA, id: '19:research@thread.tacv2' },
    });
    for (const group of [design, research]) await store.groups.save(group);
    platforms = platformsOnFakes({ slack, slackToken: SLACK_TOKEN, teams, serviceUrl: teams.serviceUrl(), store });
  }, 60_000);

  afterAll(async () => {
    await dispose?.();
    await slack.stop();
    await teams.stop();
  });

  const deliver = async () => {
    while ((await deliverOutbox(deps, platforms, silentLogger)) > 0);
  };
  const slackId = (key: string) => `U0${key.toUpperCase()}`;
  /** What was posted to a Slack person, oldest first, as text and blocks. */
  const postedOnSlack = (key: string) =>
    slack
      .callsTo('chat.postMessage')
      .filter((call) => call.outcome === 'ok' && call.params['channel'] === slackId(key))
      .map((call) => JSON.stringify(call.params));
  /** The activities of a Teams person's chat, as they now stand. */
  const teamsChat = (n: number) => teams.conversationWith(teamsUser(n))?.activities ?? [];
  const postedOnTeams = (n: number) => teamsChat(n).map((activity) => JSON.stringify(activity.body));
  /** Each chat.update made to the Slack message of the person's request card (its ts as Slack answered the post). */
  const slackCardUpdates = async (key: string, request: MembershipRequest) => {
    const [sent] = await store.outbox.listByDedupeKeys(request.tenantId, [requestCardKey(request.id, people[key]!.id)]);
    const ts = sent?.result?.['messageId'];
    expect(ts, `the request card posted to ${key}`).toEqual(expect.any(String));
    return slack
      .callsTo('chat.update')
      .filter((call) => call.outcome === 'ok' && call.params['ts'] === ts)
      .map((call) => JSON.stringify(call.params));
  };
  /** The Teams activity of the person's request card as it now stands. */
  const teamsCard = (n: number, requestId: string) => {
    const activity = teamsChat(n).find((a) => JSON.stringify(a.body).includes(requestId));
    expect(activity, `the request card in chat ${n}`).toBeDefined();
    return activity!;
  };
  const ask = async (key: string, group: Group): Promise<MembershipRequest> => {
    const asked = await askToJoin(deps, people[key]!, group.platformRef, null);
    if (!asked.ok) throw new Error(asked.detail);
    await deliver();
    return asked.value.request;
  };
  const at = async (hoursAfter: number, start: Date) => {
    clock.set(new Date(start.getTime() + hoursAfter * HOUR).toISOString());
    const outcome = await runRequestDeadlines(deps);
    await deliver();
    return outcome;
  };

  it('reminds the owners at 48 h, tells the co-owners, then the community manager, and expires at 14 days with the requester told', async () => {
    const start = new Date('2027-03-01T09:00:00Z');
    clock.set(start.toISOString());
    const remi = await ask('remi', design);
    const rita = await ask('rita', research);
    const before = {
      olivia: postedOnSlack('olivia').length,
      carla: postedOnSlack('carla').length,
      tanya: teamsChat(1).length,
    };

    expect(await at(47, start)).toMatchObject({ remind: 0 });
    expect(postedOnSlack('olivia')).toHaveLength(before.olivia);

    expect(await at(48, start)).toMatchObject({ remind: 2 });
    expect(postedOnSlack('olivia').at(-1)).toContain('asked to join *#design* 2 days ago and is still waiting');
    expect(postedOnSlack('oscar').at(-1)).toContain('a demandé à rejoindre *#design* il y a 2 jours');
    expect(postedOnTeams(1).at(-1)).toContain('подал(а) заявку на вступление в **Research** 2 дня назад');
    expect(postedOnTeams(2).at(-1)).toContain('Rita Moore');
    // Once: a second run in the same hour sends nothing.
    expect(await at(49, start)).toMatchObject({ looked: 0 });
    expect(postedOnSlack('olivia')).toHaveLength(before.olivia + 1);

    expect(await at(96, start)).toMatchObject({ co_owners: 2 });
    expect(postedOnSlack('olivia').at(-1)).toContain('Still waiting for 4 days');
    expect(postedOnTeams(1).at(-1)).toContain('Ждёт уже 4 дня');

    expect(postedOnSlack('carla')).toHaveLength(before.carla);
    expect(await at(144, start)).toMatchObject({ managers: 2 });
    const toCarla = postedOnSlack('carla').slice(before.carla);
    expect(toCarla).toHaveLength(2);
    expect(toCarla.join()).toContain(
      'Rémi Petit* asked to join *#design* 6 days ago and none of its owners (Olivia Brown and Oscar Martin) has decided',
    );
    expect(toCarla.join()).toContain('Rita Moore* asked to join *Research* 6 days ago');

    expect(await at(14 * 24 - 1, start)).toMatchObject({ expire: 0 });
    expect(await at(14 * 24, start)).toMatchObject({ expire: 2 });
    expect(await store.membershipRequests.get(remi.tenantId, remi.id)).toMatchObject({
      status: 'expired',
      decidedBy: null,
    });
    expect(postedOnSlack('remi').at(-1)).toContain(
      'Votre demande pour rejoindre #design a expiré : aucun propriétaire n’a décidé en 14 jours.',
    );
    expect(postedOnTeams(3).at(-1)).toContain(
      'Your request to join Research expired: no owner decided within 14 days.',
    );
    // Every owner's card says it expired, with no button left.
    for (const key of ['olivia', 'oscar']) {
      const updates = await slackCardUpdates(key, remi);
      expect(updates, key).toHaveLength(1);
      expect(updates[0]).toMatch(
        key === 'olivia'
          ? /Expired on .*: no owner decided in time/
          : /Expirée le .* : aucun propriétaire n’a décidé à temps/,
      );
      expect(updates[0]).not.toContain('"type":"button"');
    }
    for (const n of [1, 2]) {
      const card = teamsCard(n, rita.id);
      expect(card.updates).toBe(1);
      expect(JSON.stringify(card.body)).toContain(n === 1 ? 'Срок истёк' : 'Expired on');
      expect(JSON.stringify(card.body)).not.toContain('membership_request.approve');
    }
    expect(await store.outbox.listFailed(remi.tenantId, 10)).toEqual([]);
    // Nothing more, ever.
    expect(await at(30 * 24, start)).toMatchObject({ looked: 0 });
  }, 120_000);

  it('shows one owner’s decision on every owner’s card, on Slack and on Teams, with who and when and no button', async () => {
    clock.set('2027-05-03T09:00:00Z');
    const remi = await ask('remi', design);
    const rita = await ask('rita', research);
    clock.set('2027-05-03T10:30:00Z');
    expect(
      await performCardAction(deps, people['oscar']!, { id: 'membership_request.approve', value: remi.id }),
    ).toMatchObject({ ok: true });
    expect(
      await performCardAction(deps, people['tom']!, {
        id: 'membership_request.deny',
        value: rita.id,
        input: 'Team members only',
      }),
    ).toMatchObject({ ok: true });
    await deliver();

    const olivia = await slackCardUpdates('olivia', remi);
    expect(olivia).toHaveLength(1);
    // Olivia reads it in London time (BST) and British style: 11:30 on 3 May (formatDayAndTime).
    expect(olivia[0]).toContain('Approved by Oscar Martin on Mon 3 May, 11:30.');
    expect(olivia[0]).not.toContain('"type":"button"');
    expect((await slackCardUpdates('oscar', remi)).at(-1)).toContain('Approuvée par Oscar Martin le');
    const tanya = teamsCard(1, rita.id);
    expect(tanya.updates).toBe(1);
    expect(JSON.stringify(tanya.body)).toContain('Отклонена: Tom Baker');
    expect(JSON.stringify(tanya.body)).toContain('Team members only');
    expect(JSON.stringify(tanya.body)).not.toContain('membership_request.approve');
    // The requesters are told, and neither request goes on to be reminded.
    expect(postedOnSlack('remi').at(-1)).toContain('approuvée par Oscar Martin');
    expect(await at(48, new Date('2027-05-03T09:00:00Z'))).toMatchObject({ looked: 0 });
  }, 60_000);

  it('lets the requester, and only the requester, cancel; the owners’ cards then say so', async () => {
    clock.set('2027-07-05T09:00:00Z');
    const rita = await ask('rita', research);
    expect(
      await performCardAction(deps, people['tom']!, { id: 'membership_request.cancel', value: rita.id }),
    ).toMatchObject({ ok: false, code: 'not_your_card' });
    const cancelled = await performCardAction(deps, people['rita']!, {
      id: 'membership_request.cancel',
      value: rita.id,
    });
    expect(cancelled.ok && cancelled.value.summary).toBe('You cancelled your request to join Research.');
    await deliver();
    for (const n of [1, 2]) {
      const card = teamsCard(n, rita.id);
      expect(card.updates).toBe(1);
      expect(JSON.stringify(card.body)).toContain(
        n === 1 ? 'Отменена заявителем (Rita Moore)' : 'Cancelled by Rita Moore on',
      );
      expect(JSON.stringify(card.body)).not.toContain('membership_request.approve');
    }
    // Too late to approve it now; and it is never reminded.
    expect(
      await performCardAction(deps, people['tanya']!, { id: 'membership_request.approve', value: rita.id }),
    ).toMatchObject({ ok: false, code: 'already_decided' });
    expect(await at(48, new Date('2027-07-05T09:00:00Z'))).toMatchObject({ looked: 0 });
  }, 60_000);

  it('expires requests at the limit an administrator sets, pending ones included, and refuses a bad limit or a non-administrator', async () => {
    const start = new Date('2027-09-06T09:00:00Z');
    clock.set(start.toISOString());
    const tenantId = design.tenantId;
    const remi = await ask('remi', design);
    const rita = await ask('rita', research);
    expect(await at(48, start)).toMatchObject({ remind: 2 });
    try {
      for (const days of [0, 91, 2.5, '3', null]) {
        expect(await setRequestExpiry(deps, people['ada']!, { days }), String(days)).toMatchObject({
          ok: false,
          code: 'invalid_input',
        });
      }
      expect(await setRequestExpiry(deps, people['carla']!, { days: 3 })).toMatchObject({
        ok: false,
        code: 'not_an_administrator',
      });
      expect((await store.tenants.get(tenantId))?.requestExpiryDays).toBe(14);

      // Both requests were next due at 96 h (co-owners); at 3 days they expire at 72 h instead.
      clock.set(new Date(start.getTime() + 50 * HOUR).toISOString());
      expect(await setRequestExpiry(deps, people['ada']!, { days: 3 })).toEqual({ ok: true, value: { days: 3 } });
      expect(await setRequestExpiry(deps, people['ada']!, { days: 3 })).toEqual({ ok: true, value: { days: 3 } });
      const audit = (await store.audit.list(tenantId, { limit: 50 })).filter(
        (e) => e.action === 'tenant.request_expiry_changed',
      );
      expect(audit.map((e) => [e.actorId, e.details])).toEqual([
        [people['ada']!.id, { days: 3, wasDays: 14, pendingRescheduled: 2 }],
      ]);

      expect(await at(72 - 1, start)).toMatchObject({ looked: 0 });
      expect(await at(72, start)).toMatchObject({ expire: 2, co_owners: 0 });
      expect(await store.membershipRequests.get(tenantId, remi.id)).toMatchObject({ status: 'expired' });
      expect(postedOnSlack('remi').at(-1)).toContain(
        'Votre demande pour rejoindre #design a expiré : aucun propriétaire n’a décidé en 3 jours.',
      );
      expect(postedOnTeams(3).at(-1)).toContain(
        'Your request to join Research expired: no owner decided within 3 days.',
      );
      expect((await store.membershipRequests.get(tenantId, rita.id))?.status).toBe('expired');
    } finally {
      await store.tenants.save({ ...(await store.tenants.get(tenantId))!, requestExpiryDays: 14 });
    }
  }, 60_000);
});
