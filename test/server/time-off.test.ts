// Time off end to end (issue 11, item 5), through the due-cards job and the outbox to Slack's fake
// Web API and Microsoft's fake Bot Connector, on a clock the test moves a week at a time. Ada (Slack)
// and Bea (Teams) are away three weeks, each covered by a co-owner; Eve (Slack) and Fay (Teams)
// are not away and miss the same weeks. Ada and Bea get no card, their covers get the weeks as
// delegated cards, and no escalation about Ada or Bea reaches anyone, while Eve and Fay are
// escalated to their co-owners and then to the community manager. On PostgreSQL when
// TEST_DATABASE_URL is set, else on embedded PGlite.
import { type CoreDeps, type Store, sendDueWeeklyHours } from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../apps/slack/src/scopes.ts';
import type { Person } from '../../core/src/domain/person.ts';
import { translate } from '../../core/src/messages/translate.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { deliverUntilEmpty, type FakePlatforms, platformsOnFakes } from '../support/outbox-to-fakes.ts';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';
import { WallClock } from '../support/wall-clock.ts';

const WORKSPACE = { id: 'T0TIMEOFF', token: 'xoxb-timeoff' };
const AAD = FAKE_TENANT.id;
const serverUrl = process.env['TEST_DATABASE_URL'];
const teamsUser = (n: number) => `b0000000-0000-4000-8000-00000000000${n}`;
/** Mondays 09:00 in Paris (the tenant's weekly hour): weeks 48 to 51 of 2026. */
const MONDAYS = ['2026-11-23T08:00:00Z', '2026-11-30T08:00:00Z', '2026-12-07T08:00:00Z', '2026-12-14T08:00:00Z'];

describe(`An owner on time off is not escalated; their cover gets the week (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack({ workspaces: [{ ...WORKSPACE, scopes: SLACK_BOT_SCOPES }] });
  const teams = new FakeTeams();
  const clock = new WallClock('2026-11-20T08:00:00Z');
  let store: Store;
  let dispose: () => Promise<void>;
  let deps: CoreDeps & { clock: WallClock };
  let platforms: FakePlatforms;
  const people: Record<'ada' | 'cyd' | 'eve' | 'bea' | 'dan' | 'fay' | 'mia', Person> = {} as never;

  beforeAll(async () => {
    await Promise.all([slack.start(), teams.start()]);
    ({ store, dispose } = serverUrl ? await openTemporaryPostgresStore(serverUrl) : await openTemporaryEmbeddedStore());
    deps = { store, clock };
    platforms = platformsOnFakes(store, slack, WORKSPACE, teams);
    const tenant = aTenant(); // escalation: co-owners after 2 missed weeks, managers after 3
    await store.tenants.save(tenant);
    const onSlack = (name: string, userId: string, more: Partial<Person> = {}) => {
      slack.addUser({ id: userId, realName: name });
      return aPerson(tenant.id, {
        displayName: name,
        identities: [{ platform: 'slack', workspaceId: WORKSPACE.id, userId }],
        ...more,
      });
    };
    const onTeams = (name: string, n: number, more: Partial<Person> = {}) => {
      teams.addUser({ id: teamsUser(n), tenantId: AAD, displayName: name });
      return aPerson(tenant.id, {
        displayName: name,
        identities: [{ platform: 'teams', workspaceId: AAD, userId: teamsUser(n) }],
        ...more,
      });
    };
    Object.assign(people, {
      cyd: onSlack('Cyd Cover', 'U0CYD'),
      eve: onSlack('Eve Present', 'U0EVE'),
      dan: onTeams('Dan Cover', 1),
      fay: onTeams('Fay Present', 2),
      mia: onSlack('Mia Manager', 'U0MIA', { roles: ['community_manager'] }),
    });
    // Away Monday of week 48 to Sunday of week 50, on their own calendar.
    people.ada = onSlack('Ada Away', 'U0ADA', {
      timeOff: { from: '2026-11-23', until: '2026-12-13', coverId: people.cyd.id },
    });
    people.bea = onTeams('Bea Away', 3, {
      timeOff: { from: '2026-11-23', until: '2026-12-13', coverId: people.dan.id },
    });
    for (const person of Object.values(people)) await store.people.save(person);
    await store.groups.save(
      aGroup(tenant.id, [people.ada.id, people.cyd.id, people.eve.id], {
        name: 'design',
        platformRef: { platform: 'slack', workspaceId: WORKSPACE.id, id: 'C0DESIGN' },
      }),
    );
    await store.groups.save(
      aGroup(tenant.id, [people.bea.id, people.dan.id, people.fay.id], {
        name: 'finance',
        platformRef: { platform: 'teams', workspaceId: AAD, id: '19:finance@thread.tacv2' },
      }),
    );

    // Four Mondays in which nobody acts on a card; each job runs twice, as after a restart.
    for (const monday of MONDAYS) {
      clock.set(monday);
      for (let run = 0; run < 2; run++) {
        await sendDueWeeklyHours(deps);
        await deliverUntilEmpty(deps, platforms);
      }
    }
  }, 180_000);
  afterAll(async () => {
    await dispose?.();
    await Promise.all([slack.stop(), teams.stop()]);
  });

  /** What each person received in their chat with the bot, each message as its rendered JSON. */
  function received(person: Person): string[] {
    const identity = person.identities[0]!;
    if (identity.platform === 'slack') {
      return slack
        .callsTo('chat.postMessage')
        .filter((c) => c.outcome === 'ok' && c.params['channel'] === identity.userId)
        .map((c) => JSON.stringify(c.params));
    }
    return (teams.conversationWith(identity.userId)?.activities ?? []).map((a) => JSON.stringify(a.body));
  }
  const escalations = (person: Person) =>
    received(person).filter((m) => m.includes(translate('en', 'escalation.title')));
  const delegatedFrom = (owner: Person) => (m: string) =>
    m.includes(translate('en', 'weekly_hour.title_delegated', { owner: owner.displayName }));
  const ownCards = (person: Person) =>
    received(person).filter((m) => m.includes(translate('en', 'weekly_hour.title')) && !m.includes('Weekly hour of'));

  it('ran four weeks: the owners not away had their card each week', () => {
    expect(ownCards(people.eve)).toHaveLength(4);
    expect(ownCards(people.fay)).toHaveLength(4);
  });

  it('sends the owners on time off no card for their three weeks, and their card again when back', async () => {
    // Week 51 (14 December) is after the time off: one card each, that week's.
    expect(ownCards(people.ada)).toHaveLength(1);
    expect(ownCards(people.bea)).toHaveLength(1);
    const weeks = await store.weeklyHours.listByOwner(people.ada.tenantId, people.ada.id, 10);
    expect(weeks.map((w) => [w.week, w.status, w.timeOff, w.delegateId])).toEqual([
      ['2026-W51', 'pending', false, null],
      ['2026-W50', 'delegated', true, people.cyd.id],
      ['2026-W49', 'delegated', true, people.cyd.id],
      ['2026-W48', 'delegated', true, people.cyd.id],
    ]);
  });

  it('gives each covering co-owner the away owner’s three weeks as delegated cards, on their own platform', async () => {
    expect(received(people.cyd).filter(delegatedFrom(people.ada))).toHaveLength(3);
    expect(received(people.dan).filter(delegatedFrom(people.bea))).toHaveLength(3);
    // Nobody else is handed their weeks.
    for (const other of [people.eve, people.fay, people.mia]) {
      expect(received(other).filter(delegatedFrom(people.ada))).toEqual([]);
      expect(received(other).filter(delegatedFrom(people.bea))).toEqual([]);
    }
  });

  it('escalates no one about the owners on time off, neither to co-owners nor to the community manager', async () => {
    const everyone = Object.values(people).flatMap(escalations);
    expect(everyone.length).toBeGreaterThan(0);
    expect(everyone.filter((m) => m.includes('Ada Away') || m.includes('Bea Away'))).toEqual([]);
  });

  it('escalates the owners not on time off who missed the same weeks: co-owners after two, the manager after three', async () => {
    const coOwners = (owner: Person, group: string, count: number) =>
      translate('en', 'escalation.co_owners', { owner: owner.displayName, groups: group, count });
    // Week 50: two weeks missed. Week 51: three. Each co-owner not away hears each time.
    expect(escalations(people.cyd).filter((m) => m.includes(coOwners(people.eve, 'design', 2)))).toHaveLength(1);
    expect(escalations(people.cyd).filter((m) => m.includes(coOwners(people.eve, 'design', 3)))).toHaveLength(1);
    expect(escalations(people.dan).filter((m) => m.includes(coOwners(people.fay, 'finance', 3)))).toHaveLength(1);
    // Ada was away in week 50, so was not asked about Eve then; back in week 51, she is.
    expect(escalations(people.ada).filter((m) => m.includes(coOwners(people.eve, 'design', 2)))).toEqual([]);
    expect(escalations(people.ada).filter((m) => m.includes(coOwners(people.eve, 'design', 3)))).toHaveLength(1);
    const managers = (owner: Person, group: string) =>
      translate('en', 'escalation.managers', { owner: owner.displayName, groups: group, count: 3 });
    expect(escalations(people.mia).filter((m) => m.includes(managers(people.eve, 'design')))).toHaveLength(1);
    expect(escalations(people.mia).filter((m) => m.includes(managers(people.fay, 'finance')))).toHaveLength(1);
  });
});
