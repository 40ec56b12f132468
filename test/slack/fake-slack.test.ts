import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, LogLevel, type WebAPICallError, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_WORKSPACE, FakeSlack } from '../support/fake-slack/index.ts';

// The fake must answer as slack.com/api does, so that what passes here passes against Slack. Every
// call goes through @slack/web-api's WebClient, as Bolt's and ours do.

function clientFor(fake: FakeSlack, token = FAKE_WORKSPACE.token): WebClient {
  return new WebClient(token, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
  });
}

async function failure(call: Promise<unknown>): Promise<WebAPICallError> {
  try {
    await call;
  } catch (error) {
    return error as WebAPICallError;
  }
  throw new Error('the call succeeded');
}

async function slackError(call: Promise<unknown>): Promise<string> {
  const error = await failure(call);
  if (error.code !== ErrorCode.PlatformError) throw error;
  return error.data.error;
}

function seed(fake: FakeSlack): void {
  fake.addUser({
    id: 'UALICE',
    realName: 'Alice Martin',
    displayName: 'alice',
    email: 'alice@example.com',
    tz: 'Europe/Paris',
    locale: 'fr-FR',
  });
  fake.addUser({ id: 'UBOB', realName: 'Bob Ivanov', tz: 'Europe/Moscow', locale: 'ru-RU' });
  fake.addUser({ id: 'UGONE', realName: 'Gone', deleted: true });
  fake.addUser({ id: fake.botUserId, realName: 'Group Steward', isBot: true });
  fake.addChannel({ id: 'CPUBLIC', name: 'garden', members: ['UALICE'], botIsMember: false });
  fake.addChannel({ id: 'CJOINED', name: 'books', members: ['UALICE'], botIsMember: true });
  fake.addChannel({ id: 'GSECRET', name: 'secret', isPrivate: true, members: ['UALICE'], botIsMember: false });
  fake.addChannel({ id: 'COLD', name: 'old', isArchived: true, botIsMember: true });
}

describe('fake Slack: shapes and errors', () => {
  const fake = new FakeSlack();
  let slack: WebClient;

  beforeAll(async () => {
    await fake.start();
    slack = clientFor(fake);
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    seed(fake);
  });

  it('answers auth.test with the workspace and the bot user', async () => {
    const answer = await slack.auth.test();
    expect(answer).toMatchObject({
      ok: true,
      team_id: FAKE_WORKSPACE.id,
      user_id: fake.botUserId,
      bot_id: 'B0FAKEBOT',
    });
  });

  it('posts a message with blocks, records the blocks as objects, and updates it', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Hello*' } }];
    // No DM is open yet: Slack does not know D… ids it never gave.
    expect(await slackError(slack.chat.postMessage({ channel: 'DALICE', text: 'Hello', blocks }))).toBe(
      'channel_not_found',
    );

    // Posting to the user id opens the DM, as Slack does for an app's messages.
    const answer = await slack.chat.postMessage({ channel: 'UALICE', text: 'Hello', blocks });
    expect(answer).toMatchObject({
      ok: true,
      channel: 'DALICE',
      ts: '1700000000.000100',
      message: {
        type: 'message',
        text: 'Hello',
        user: fake.botUserId,
        bot_id: 'B0FAKEBOT',
        ts: '1700000000.000100',
        blocks,
      },
    });
    expect(fake.callsTo('chat.postMessage').at(-1)).toMatchObject({
      params: { channel: 'UALICE', text: 'Hello', blocks },
      token: FAKE_WORKSPACE.token,
      outcome: 'ok',
    });

    const updated = await slack.chat.update({ channel: 'DALICE', ts: '1700000000.000100', text: 'Bye', blocks: [] });
    expect(updated).toMatchObject({ ok: true, channel: 'DALICE', ts: '1700000000.000100', text: 'Bye' });
    expect(fake.message('DALICE', '1700000000.000100')).toMatchObject({ text: 'Bye', updates: 1 });
    expect(await slackError(slack.chat.update({ channel: 'DALICE', ts: '1700000000.999999', text: 'x' }))).toBe(
      'message_not_found',
    );
  });

  it('posts to a user id in the app DM, and refuses what Slack refuses', async () => {
    expect(await slack.chat.postMessage({ channel: 'UBOB', text: 'Hi' })).toMatchObject({ channel: 'DBOB' });
    expect(await slackError(slack.chat.postMessage({ channel: 'CNOWHERE', text: 'Hi' }))).toBe('channel_not_found');
    expect(await slackError(slack.chat.postMessage({ channel: 'COLD', text: 'Hi' }))).toBe('is_archived');
    expect(await slackError(slack.chat.postMessage({ channel: 'CJOINED', text: '' }))).toBe('no_text');
    expect(await slackError(slack.chat.postMessage({ channel: 'CJOINED', text: 'x'.repeat(40_001) }))).toBe(
      'msg_too_long',
    );
    expect(
      await slackError(
        slack.chat.postMessage({ channel: 'CJOINED', text: 'x', blocks: [{ text: 'no type' }] as never }),
      ),
    ).toBe('invalid_blocks');
    expect(await slackError(slack.chat.postEphemeral({ channel: 'CJOINED', user: 'UBOB', text: 'psst' }))).toBe(
      'user_not_in_channel',
    );
    expect(await slack.chat.postEphemeral({ channel: 'CJOINED', user: 'UALICE', text: 'psst' })).toMatchObject({
      ok: true,
      message_ts: expect.any(String),
    });
  });

  it('invites only from inside the channel, and says who is already in', async () => {
    expect(await slackError(slack.conversations.invite({ channel: 'CPUBLIC', users: 'UBOB' }))).toBe('not_in_channel');
    expect(await slackError(slack.conversations.invite({ channel: 'GSECRET', users: 'UBOB' }))).toBe(
      'channel_not_found',
    );
    expect(await slackError(slack.conversations.join({ channel: 'GSECRET' }))).toBe(
      'method_not_supported_for_channel_type',
    );
    expect(await slack.conversations.join({ channel: 'CPUBLIC' })).toMatchObject({
      ok: true,
      channel: { id: 'CPUBLIC', is_member: true },
    });
    expect(await slack.conversations.join({ channel: 'CPUBLIC' })).toMatchObject({
      ok: true,
      warning: 'already_in_channel',
    });

    expect(await slack.conversations.invite({ channel: 'CPUBLIC', users: 'UBOB' })).toMatchObject({
      ok: true,
      channel: { id: 'CPUBLIC' },
    });
    expect(fake.channel('CPUBLIC').members.has('UBOB')).toBe(true);
    expect(await slackError(slack.conversations.invite({ channel: 'CPUBLIC', users: 'UBOB' }))).toBe(
      'already_in_channel',
    );
    expect(await slackError(slack.conversations.invite({ channel: 'CPUBLIC', users: fake.botUserId }))).toBe(
      'cant_invite_self',
    );
    expect(await slackError(slack.conversations.invite({ channel: 'CPUBLIC', users: 'UNOBODY' }))).toBe(
      'user_not_found',
    );
    expect(await slackError(slack.conversations.invite({ channel: 'COLD', users: 'UBOB' }))).toBe('is_archived');

    const several = await failure(slack.conversations.invite({ channel: 'CPUBLIC', users: 'UBOB,UNOBODY' }));
    expect(several).toMatchObject({
      data: {
        ok: false,
        error: 'already_in_channel',
        errors: [
          { user: 'UBOB', error: 'already_in_channel' },
          { user: 'UNOBODY', error: 'user_not_found' },
        ],
      },
    });
  });

  it('describes channels, hiding private ones the bot is not in', async () => {
    expect(await slack.conversations.info({ channel: 'CPUBLIC' })).toMatchObject({
      channel: {
        id: 'CPUBLIC',
        name: 'garden',
        is_private: false,
        is_member: false,
        is_archived: false,
        creator: 'U0000ADMIN',
        created: 1735689600,
      },
    });
    expect(await slackError(slack.conversations.info({ channel: 'GSECRET' }))).toBe('channel_not_found');
  });

  it('lists a channel’s members page by page with an opaque cursor, empty on the last page', async () => {
    const everyone = Array.from({ length: 250 }, (_, i) => `U${String(i).padStart(4, '0')}`);
    fake.addChannel({ id: 'CBIG', members: everyone, botIsMember: true });
    const first = await slack.conversations.members({ channel: 'CBIG' });
    expect(first.members).toEqual(everyone.slice(0, 100));
    const rest = await slack.conversations.members({
      channel: 'CBIG',
      limit: 200,
      cursor: first.response_metadata?.next_cursor,
    });
    expect(rest.members).toEqual([...everyone.slice(100), fake.botUserId]);
    expect(rest.response_metadata?.next_cursor).toBe('');
    expect(await slackError(slack.conversations.members({ channel: 'CBIG', cursor: 'not-a-cursor' }))).toBe(
      'invalid_cursor',
    );
    expect(await slackError(slack.conversations.members({ channel: 'GSECRET' }))).toBe('channel_not_found');
  });

  it('reads a profile, with the locale only when asked and the email only with its scope', async () => {
    const { user } = await slack.users.info({ user: 'UALICE', include_locale: true });
    expect(user).toMatchObject({
      id: 'UALICE',
      tz: 'Europe/Paris',
      locale: 'fr-FR',
      real_name: 'Alice Martin',
      is_bot: false,
      deleted: false,
      profile: { email: 'alice@example.com', real_name: 'Alice Martin', display_name: 'alice' },
    });
    expect((await slack.users.info({ user: 'UALICE' })).user).not.toHaveProperty('locale');
    expect((await slack.users.info({ user: 'UGONE' })).user).toMatchObject({ deleted: true });
    expect(await slackError(slack.users.info({ user: 'UNOBODY' }))).toBe('user_not_found');

    fake.addWorkspace({ id: 'T0000NARROW', token: 'xoxb-narrow', scopes: ['users:read'] });
    const narrow = clientFor(fake, 'xoxb-narrow');
    expect((await narrow.users.info({ user: 'UALICE' })).user?.profile).not.toHaveProperty('email');
    const refused = await failure(narrow.pins.list({ channel: 'CJOINED' }));
    expect(refused).toMatchObject({ data: { error: 'missing_scope', needed: 'pins:read', provided: 'users:read' } });
  });

  it('lists and removes pins, bookmarks and files in their Slack shapes', async () => {
    fake.addPin('CJOINED', {
      ts: '1690000000.000100',
      text: 'Read me first',
      user: 'UALICE',
      pinnedAt: new Date('2026-01-05T10:00:00Z'),
      editedTs: '1690000500.000000',
    });
    fake.addBookmark('CJOINED', {
      id: 'Bk0001',
      title: 'Handbook',
      link: 'https://example.com/handbook',
      createdAt: new Date('2026-01-02T00:00:00Z'),
    });
    fake.addFile('CJOINED', {
      id: 'F0001',
      title: 'Minutes',
      filetype: 'pdf',
      createdAt: new Date('2026-01-03T00:00:00Z'),
    });
    fake.addFile('CJOINED', {
      id: 'F0002',
      title: 'Plan',
      filetype: 'quip',
      createdAt: new Date('2026-01-04T00:00:00Z'),
      updatedAt: new Date('2026-02-01T00:00:00Z'),
    });

    expect((await slack.pins.list({ channel: 'CJOINED' })).items).toEqual([
      {
        type: 'message',
        channel: 'CJOINED',
        created: 1767607200,
        created_by: 'UALICE',
        message: {
          type: 'message',
          ts: '1690000000.000100',
          text: 'Read me first',
          user: 'UALICE',
          permalink: 'https://fake.slack.com/archives/CJOINED/p1690000000000100',
          pinned_to: ['CJOINED'],
          edited: { user: 'UALICE', ts: '1690000500.000000' },
        },
      },
    ]);
    expect((await slack.bookmarks.list({ channel_id: 'CJOINED' })).bookmarks).toEqual([
      expect.objectContaining({
        id: 'Bk0001',
        channel_id: 'CJOINED',
        title: 'Handbook',
        link: 'https://example.com/handbook',
        type: 'link',
        date_created: 1767312000,
        date_updated: 0,
      }),
    ]);
    const files = await slack.files.list({ channel: 'CJOINED', count: 1, page: 2 });
    expect(files.files).toEqual([
      expect.objectContaining({
        id: 'F0002',
        title: 'Plan',
        filetype: 'quip',
        pretty_type: 'Canvas',
        updated: 1769904000,
      }),
    ]);
    expect(files.paging).toEqual({ count: 1, total: 2, page: 2, pages: 2 });

    expect(await slack.pins.remove({ channel: 'CJOINED', timestamp: '1690000000.000100' })).toMatchObject({ ok: true });
    expect(await slackError(slack.pins.remove({ channel: 'CJOINED', timestamp: '1690000000.000100' }))).toBe('no_pin');
    expect(await slack.bookmarks.remove({ channel_id: 'CJOINED', bookmark_id: 'Bk0001' })).toMatchObject({ ok: true });
    expect(await slackError(slack.bookmarks.remove({ channel_id: 'CJOINED', bookmark_id: 'Bk0001' }))).toBe(
      'not_found',
    );
    expect(await slackError(slack.pins.list({ channel: 'CNOWHERE' }))).toBe('channel_not_found');
  });

  it('tells of a channel canvas in conversations.info, as a property or a tab, and finds it with files.info though files.list does not list it', async () => {
    const canvas = {
      id: 'F0CANVAS',
      title: 'Welcome',
      filetype: 'quip',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      sharedInChannel: false,
    };
    fake.addChannel({
      id: 'CCANVAS',
      botIsMember: true,
      canvas: { fileId: 'F0CANVAS', as: 'property' },
      files: [canvas],
    });
    fake.addChannel({ id: 'CTABBED', botIsMember: true, canvas: { fileId: 'F0TABBED', as: 'tab' } });
    const info = (await slack.conversations.info({ channel: 'CCANVAS' })).channel as { properties?: unknown };
    expect(info.properties).toEqual({ canvas: { file_id: 'F0CANVAS', is_empty: false, quip_thread_id: 'QF0CANVAS' } });
    const tabbed = (await slack.conversations.info({ channel: 'CTABBED' })).channel as {
      properties?: { tabs?: unknown[] };
    };
    expect(tabbed.properties?.tabs).toContainEqual({
      id: 'CtF0TABBED',
      label: 'Canvas',
      type: 'canvas',
      data: { file_id: 'F0TABBED' },
    });
    expect((await slack.conversations.info({ channel: 'CJOINED' })).channel).not.toHaveProperty('properties');
    expect((await slack.files.list({ channel: 'CCANVAS' })).files).toEqual([]);
    expect((await slack.files.info({ file: 'F0CANVAS' })).file).toMatchObject({
      id: 'F0CANVAS',
      title: 'Welcome',
      filetype: 'quip',
      pretty_type: 'Canvas',
    });
    expect(await slackError(slack.files.info({ file: 'F0TABBED' }))).toBe('file_not_found');
  });

  it('publishes a Home tab, opens and updates a modal', async () => {
    const home = await slack.views.publish({ user_id: 'UALICE', view: { type: 'home', blocks: [] } });
    expect(home).toMatchObject({
      ok: true,
      view: { type: 'home', user_id: 'UALICE', id: expect.stringMatching(/^V/) },
    });
    const again = await slack.views.publish({
      user_id: 'UALICE',
      view: { type: 'home', blocks: [{ type: 'divider' }] },
    });
    expect(again.view?.id).toBe(home.view?.id);

    const modal = await slack.views.open({
      trigger_id: '123.456',
      view: { type: 'modal', title: { type: 'plain_text', text: 'Hi' }, blocks: [] },
    });
    const updated = await slack.views.update({
      view_id: modal.view?.id ?? '',
      hash: modal.view?.hash ?? '',
      view: { type: 'modal', title: { type: 'plain_text', text: 'Bye' }, blocks: [] },
    });
    expect(updated).toMatchObject({ ok: true, view: { id: modal.view?.id, title: { text: 'Bye' } } });
    expect(
      await slackError(
        slack.views.update({
          view_id: 'VNONE',
          view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
        }),
      ),
    ).toBe('not_found');
  });

  it('refuses a modal Slack would refuse, naming each problem', async () => {
    const plain = (text: string) => ({ type: 'plain_text' as const, text });
    const input = {
      type: 'input' as const,
      label: plain('Reason'),
      element: { type: 'plain_text_input' as const, action_id: 'input' },
    };
    const error = await failure(
      slack.views.open({
        trigger_id: '123.456',
        view: {
          type: 'modal',
          title: plain('Refuser la demande d’adhésion'),
          close: plain('Cancel'),
          private_metadata: 'x'.repeat(3001),
          blocks: [input],
        },
      }),
    );
    expect(error.code).toBe(ErrorCode.PlatformError);
    if (error.code !== ErrorCode.PlatformError) return;
    expect(error.data.error).toBe('invalid_arguments');
    expect(error.data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
      '[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]',
      '[ERROR] submit is required when an input block is within the blocks [json-pointer:/view/submit]',
    ]);
    const fine = await slack.views.open({
      trigger_id: '123.456',
      view: { type: 'modal', title: plain('Deny the request'), submit: plain('Deny'), blocks: [input] },
    });
    expect(fine.ok).toBe(true);
  });

  it('takes the token from the Authorization header or the token argument, JSON or form', async () => {
    const post = (body: string, headers: Record<string, string>, method = 'auth.test') =>
      fetch(`${fake.url}${method}`, { method: 'POST', body, headers }).then((response) => response.json());

    expect(
      await post(`token=${FAKE_WORKSPACE.token}`, { 'content-type': 'application/x-www-form-urlencoded' }),
    ).toMatchObject({ ok: true });
    expect(
      await post('{}', { 'content-type': 'application/json', authorization: `Bearer ${FAKE_WORKSPACE.token}` }),
    ).toMatchObject({ ok: true });
    expect(await post('', { 'content-type': 'application/x-www-form-urlencoded' })).toEqual({
      ok: false,
      error: 'not_authed',
    });
    expect(await post('token=xoxb-wrong', { 'content-type': 'application/x-www-form-urlencoded' })).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect(await post('{', { 'content-type': 'application/json' })).toEqual({ ok: false, error: 'invalid_json' });
    expect(await slackError(slack.apiCall('chat.delete', { channel: 'C1', ts: '1.2' }))).toBe('unknown_method');
    const json = await post(
      JSON.stringify({ channel: 'CJOINED', text: 'Hi', blocks: [{ type: 'divider' }] }),
      { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${FAKE_WORKSPACE.token}` },
      'chat.postMessage',
    );
    expect(json).toMatchObject({ ok: true, channel: 'CJOINED' });
    expect(fake.calls.at(-1)).toMatchObject({ params: { blocks: [{ type: 'divider' }] } });
    expect(fake.calls.at(-2)).toMatchObject({ method: 'chat.delete', outcome: 'unknown_method' });
  });

  it('fails the next call as told: HTTP status, Slack error, dropped connection; then answers again', async () => {
    fake.failNext('users.info', { status: 500 });
    fake.failNext('users.info', { error: 'internal_error' });
    fake.failNext('users.info', { networkDrop: true });
    fake.failNext('users.info', { status: 429, retryAfter: 7 });

    expect(await failure(slack.users.info({ user: 'UALICE' }))).toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 500,
    });
    expect(await slackError(slack.users.info({ user: 'UALICE' }))).toBe('internal_error');
    expect(await failure(slack.users.info({ user: 'UALICE' }))).toMatchObject({ code: ErrorCode.RequestError });
    expect(await failure(slack.users.info({ user: 'UALICE' }))).toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    expect(await slack.users.info({ user: 'UALICE' })).toMatchObject({ ok: true });
    expect(fake.callsTo('users.info').map((call) => call.outcome)).toEqual([
      'http_500',
      'internal_error',
      'network_drop',
      'ratelimited',
      'ok',
    ]);
  });
});

describe('fake Slack: rate limits', () => {
  // 0.02: a minute of Slack lasts 1.2 s, so that a window can pass within a test.
  const fake = new FakeSlack({ timeScale: 0.02 });
  let slack: WebClient;

  beforeAll(async () => {
    await fake.start();
    slack = clientFor(fake);
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    seed(fake);
  });

  it('answers 429 with Retry-After past a Tier 2 method’s 20 calls a minute, then OK after the window', async () => {
    const answers = await Promise.allSettled(Array.from({ length: 21 }, () => slack.pins.list({ channel: 'CJOINED' })));
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(20);
    const refused = answers.find((answer) => answer.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: ErrorCode.RateLimitedError });
    const retryAfter = (refused!.reason as { retryAfter: number }).retryAfter;
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // The raw answer is Slack's: HTTP 429, Retry-After in seconds, {ok:false, error:'ratelimited'}.
    const raw = await fetch(`${fake.url}pins.list?channel=CJOINED`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_WORKSPACE.token}` },
    });
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });

    // Another method and another workspace have their own windows.
    expect(await slack.bookmarks.list({ channel_id: 'CJOINED' })).toMatchObject({ ok: true });
    fake.addWorkspace({ id: 'T0000OTHER', token: 'xoxb-other' });
    expect(await clientFor(fake, 'xoxb-other').pins.list({ channel: 'CJOINED' })).toMatchObject({ ok: true });

    await sleep(fake.realMs(retryAfter) + 50);
    expect(await slack.pins.list({ channel: 'CJOINED' })).toMatchObject({ ok: true });
  });

  it('lets chat.postMessage burst a little per channel, then holds it to about one a second', async () => {
    // A slower clock here: a Slack second must outlast the calls, or the bucket refills between them.
    const paced = new FakeSlack({ timeScale: 0.25 });
    await paced.start();
    try {
      seed(paced);
      const client = clientFor(paced);
      const post = (channel: string) => client.chat.postMessage({ channel, text: 'Hi' });
      await Promise.all([post('CJOINED'), post('CJOINED'), post('CJOINED')]);
      expect(await failure(post('CJOINED'))).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
      expect(await post('UALICE')).toMatchObject({ ok: true });

      await sleep(paced.realMs(1) + 20);
      expect(await post('CJOINED')).toMatchObject({ ok: true });
    } finally {
      await paced.stop();
    }
  });

  it('takes limits from the options: null lifts one', async () => {
    const unlimited = new FakeSlack({ limits: { 'chat.postMessage': null } });
    await unlimited.start();
    try {
      unlimited.addChannel({ id: 'CBUSY', botIsMember: true });
      const client = clientFor(unlimited);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => client.chat.postMessage({ channel: 'CBUSY', text: 'Hi' })),
      );
      expect(answers.every((answer) => answer.ok)).toBe(true);
    } finally {
      await unlimited.stop();
    }
  });
});
