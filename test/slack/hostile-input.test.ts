// Authenticated but hostile input on /slack/events (issue "A real install works from day one",
// item 7): a request signed with the app's secret whose shape is not Slack's gets a 4xx, never a 5xx,
// names no file or stack, and writes nothing. Slack's own shapes are those of test/fixtures/slack
// (see its README); each row below breaks one field of one of them, or is a well-formed request.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningSteward } from '../../apps/server/src/steward.ts';
import { databaseDigest, type Queryable, rowCounts } from '../support/database-digest.ts';
import { currentEmbeddedPool } from '../support/embedded-pool.ts';
import { aGroup, aPerson } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import type { Json } from '../support/json.ts';
import { asEvent, postToSlackEndpoint, type SignedPost, slackFixture } from '../support/slack-requests.ts';
import { startStewardWithSlack } from '../support/steward-with-slack.ts';
import { createTemporaryPostgresDatabase, TEST_SECRET_KEYS } from '../support/temporary-postgres.ts';

// The embedded store's tables are read through the server's own connection (embedded-pool.ts).
vi.mock('../../core/src/stores/postgres/index.ts', async (original) =>
  (await import('../support/embedded-pool.ts')).capturingEmbeddedPool(
    await original<typeof import('../../core/src/stores/postgres/index.ts')>(),
  ),
);

const TEAM = 'T0STEWARD';
/** What a stack trace or a source path looks like in an answer. */
const LEAK = /\s+at \S+ \(|\.[cm]?[jt]s\b|node_modules|\/work\/|Error:/;
/** An answer Slack gets in time for an interaction it shows the person. */
const FAST_MS = 500;
const GT = { $gt: '' };

/** A fixture parsed, changed by `edit`, and sent again as JSON. */
const edited = (name: string, edit: (body: Json) => void): string => {
  const body = JSON.parse(slackFixture(name)) as Json;
  edit(body);
  return JSON.stringify(body);
};
/** A fixture with a fresh event id, so that the inbox takes it as a new delivery. */
const fresh = (name: string, edit: (body: Json) => void = () => {}) =>
  edited(name, (body) => {
    body['event_id'] = `Ev0${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;
    edit(body);
  });
const json = (body: string): SignedPost => asEvent(body);
const interaction = (payload: string): SignedPost => form([['payload', payload]]);
const interactionEdited = (name: string, edit: (body: Json) => void) => interaction(edited(name, edit));
/** Form fields in order, a name repeated as Slack never does (a parser then reads an array). */
const form = (fields: readonly (readonly [string, string])[]): SignedPost => ({
  body: new URLSearchParams(fields.map(([name, value]): [string, string] => [name, value])).toString(),
  contentType: 'application/x-www-form-urlencoded',
});
// A slash command as https://docs.slack.dev/interactivity/implementing-slash-commands describes it.
const COMMAND: readonly (readonly [string, string])[] = [
  ['token', 'XXYYZZ'],
  ['team_id', TEAM],
  ['team_domain', 'northwind'],
  ['channel_id', 'D0ALICE'],
  ['channel_name', 'directmessage'],
  ['user_id', 'U0ALICE'],
  ['user_name', 'alice'],
  ['command', '/steward'],
  ['text', 'help'],
  ['api_app_id', 'A0STEWARD'],
  ['is_enterprise_install', 'false'],
  ['response_url', 'https://hooks.slack.com/commands/T0STEWARD/1/abc'],
  ['trigger_id', '1772463600.1234567890.abcdef0123456789'],
];
const command = (change: (fields: [string, string][]) => void) => {
  const fields = COMMAND.map(([name, value]) => [name, value] as [string, string]);
  change(fields);
  return form(fields);
};
const without = (name: string) => (fields: [string, string][]) =>
  fields.splice(
    fields.findIndex(([n]) => n === name),
    1,
  );
const twice = (name: string, value: string) => (fields: [string, string][]) => fields.push([name, value]);
const replaced = (name: string, field: [string, string]) => (fields: [string, string][]) => {
  without(name)(fields);
  fields.push(field);
};

interface Row {
  readonly name: string;
  readonly request: SignedPost;
  /** 400: not Slack's shape. 200 with nothing stored: well formed, and nothing to do. */
  readonly status: 400 | 200;
}

// Malformed: each breaks the shape of what Bolt or a listener reads. 400, since Slack never sends
// them: a client error, which Slack (were it the sender) would not take for our being down.
const MALFORMED: readonly Row[] = [
  { name: 'a JSON null body', request: json('null'), status: 400 },
  { name: 'a JSON array body', request: json('[{"type":"event_callback"}]'), status: 400 },
  { name: 'a JSON number body', request: json('42'), status: 400 },
  { name: 'a JSON string body', request: json('"event_callback"'), status: 400 },
  { name: 'an object with no type', request: json('{"team_id":"T0STEWARD"}'), status: 400 },
  { name: 'a type that is {"$gt": ""}', request: json('{"type":{"$gt":""}}'), status: 400 },
  {
    name: 'an event_callback with no event',
    request: json(edited('message.json', (b) => delete b['event'])),
    status: 400,
  },
  { name: 'an event that is null', request: json(edited('message.json', (b) => (b['event'] = null))), status: 400 },
  {
    name: 'an event that is an array',
    request: json(edited('message.json', (b) => (b['event'] = [b['event']]))),
    status: 400,
  },
  {
    name: 'an event whose type is a number',
    request: json(edited('message.json', (b) => (b['event']['type'] = 7))),
    status: 400,
  },
  {
    name: 'a team_id that is a number',
    request: json(edited('message.json', (b) => (b['team_id'] = 1234))),
    status: 400,
  },
  {
    name: 'a team_id that is {"$gt": ""}',
    request: json(edited('message.json', (b) => (b['team_id'] = GT))),
    status: 400,
  },
  {
    name: 'a team_id that is an array',
    request: json(edited('message.json', (b) => (b['team_id'] = [TEAM]))),
    status: 400,
  },
  {
    name: 'an event_id that is a number',
    request: json(edited('message.json', (b) => (b['event_id'] = 42))),
    status: 400,
  },
  {
    name: 'an event_id that is {"$gt": ""}',
    request: json(edited('message.json', (b) => (b['event_id'] = GT))),
    status: 400,
  },
  {
    name: 'an authorization whose team_id is {"$gt": ""}',
    request: json(edited('message.json', (b) => (b['authorizations'][0]['team_id'] = GT))),
    status: 400,
  },
  {
    name: 'authorizations that are a string',
    request: json(edited('message.json', (b) => (b['authorizations'] = TEAM))),
    status: 400,
  },
  {
    name: 'a message whose user is {"$gt": ""}',
    request: json(edited('message.json', (b) => (b['event']['user'] = GT))),
    status: 400,
  },
  {
    name: 'a message whose channel is an array',
    request: json(edited('message.json', (b) => (b['event']['channel'] = ['C0DESIGN']))),
    status: 400,
  },
  {
    name: 'a message whose channel is null',
    request: json(edited('message.json', (b) => (b['event']['channel'] = null))),
    status: 400,
  },
  {
    name: 'a message whose ts is a number',
    request: json(edited('message.json', (b) => (b['event']['ts'] = 1772445600.0001))),
    status: 400,
  },
  {
    name: 'a message whose thread_ts is {"$gt": ""}',
    request: json(edited('message.json', (b) => (b['event']['thread_ts'] = GT))),
    status: 400,
  },
  {
    name: 'a message whose text is an object',
    request: json(edited('message.json', (b) => (b['event']['text'] = GT))),
    status: 400,
  },
  {
    name: 'a reaction whose item is a string',
    request: json(edited('reaction-added.json', (b) => (b['event']['item'] = 'C0DESIGN'))),
    status: 400,
  },
  {
    name: 'a reaction whose item channel is a number',
    request: json(edited('reaction-added.json', (b) => (b['event']['item']['channel'] = 5))),
    status: 400,
  },
  {
    name: 'a shared file whose file_id is {"$gt": ""}',
    request: json(edited('file-shared.json', (b) => (b['event']['file_id'] = GT))),
    status: 400,
  },
  {
    name: 'a shared file with no channel_id',
    request: json(edited('file-shared.json', (b) => delete b['event']['channel_id'])),
    status: 400,
  },
  {
    name: 'a user_change whose user is a string',
    request: json(edited('user-change.json', (b) => (b['event']['user'] = 'U0BORIS'))),
    status: 400,
  },
  {
    name: 'a user_change whose time zone is a number',
    request: json(edited('user-change.json', (b) => (b['event']['user']['tz'] = 10800))),
    status: 400,
  },
  {
    name: 'a tokens_revoked with no tokens',
    request: json(edited('tokens-revoked.json', (b) => delete b['event']['tokens'])),
    status: 400,
  },
  {
    name: 'a tokens_revoked whose bot tokens are a string',
    request: json(edited('tokens-revoked.json', (b) => (b['event']['tokens']['bot'] = 'U0BOT'))),
    status: 400,
  },
  // https://docs.slack.dev/reference/events/pin_added and …/app_home_opened
  {
    name: 'a pin whose item is null',
    request: json(
      edited(
        'message.json',
        (b) =>
          (b['event'] = {
            type: 'pin_added',
            user: 'U0ALICE',
            channel_id: 'C0DESIGN',
            item: null,
            event_ts: '1772445600.000100',
          }),
      ),
    ),
    status: 400,
  },
  {
    name: 'an App Home opened by {"$gt": ""}',
    request: json(
      edited(
        'message.json',
        (b) =>
          (b['event'] = {
            type: 'app_home_opened',
            user: GT,
            channel: 'D0ALICE',
            tab: 'home',
            event_ts: '1772445600.000100',
          }),
      ),
    ),
    status: 400,
  },
  {
    name: 'an event of another type whose channel is null',
    request: json(edited('message.json', (b) => (b['event'] = { type: 'emoji_changed', channel: null }))),
    status: 400,
  },
  {
    name: 'a url_verification whose challenge is an object',
    request: json('{"token":"XXYYZZ","type":"url_verification","challenge":{"$gt":""}}'),
    status: 400,
  },

  { name: 'an interaction payload that is null', request: interaction('null'), status: 400 },
  { name: 'an interaction payload that is not JSON', request: interaction('{"type": "block_actions", '), status: 400 },
  { name: 'an interaction payload that is an array', request: interaction('[{"type":"block_actions"}]'), status: 400 },
  { name: 'an interaction payload that is a number', request: interaction('42'), status: 400 },
  {
    name: 'an interaction with no type',
    request: interactionEdited('block-actions-approve.json', (b) => delete b['type']),
    status: 400,
  },
  {
    name: 'a button click with no user',
    request: interactionEdited('block-actions-approve.json', (b) => delete b['user']),
    status: 400,
  },
  {
    name: 'a button click whose user id is {"$gt": ""}',
    request: interactionEdited('block-actions-approve.json', (b) => (b['user']['id'] = GT)),
    status: 400,
  },
  {
    name: 'a button click whose team id is {"$gt": ""}',
    request: interactionEdited('block-actions-approve.json', (b) => (b['team']['id'] = GT)),
    status: 400,
  },
  {
    name: 'a button click whose action id is {"$gt": ""}',
    request: interactionEdited('block-actions-approve.json', (b) => (b['actions'][0]['action_id'] = GT)),
    status: 400,
  },
  {
    name: 'a button click whose actions are an object',
    request: interactionEdited('block-actions-approve.json', (b) => (b['actions'] = GT)),
    status: 400,
  },
  {
    name: 'a button click with no action',
    request: interactionEdited('block-actions-approve.json', (b) => (b['actions'] = [])),
    status: 400,
  },
  {
    name: 'a modal submission with no view',
    request: interactionEdited('view-submission-unknown.json', (b) => delete b['view']),
    status: 400,
  },
  {
    name: 'a modal submission whose callback_id is {"$gt": ""}',
    request: interactionEdited('view-submission-unknown.json', (b) => (b['view']['callback_id'] = GT)),
    status: 400,
  },
  {
    name: 'a modal submission whose field is null',
    request: interactionEdited('view-submission-unknown.json', (b) => (b['view']['state']['values']['note'] = null)),
    status: 400,
  },
  {
    name: 'a modal submission whose private_metadata is an object',
    request: interactionEdited('view-submission-unknown.json', (b) => (b['view']['private_metadata'] = GT)),
    status: 400,
  },
  {
    name: 'a repeated interaction payload',
    request: form([
      ['payload', '{}'],
      ['payload', '{}'],
    ]),
    status: 400,
  },

  { name: 'a form with no command', request: command(without('command')), status: 400 },
  { name: 'a command with two team_ids', request: command(twice('team_id', 'T0OTHER')), status: 400 },
  { name: 'a command with two user_ids', request: command(twice('user_id', 'U0BORIS')), status: 400 },
  {
    name: 'a command whose user_id is user_id[$gt]',
    request: command(replaced('user_id', ['user_id[$gt]', ''])),
    status: 400,
  },
  { name: 'a command with two texts', request: command(twice('text', 'groups')), status: 400 },
  { name: 'a command with no channel_id', request: command(without('channel_id')), status: 400 },
  {
    name: 'a command whose response_url is not a URL',
    request: command(replaced('response_url', ['response_url', 'javascript:alert(1)'])),
    status: 400,
  },
  {
    name: 'a command with two is_enterprise_install',
    request: command(twice('is_enterprise_install', 'true')),
    status: 400,
  },
];

// Well formed, but nothing this app acts on: Slack wants its 200 (events unanswered are sent again,
// and an app that fails too often is turned off; an interaction unanswered in 3 s shows the person
// an error), and Bolt would give none, so an empty one is given at once, and nothing is stored.
const NOTHING_TO_DO: readonly Row[] = [
  // https://docs.slack.dev/reference/events/app_rate_limited
  { name: 'an app_rate_limited notice', request: json(slackFixture('app-rate-limited.json')), status: 200 },
  {
    name: 'an Events API envelope of a type Slack may add later',
    request: json('{"token":"XXYYZZ","type":"event_batch","team_id":"T0STEWARD"}'),
    status: 200,
  },
  {
    name: 'an interaction of a type Slack may add later',
    request: interactionEdited('shortcut.json', (b) => (b['type'] = 'workflow_button')),
    status: 200,
  },
];

// Content the core judges, in Slack's shape: taken (one item in the inbox), and parked there later
// with its reason (test/slack/poison-events.test.ts), not refused at the door.
const WELL_FORMED_CONTENT: readonly Row[] = [
  {
    name: 'a message whose ts is "abc"',
    request: json(fresh('message.json', (b) => (b['event']['ts'] = 'abc'))),
    status: 200,
  },
  {
    name: 'a message by a user Slack does not know',
    request: json(fresh('message.json', (b) => (b['event']['user'] = 'U0NOBODY'))),
    status: 200,
  },
  {
    name: 'a reaction whose item has no channel',
    request: json(fresh('reaction-added.json', (b) => delete b['event']['item']['channel'])),
    status: 200,
  },
  {
    name: 'a message with no user',
    request: json(fresh('message.json', (b) => delete b['event']['user'])),
    status: 200,
  },
];

function hostileInputSuite(
  open: () => Promise<{ settings: Record<string, string>; database: () => Queryable; close: () => Promise<void> }>,
) {
  const fake = new FakeSlack();
  let steward: RunningSteward;
  let dispose: () => Promise<void>;
  let database: Queryable;
  let close: () => Promise<void>;

  beforeAll(async () => {
    await fake.start();
    fake.addWorkspace({ id: TEAM, token: 'xoxb-steward-test' });
    fake.addUser({ id: 'U0ALICE', realName: 'Alice Martin', email: 'alice@northwind.example' });
    fake.addUser({ id: 'U0BORIS', realName: 'Boris Ivanov', email: 'boris@northwind.example' });
    fake.addChannel({ id: 'C0DESIGN', name: 'design', members: ['U0ALICE', 'U0BORIS'], botIsMember: true });
    const opened = await open();
    close = opened.close;
    // The web role handles nothing in the background: whatever a request stores stays in the inbox, in sight.
    ({ steward, dispose } = await startStewardWithSlack(fake, {
      SLACK_BOT_TOKEN: 'xoxb-steward-test',
      STEWARD_ROLE: 'web',
      ...opened.settings,
    }));
    database = opened.database();
    const installation = await steward.store.installations.find('slack', TEAM);
    const alice = aPerson(installation!.tenantId, {
      displayName: 'Alice Martin',
      identities: [{ platform: 'slack', workspaceId: TEAM, userId: 'U0ALICE' }],
    });
    await steward.store.people.save(alice);
    await steward.store.groups.save(
      aGroup(installation!.tenantId, [alice.id], {
        name: '#design',
        platformRef: { platform: 'slack', workspaceId: TEAM, id: 'C0DESIGN' },
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await dispose?.();
    await close?.();
    await fake.stop();
  });

  /** Posts, and checks what every answer must be: not a 5xx, and no stack or path in it. */
  const send = async (request: SignedPost) => {
    const started = performance.now();
    const response = await postToSlackEndpoint(steward.url, request);
    const elapsedMs = performance.now() - started;
    const text = await response.text();
    expect(response.status).toBeLessThan(500);
    expect(text).not.toMatch(LEAK);
    return { status: response.status, text, elapsedMs };
  };
  // Long enough for work a listener hands over after its answer (afterAck) to have been done.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  it.each(MALFORMED)('refuses $name with a 400 and writes nothing', async ({ request }) => {
    const before = await databaseDigest(database);
    const answer = await send(request);
    expect(answer.status).toBe(400);
    expect(answer.text === '' || JSON.parse(answer.text).error === 'bad_request').toBe(true);
    expect(await databaseDigest(database)).toEqual(before);
  });

  it.each(NOTHING_TO_DO)('answers $name at once with an empty 200, and stores nothing', async ({ request }) => {
    const before = await databaseDigest(database);
    const answer = await send(request);
    expect(answer).toMatchObject({ status: 200, text: '' });
    expect(answer.elapsedMs).toBeLessThan(FAST_MS);
    await settle();
    expect(await databaseDigest(database)).toEqual(before);
  });

  it.each(WELL_FORMED_CONTENT)(
    'takes $name (the core judges content): 200, one item in the inbox and nothing else',
    async ({ request }) => {
      const before = rowCounts(await databaseDigest(database));
      expect((await send(request)).status).toBe(200);
      await settle();
      expect(rowCounts(await databaseDigest(database))).toEqual({ ...before, inbox: before['inbox']! + 1 });
    },
  );

  it('takes the unbroken payloads every malformed row starts from', async () => {
    const before = rowCounts(await databaseDigest(database));
    for (const name of ['message.json', 'reaction-added.json', 'file-shared.json', 'user-change.json']) {
      expect((await send(json(fresh(name)))).status, name).toBe(200);
    }
    const helped = await send(command(() => {}));
    expect(helped.status).toBe(200);
    expect(JSON.parse(helped.text)).toMatchObject({ response_type: 'ephemeral' });
    // A click on a button no card has, and a modal no version of ours opened: answered, nothing done.
    expect(
      (
        await send(
          interaction(
            slackFixture('block-actions-approve.json', { __ACTION_ID__: 'no_such.action#0', __VALUE__: 'x' }),
          ),
        )
      ).status,
    ).toBe(200);
    expect((await send(interaction(slackFixture('view-submission-unknown.json')))).status).toBe(200);
    await settle();
    // The message, the reaction and the shared file as activity, the file also as content, the profile.
    expect(rowCounts(await databaseDigest(database))).toEqual({ ...before, inbox: before['inbox']! + 5 });
  });

  it('refuses an unsigned, wrongly signed or stale request: 401, whatever its body', async () => {
    const before = await databaseDigest(database);
    expect((await send({ ...json('null'), secret: 'not-the-secret' })).status).toBe(401);
    expect((await send({ ...json(fresh('message.json')), secret: 'not-the-secret' })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect(
      (
        await send({
          ...interactionEdited('block-actions-approve.json', (b) => (b['user']['id'] = GT)),
          timestamp: sixMinutesAgo,
        })
      ).status,
    ).toBe(401);
    // A timestamp from the future is no fresher: a replay can be signed ahead as well as behind.
    expect(
      (await send({ ...json(fresh('message.json')), timestamp: Math.floor(Date.now() / 1000) + 6 * 60 })).status,
    ).toBe(401);
    expect(await databaseDigest(database)).toEqual(before);
  });
}

describe('signed but hostile requests to /slack/events, on the embedded store', () => {
  hostileInputSuite(async () => ({ settings: {}, database: currentEmbeddedPool, close: async () => {} }));
});

const serverUrl = process.env['TEST_DATABASE_URL'];
describe.runIf(serverUrl)('signed but hostile requests to /slack/events, on PostgreSQL', () => {
  hostileInputSuite(async () => {
    const created = await createTemporaryPostgresDatabase(serverUrl!);
    const pool = new pg.Pool({ connectionString: created.url, max: 1 });
    return {
      settings: { DATABASE_URL: created.url, STEWARD_SECRET_KEYS: TEST_SECRET_KEYS },
      database: () => pool,
      close: async () => {
        await pool.end();
        await created.drop();
      },
    };
  });
});
