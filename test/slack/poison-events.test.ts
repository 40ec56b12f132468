// One poison event among good ones on Slack: 40 messages and one event that cannot be counted are
// posted to /slack/events at once, through signed HTTP against the fake Slack. The 40 are stored as
// contributions, the poison one is parked in the inbox with its reason (and /healthz counts it),
// nothing else is parked, and a profile Slack fails to give once (500, 429) is read again, not
// parked. Each variant has a channel and group of its own. On PostgreSQL when TEST_DATABASE_URL is
// set (as .ci/run does), else on embedded PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSteward } from '../../apps/server/src/steward.ts';
import type { Tenant } from '../../core/src/index.ts';
import { eventually } from '../support/eventually.ts';
import { aGroup, aPerson } from '../support/factories.ts';
import type { Fault } from '../support/fake-slack/index.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import type { Json } from '../support/json.ts';
import { asEvent, postToSlackEndpoint, slackFixture } from '../support/slack-requests.ts';
import { startStewardWithSlack } from '../support/steward-with-slack.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';

const TEAM = 'T0STEWARD';
const TOKEN = 'xoxb-poison-test';
const AUTHORS = ['U0ALICE', 'U0BORIS', 'U0CHLOE', 'U0DAVID'];
const GOOD_EVENTS = 40;
const range = { from: '2026-01-01', to: '2026-12-31' };
const serverUrl = process.env['TEST_DATABASE_URL'];

/** A fixture (https://docs.slack.dev/reference/events/message, …/reaction_added) with its event id and fields set. */
const event = (fixture: string, eventId: string, edit: (body: Json) => void): string => {
  const body = JSON.parse(slackFixture(fixture)) as Json;
  body['event_id'] = eventId;
  edit(body);
  return JSON.stringify(body);
};
/** The n-th good message of a variant, by one of the known authors, in the variant's channel. */
const goodMessage = (variant: string, channel: string, n: number) =>
  event('message.json', `Ev0${variant}GOOD${n}`, (body) => {
    Object.assign(body['event'], {
      channel,
      user: AUTHORS[n % AUTHORS.length],
      ts: `1772445600.${String(n).padStart(6, '0')}`,
      text: 'Shipped the new icons',
    });
    delete body['event']['client_msg_id'];
  });

interface Variant {
  readonly name: string;
  /** The poison event, in the variant's channel. */
  readonly poison: (channel: string, eventId: string) => string;
  /** Why it is parked; null when it must end up stored after all. */
  readonly parkedFor: string | null;
  /** A user Slack knows only from now on, and what users.info answers them first. */
  readonly newUser?: { readonly id: string; readonly firstAnswer: Fault; readonly outcome: string };
}

const VARIANTS: readonly Variant[] = [
  {
    name: 'a message whose ts is "abc"',
    poison: (channel, id) =>
      event('message.json', id, (body) => Object.assign(body['event'], { channel, ts: 'abc', event_ts: 'abc' })),
    parkedFor: 'bad_timestamp',
  },
  {
    name: 'a message by a user users.info answers user_not_found for',
    poison: (channel, id) =>
      event('message.json', id, (body) => Object.assign(body['event'], { channel, user: 'U0NOBODY' })),
    parkedFor: 'user_not_found',
  },
  {
    name: 'a reaction whose item has no channel',
    poison: (_channel, id) => event('reaction-added.json', id, (body) => delete body['event']['item']['channel']),
    parkedFor: 'missing_channel',
  },
  {
    name: 'a message by a new user whose users.info answers 500 once',
    poison: (channel, id) =>
      event('message.json', id, (body) =>
        Object.assign(body['event'], { channel, user: 'U0ERIN', ts: '1772445600.900000' }),
      ),
    parkedFor: null,
    newUser: { id: 'U0ERIN', firstAnswer: { status: 500 }, outcome: 'http_500' },
  },
  {
    name: 'a message by a new user whose users.info answers 429 once',
    poison: (channel, id) =>
      event('message.json', id, (body) =>
        Object.assign(body['event'], { channel, user: 'U0FRED', ts: '1772445600.900000' }),
      ),
    parkedFor: null,
    newUser: { id: 'U0FRED', firstAnswer: { status: 429, retryAfter: 1 }, outcome: 'ratelimited' },
  },
];

describe(`One poison Slack event among 40 good ones (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const fake = new FakeSlack();
  let steward: RunningSteward;
  let dispose: () => Promise<void>;
  let drop: (() => Promise<void>) | undefined;
  let tenant: Tenant;
  let owner: string;

  beforeAll(async () => {
    await fake.start();
    fake.addWorkspace({ id: TEAM, token: TOKEN });
    for (const id of [...AUTHORS, 'U0ERIN', 'U0FRED'])
      fake.addUser({ id, realName: `${id.slice(2)} Northwind`, email: `${id.toLowerCase()}@northwind.example` });
    for (const n of VARIANTS.keys())
      fake.addChannel({ id: `C0POISON${n}`, name: `poison-${n}`, members: AUTHORS, botIsMember: true });
    const database = serverUrl ? await createTemporaryPostgresDatabase(serverUrl) : null;
    drop = database?.drop;
    ({ steward, dispose } = await startStewardWithSlack(fake, {
      SLACK_BOT_TOKEN: TOKEN,
      ...(database ? { DATABASE_URL: database.url, STEWARD_SECRET_KEYS: TEST_SECRET_KEYS } : {}),
    }));
    const installation = await steward.store.installations.find('slack', TEAM);
    tenant = (await steward.store.tenants.get(installation!.tenantId))!;
    // The good events' authors are known already, so that users.info is asked only of the new users.
    const people = AUTHORS.map((userId) =>
      aPerson(tenant.id, {
        displayName: userId,
        email: `${userId.toLowerCase()}@northwind.example`,
        identities: [{ platform: 'slack', workspaceId: TEAM, userId }],
      }),
    );
    for (const person of people) await steward.store.people.save(person);
    owner = people[0]!.id;
  }, 60_000);

  afterAll(async () => {
    await dispose?.();
    await drop?.();
    await fake.stop();
  });

  const parkedCount = async () =>
    ((await (await fetch(`${steward.url}/healthz`)).json()) as { inbox: { parked: number } }).inbox.parked;

  it.each(VARIANTS.map((variant, n) => ({ ...variant, n })))('$name', async ({ n, poison, parkedFor, newUser }) => {
    const channel = `C0POISON${n}`;
    const group = aGroup(tenant.id, [owner], {
      name: `#poison-${n}`,
      platformRef: { platform: 'slack', workspaceId: TEAM, id: channel },
    });
    await steward.store.groups.save(group);
    const variant = `V${n}`;
    const poisonId = `Ev0${variant}POISON`;
    const bodies = Array.from({ length: GOOD_EVENTS }, (_, i) => goodMessage(variant, channel, i));
    bodies.splice(GOOD_EVENTS / 2, 0, poison(channel, poisonId));
    const parkedBefore = await parkedCount();
    if (newUser) fake.failNext('users.info', newUser.firstAnswer);

    const responses = await Promise.all(bodies.map((body) => postToSlackEndpoint(steward.url, asEvent(body))));
    expect(responses.map((response) => response.status)).toEqual(bodies.map(() => 200));

    const stored = GOOD_EVENTS + (parkedFor ? 0 : 1);
    await eventually(
      async () =>
        expect(await steward.store.contributions.groupDays(tenant.id, group.id, range)).toMatchObject([
          { day: '2026-03-02', posts: stored },
        ]),
      20_000,
    );
    await eventually(
      async () => expect(await steward.store.inbox.countByStatus()).toMatchObject({ pending: 0 }),
      20_000,
    );
    const ours = (await steward.store.inbox.listParked(1_000)).filter((item) =>
      item.eventId.startsWith(`Ev0${variant}`),
    );
    expect(ours.map((item) => [item.eventId, item.lastError])).toEqual(parkedFor ? [[poisonId, parkedFor]] : []);
    expect(await parkedCount()).toBe(parkedBefore + (parkedFor ? 1 : 0));
    if (newUser) {
      // The fault struck the new user's profile, which was read again and is now a person's.
      const answers = fake
        .callsTo('users.info')
        .filter((call) => call.params['user'] === newUser.id)
        .map((call) => call.outcome);
      expect(answers).toEqual([newUser.outcome, 'ok']);
      expect(
        await steward.store.people.findByIdentity(tenant.id, {
          platform: 'slack',
          workspaceId: TEAM,
          userId: newUser.id,
        }),
      ).not.toBeNull();
    }
  });
});
