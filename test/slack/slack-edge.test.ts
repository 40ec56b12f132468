import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSteward } from '../../apps/server/src/steward.ts';
import {
  actionValue,
  type Card,
  enqueue,
  type Group,
  isoWeekOf,
  localDayOf,
  mention,
  type Person,
  systemClock,
  type Tenant,
} from '../../core/src/index.ts';
import { aGroupSharedWith, thisWeeksCard } from '../support/co-owned-group.ts';
import { eventually } from '../support/eventually.ts';
import { aGroup, aPerson, aRequest } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { asInteraction, buttonClick, menuPick } from '../support/slack-interactions.ts';
import { fromWorkspace } from '../support/slack-message-events.ts';
import { asEvent, asForm, postToSlackEndpoint, slackFixture } from '../support/slack-requests.ts';
import { startStewardWithSlack } from '../support/steward-with-slack.ts';

const TEAM = 'T0STEWARD';
const range = { from: '2026-01-01', to: '2026-12-31' };

describe('Slack edge, end to end through signed HTTP', () => {
  const fake = new FakeSlack();
  let steward: RunningSteward;
  let dispose: () => Promise<void>;
  let tenant: Tenant;
  let alice: Person;
  let group: Group;

  beforeAll(async () => {
    await fake.start();
    fake.addWorkspace({ id: TEAM, token: 'xoxb-steward-test' });
    fake.addUser({
      id: 'U0ALICE',
      realName: 'Alice Martin',
      email: 'alice@northwind.example',
      tz: 'Europe/Paris',
      locale: 'fr-FR',
    });
    fake.addUser({
      id: 'U0BORIS',
      realName: 'Boris Ivanov',
      email: 'boris@northwind.example',
      tz: 'Europe/Moscow',
      locale: 'ru-RU',
    });
    fake.addUser({
      id: 'U0CHLOE',
      realName: 'Chloé Dubois',
      email: 'chloe@northwind.example',
      tz: 'Europe/Paris',
      locale: 'en-US',
    });
    fake.addChannel({ id: 'C0DESIGN', name: 'design', members: ['U0ALICE', 'U0BORIS'], botIsMember: true });

    ({ steward, dispose } = await startStewardWithSlack(fake, { SLACK_BOT_TOKEN: 'xoxb-steward-test' }));

    // The workspace became a tenant on start; its first owner and group are set up as an admin would.
    const installation = await steward.store.installations.find('slack', TEAM);
    tenant = (await steward.store.tenants.get(installation!.tenantId))!;
    alice = aPerson(tenant.id, {
      displayName: 'Alice Martin',
      email: 'alice@northwind.example',
      locale: 'fr',
      identities: [{ platform: 'slack', workspaceId: TEAM, userId: 'U0ALICE' }],
    });
    await steward.store.people.save(alice);
    group = aGroup(tenant.id, [alice.id], {
      name: '#design',
      platformRef: { platform: 'slack', workspaceId: TEAM, id: 'C0DESIGN' },
    });
    await steward.store.groups.save(group);
  }, 60_000);

  afterAll(async () => {
    await dispose?.();
    await fake.stop();
  });

  const groupDays = () => steward.store.contributions.groupDays(tenant.id, group.id, range);

  it('stores a message as a contribution (a question) and learns its author from users.info', async () => {
    const response = await postToSlackEndpoint(steward.url, asEvent(slackFixture('message.json')));
    expect(response.status).toBe(200);
    const [day] = await eventually(async () => {
      const days = await groupDays();
      expect(days).toHaveLength(1);
      return days;
    });
    expect(day).toMatchObject({ day: '2026-03-02', posts: 1, questionsAsked: 1, distinctContributors: 1 });

    await postToSlackEndpoint(steward.url, asEvent(slackFixture('thread-reply.json')));
    const boris = await eventually(async () => {
      const person = await steward.store.people.findByIdentity(tenant.id, {
        platform: 'slack',
        workspaceId: TEAM,
        userId: 'U0BORIS',
      });
      expect(person).not.toBeNull();
      return person!;
    });
    expect(boris).toMatchObject({
      displayName: 'Boris Ivanov',
      email: 'boris@northwind.example',
      timeZone: 'Europe/Moscow',
      locale: 'ru',
    });
    await eventually(async () => expect((await groupDays())[0]).toMatchObject({ replies: 1, questionsAnswered: 1 }));
  });

  it('stores Slack’s retries of an event once', async () => {
    const before = (await groupDays())[0]!;
    const retry = { ...asEvent(slackFixture('message.json')), retryNum: 1 };
    expect((await postToSlackEndpoint(steward.url, retry)).status).toBe(200);
    await postToSlackEndpoint(steward.url, asEvent(slackFixture('reaction-added.json')));
    await eventually(async () => expect((await groupDays())[0]).toMatchObject({ reactions: 1 }));
    expect((await groupDays())[0]).toMatchObject({ posts: before.posts, questionsAsked: before.questionsAsked });
  });

  it('refuses a bad signature, a replay, an unknown workspace and a malformed body, and stores nothing', async () => {
    const before = await groupDays();
    const body = slackFixture('file-shared.json');
    expect((await postToSlackEndpoint(steward.url, { ...asEvent(body), secret: 'not-the-secret' })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await postToSlackEndpoint(steward.url, { ...asEvent(body), timestamp: sixMinutesAgo })).status).toBe(401);
    const elsewhere = fromWorkspace(body, 'T0STRANGER');
    expect((await postToSlackEndpoint(steward.url, asEvent(elsewhere))).status).toBe(401);
    expect((await postToSlackEndpoint(steward.url, asEvent('{"type": "event_callback", "event": '))).status).toBe(400);
    expect((await postToSlackEndpoint(steward.url, asEvent(`{"pad":"${'x'.repeat(1_100_000)}"}`))).status).toBe(413);
    await new Promise((resolve) => setTimeout(resolve, 400)); // Longer than the ingest batch wait.
    expect(await groupDays()).toEqual(before);
  });

  it('closes the connection after refusing a body too large, and says so: a keep-alive client’s next request goes through', async () => {
    // One socket, kept alive: the 413 must say Connection: close (Bolt's reader stops halfway and
    // Node drops the connection), or the next request is sent down a connection being reset.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const huge = await overOneSocket(agent, 'POST', '/slack/events', `{"pad":"${'x'.repeat(1_100_000)}"}`);
      expect(huge).toEqual({ status: 413, connection: 'close' });
      expect(await overOneSocket(agent, 'GET', '/healthz', null)).toEqual({ status: 200, connection: 'keep-alive' });
    } finally {
      agent.destroy();
    }
  });

  /** A request on the agent's socket: the status and Connection header, or the socket's error code. */
  function overOneSocket(agent: http.Agent, method: string, path: string, body: string | null) {
    return new Promise<{ status: number; connection: string | undefined } | string>((resolve) => {
      const url = new URL(path, steward.url);
      const headers =
        body === null ? {} : { 'content-type': 'application/json', 'content-length': String(body.length) };
      const request = http.request(url, { agent, method, headers }, (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
        );
      });
      request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      request.end(body ?? undefined);
    });
  }

  it('turns /steward join into a request whose card reaches the owner, in her language', async () => {
    const response = await postToSlackEndpoint(
      steward.url,
      asForm({
        command: '/steward',
        text: 'join <#C0DESIGN|design>',
        team_id: TEAM,
        user_id: 'U0CHLOE',
        channel_id: 'D0CHLOE',
        trigger_id: '1.2.3',
        response_url: `${fake.url}respond`,
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      response_type: 'ephemeral',
      text: 'Your request to join #design was sent to its owners.',
    });
    const [request] = await steward.store.membershipRequests.listPending(tenant.id, group.id);
    expect(request).toMatchObject({ status: 'pending' });

    const card = await eventually(() => {
      const posted = fake.messages.find((m) => JSON.stringify(m.blocks).includes(request!.id));
      expect(posted).toBeDefined();
      return posted!;
    });
    expect(
      fake.callsTo('chat.postMessage').find((call) => JSON.stringify(call.params['blocks']).includes(request!.id))
        ?.params,
    ).toMatchObject({ channel: 'U0ALICE' });
    expect(JSON.stringify(card.blocks)).toContain('demande à rejoindre');
  });

  it('approves from the card’s button: the core decides, the card is updated in place, the requester is told and invited', async () => {
    const [request] = await steward.store.membershipRequests.listPending(tenant.id, group.id);
    const card = fake.messages.find((m) => JSON.stringify(m.blocks).includes(request!.id))!;
    const approve = JSON.stringify(card.blocks).match(/"action_id":"(membership_request\.approve#\d+)"/)?.[1];
    expect(approve).toBeDefined();
    const click = buttonClick({
      actionId: approve!,
      value: request!.id,
      message: { channel: card.channel, ts: card.ts },
    });
    expect((await postToSlackEndpoint(steward.url, asInteraction(click))).status).toBe(200);

    await eventually(() => expect(fake.callsTo('chat.update').some((c) => c.params['ts'] === card.ts)).toBe(true));
    const updated = fake.callsTo('chat.update').find((c) => c.params['ts'] === card.ts)!;
    expect(JSON.stringify(updated.params['blocks'])).toContain('Alice Martin');
    expect(JSON.stringify(updated.params['blocks'])).not.toContain('membership_request.approve');
    expect(await steward.store.membershipRequests.get(tenant.id, request!.id)).toMatchObject({
      status: 'approved',
      decidedBy: alice.id,
    });
    await eventually(
      () =>
        expect(fake.callsTo('conversations.invite').at(-1)?.params).toMatchObject({
          channel: 'C0DESIGN',
          users: 'U0CHLOE',
        }),
      8_000,
    );
  });

  it("approves from a menu of the weekly card: the picked option's value reaches the core as the request", async () => {
    const requester = aPerson(tenant.id, {
      displayName: 'Chloé Moreau',
      identities: [{ platform: 'slack', workspaceId: TEAM, userId: 'U0MENU' }],
    });
    await steward.store.people.save(requester);
    const request = aRequest(tenant.id, group.id, requester.id);
    await steward.store.membershipRequests.create(request);
    // A message of its own, which the answer updates in place.
    const pick = menuPick({
      actionId: 'membership_request.approve#3',
      value: request.id,
      message: { channel: 'D0ALICE', ts: '1772463600.000950' },
    });
    expect((await postToSlackEndpoint(steward.url, asInteraction(pick))).status).toBe(200);
    await eventually(async () =>
      expect(await steward.store.membershipRequests.get(tenant.id, request.id)).toMatchObject({
        status: 'approved',
        decidedBy: alice.id,
      }),
    );
    await eventually(() =>
      expect(fake.callsTo('chat.update').some((c) => c.params['ts'] === '1772463600.000950')).toBe(true),
    );
  });

  it('checks again that the clicker owns the group: a stranger gets a private error and nothing changes', async () => {
    const response = await postToSlackEndpoint(
      steward.url,
      asForm({
        command: '/steward',
        text: 'join <#C0DESIGN|design>',
        team_id: TEAM,
        user_id: 'U0BORIS',
        channel_id: 'D0BORIS',
        trigger_id: '1.2.4',
        response_url: `${fake.url}respond`,
      }),
    );
    expect(response.status).toBe(200);
    const [request] = await steward.store.membershipRequests.listPending(tenant.id, group.id);
    const click = buttonClick({ actionId: 'membership_request.approve#0', value: request!.id, userId: 'U0BORIS' });
    expect((await postToSlackEndpoint(steward.url, asInteraction(click))).status).toBe(200);
    await eventually(() =>
      expect(fake.callsTo('chat.postEphemeral').at(-1)?.params).toMatchObject({ user: 'U0BORIS' }),
    );
    expect(String(fake.callsTo('chat.postEphemeral').at(-1)?.params['text'])).toContain('#design');
    expect((await steward.store.membershipRequests.get(tenant.id, request!.id))?.status).toBe('pending');
  });

  /** What our server answered Slack, as Slack reads it. */
  const reply = async (response: Response) =>
    (await response.json()) as { text?: string; blocks?: unknown; response_type?: string };
  const command = (userId: string, text: string) =>
    postToSlackEndpoint(
      steward.url,
      asForm({
        command: '/steward',
        text,
        team_id: TEAM,
        user_id: userId,
        channel_id: `D0${userId}`,
        trigger_id: `trigger-${userId}`,
        response_url: `${fake.url}respond`,
      }),
    );
  const submit = (userId: string, view: Record<string, unknown>) =>
    postToSlackEndpoint(
      steward.url,
      asForm({
        payload: JSON.stringify({
          type: 'view_submission',
          team: { id: TEAM, domain: 'northwind' },
          user: { id: userId, team_id: TEAM },
          api_app_id: 'A0STEWARD',
          token: 'XXYYZZ',
          trigger_id: 'trigger-submit',
          view: { id: 'V0MODAL', type: 'modal', private_metadata: '', ...view },
        }),
      }),
    );

  it('answers /steward groups with the person’s groups and role, in their language', async () => {
    const answer = await reply(await command('U0ALICE', 'groups'));
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answer.blocks)).toContain('*#design* — propriétaire');
    const unknown = await reply(await command('U0ALICE', 'dance'));
    expect(unknown.text).toBe('Je ne connais pas « dance ». /steward help liste ce que je sais faire.');
  });

  it('opens the settings modal for an owner only, shows wrong fields in it, and saves a valid form', async () => {
    expect((await reply(await command('U0CHLOE', 'settings'))).text).toBe(
      'Settings are for group owners, and you own no group.',
    );

    expect((await command('U0ALICE', 'settings')).status).toBe(200);
    const opened = await eventually(() => {
      const call = fake.callsTo('views.open').find((c) => c.params['trigger_id'] === 'trigger-U0ALICE');
      expect(call).toBeDefined();
      return call!;
    });
    const modal = opened.params['view'] as { callback_id: string; blocks: { block_id?: string }[] };
    expect(modal.callback_id).toBe('settings.save');
    expect(modal.blocks.map((b) => b.block_id).filter(Boolean)).toEqual([
      'weekday',
      'time',
      'group',
      'purpose',
      'review_interval',
      'membership_policy',
      'request_deadline',
      'response_target',
      'welcome_text',
      'time_off_from',
      'time_off_until',
    ]);

    const values = (time: string, deadline = '24') => ({
      weekday: { weekday: { type: 'static_select', selected_option: { value: '3' } } },
      time: { time: { type: 'plain_text_input', value: time } },
      group: { group: { type: 'static_select', selected_option: { value: group.id } } },
      purpose: { purpose: { type: 'plain_text_input', value: 'Share what the design system team learns' } },
      review_interval: { review_interval: { type: 'number_input', value: '45' } },
      membership_policy: { membership_policy: { type: 'radio_buttons', selected_option: { value: 'open' } } },
      response_target: { response_target: { type: 'number_input', value: '12' } },
      request_deadline: { request_deadline: { type: 'number_input', value: deadline } },
    });
    const wrong = await submit('U0ALICE', { callback_id: 'settings.save', state: { values: values('9h30') } });
    expect(await wrong.json()).toEqual({
      response_action: 'errors',
      errors: { time: 'Écrivez l’heure au format HH:MM, par exemple 09:30.' },
    });
    expect((await steward.store.groups.get(tenant.id, group.id))?.reviewIntervalDays).toBe(90);
    const noDeadline = await submit('U0ALICE', {
      callback_id: 'settings.save',
      state: { values: values('09:30', '0') },
    });
    expect(await noDeadline.json()).toEqual({
      response_action: 'errors',
      errors: { request_deadline: 'Choisissez un nombre entier d’heures entre 1 et 720.' },
    });
    expect((await steward.store.groups.get(tenant.id, group.id))?.requestDeadlineHours).toBe(48);

    expect((await submit('U0ALICE', { callback_id: 'settings.save', state: { values: values('09:30') } })).status).toBe(
      200,
    );
    expect(await steward.store.groups.get(tenant.id, group.id)).toMatchObject({
      purpose: 'Share what the design system team learns',
      reviewIntervalDays: 45,
      membershipPolicy: 'open',
      requestDeadlineHours: 24,
      responseTargetHours: 12,
    });
    expect((await steward.store.people.get(tenant.id, alice.id))?.weeklyHour).toEqual({ weekday: 3, time: '09:30' });
    await steward.store.groups.save({
      ...(await steward.store.groups.get(tenant.id, group.id))!,
      membershipPolicy: 'approval',
    });
  });

  it('denies with a reason from the generic input modal: the card shows it, the requester reads it', async () => {
    const [request] = await steward.store.membershipRequests.listPending(tenant.id, group.id);
    const card = await eventually(() => {
      const posted = fake.messages.find((m) => JSON.stringify(m.blocks).includes(request!.id));
      expect(posted).toBeDefined();
      return posted!;
    });
    // The deny button asks for a reason first: its action id says so, its value carries the modal's words.
    const buttons = (card.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).flatMap(
      (block) => block.elements ?? [],
    );
    const deny = buttons.find((button) => /^membership_request\.deny#\d+:input$/.test(button.action_id));
    expect(deny, 'the request card’s deny action asks for a reason (CardAction.input)').toBeDefined();
    const click = buttonClick({
      actionId: deny!.action_id,
      value: deny!.value,
      message: { channel: card.channel, ts: card.ts },
    });
    expect((await postToSlackEndpoint(steward.url, asInteraction(click))).status).toBe(200);
    const modal = await eventually(() => {
      const call = fake
        .callsTo('views.open')
        .find((c) => (c.params['view'] as { callback_id?: string }).callback_id === 'card_action.input');
      expect(call?.outcome).toBe('ok');
      return call!.params['view'] as {
        private_metadata: string;
        title: { text: string };
        blocks: { block_id: string; optional: boolean }[];
      };
    });
    expect(modal.blocks).toMatchObject([{ block_id: 'input', optional: true }]);
    // Nothing is decided before the reason is in.
    expect((await steward.store.membershipRequests.get(tenant.id, request!.id))?.status).toBe('pending');

    const reason = { input: { input: { type: 'plain_text_input', value: 'Design reviewers only, sorry' } } };
    const submitted = await submit('U0ALICE', {
      callback_id: 'card_action.input',
      private_metadata: modal.private_metadata,
      state: { values: reason },
    });
    expect(submitted.status).toBe(200);
    await eventually(async () =>
      expect(await steward.store.membershipRequests.get(tenant.id, request!.id)).toMatchObject({
        status: 'denied',
        reason: 'Design reviewers only, sorry',
      }),
    );
    await eventually(() =>
      expect(
        fake
          .callsTo('chat.update')
          .some(
            (c) => c.params['ts'] === card.ts && JSON.stringify(c.params['blocks']).includes('Design reviewers only'),
          ),
      ).toBe(true),
    );
    await eventually(
      () =>
        expect(
          fake.messages.some(
            (m) => m.channel !== card.channel && JSON.stringify(m.blocks).includes('Design reviewers only'),
          ),
        ).toBe(true),
      8_000,
    );
  });

  it('tells the person privately when the action behind a submitted modal fails, and changes nothing', async () => {
    const metadata = JSON.stringify({
      id: 'membership_request.deny',
      value: randomUUID(),
      channel: 'D0ALICE',
      ts: '1772463600.000700',
    });
    const reason = { input: { input: { type: 'plain_text_input', value: 'Too late' } } };
    const before = fake.callsTo('chat.postEphemeral').length;
    expect(
      (
        await submit('U0ALICE', {
          callback_id: 'card_action.input',
          private_metadata: metadata,
          state: { values: reason },
        })
      ).status,
    ).toBe(200);
    await eventually(() => expect(fake.callsTo('chat.postEphemeral').length).toBeGreaterThan(before));
    expect(fake.callsTo('chat.postEphemeral').at(-1)?.params).toMatchObject({ channel: 'D0ALICE', user: 'U0ALICE' });
    expect(fake.callsTo('chat.update').some((c) => c.params['ts'] === '1772463600.000700')).toBe(false);
  });

  it('posts a card in the group’s channel through the outbox, mentioning people by their Slack id', async () => {
    const welcome: Card = {
      locale: 'en',
      title: 'Welcome',
      summary: 'Welcome Chloé',
      blocks: [{ kind: 'text', text: `Welcome ${mention('Chloé Dubois', 'U0CHLOE')}!` }],
    };
    const { message } = await enqueue({ store: steward.store, clock: systemClock }, tenant.id, 'slack', {
      operation: 'post_in_group',
      payload: { group: group.platformRef, card: welcome },
    });
    const posted = await eventually(() => {
      const found = fake.messages.find((m) => m.channel === 'C0DESIGN' && JSON.stringify(m.blocks).includes('Welcome'));
      expect(found).toBeDefined();
      return found!;
    }, 8_000);
    expect(JSON.stringify(posted.blocks)).toContain('Welcome <@U0CHLOE>!');
    expect(posted.text).toBe('Welcome Chloé');
    await eventually(async () =>
      expect(await steward.store.outbox.get(tenant.id, message.id)).toMatchObject({
        status: 'sent',
        result: { conversationId: 'C0DESIGN', messageId: posted.ts },
      }),
    );
  });

  it('publishes the App Home with the person’s groups when it is opened', async () => {
    const body = JSON.stringify({
      team_id: TEAM,
      api_app_id: 'A0STEWARD',
      type: 'event_callback',
      event_id: 'Ev0HOME1',
      event_time: 1772470000,
      event: {
        type: 'app_home_opened',
        user: 'U0ALICE',
        channel: 'D0ALICE',
        tab: 'home',
        event_ts: '1772470000.000100',
      },
    });
    expect((await postToSlackEndpoint(steward.url, asEvent(body))).status).toBe(200);
    const published = await eventually(() => {
      const call = fake.callsTo('views.publish').at(-1);
      expect(call?.params['user_id']).toBe('U0ALICE');
      return call!;
    });
    expect(JSON.stringify(published.params['view'])).toContain('#design');
  });

  it('saves time off with a covering co-owner and the welcome text from the settings modal, and names a wrong day', async () => {
    // A second group Alice owns with Cora: Cora is who can cover Alice.
    const { coOwner: cora, group: shared } = await aGroupSharedWith(steward.store, alice, {
      platform: 'slack',
      workspaceId: TEAM,
      coOwner: { displayName: 'Cora Lind', userId: 'U0CORA' },
      group: { name: '#research', id: 'C0RESEARCH' },
    });
    const opensBefore = fake.callsTo('views.open').length;
    expect((await command('U0ALICE', 'settings')).status).toBe(200);
    const modal = await eventually(() => {
      const call = fake
        .callsTo('views.open')
        .slice(opensBefore)
        .find((c) => c.params['trigger_id'] === 'trigger-U0ALICE');
      expect(call).toBeDefined();
      return call!.params['view'] as { blocks: { block_id?: string; element?: { options?: { value: string }[] } }[] };
    });
    const coverBlock = modal.blocks.find((b) => b.block_id === 'time_off_cover');
    expect(coverBlock?.element?.options?.map((o) => o.value)).toEqual(['nobody', cora.id]);

    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const values = (from: string, until: string) => ({
      weekday: { weekday: { type: 'static_select', selected_option: { value: '1' } } },
      time: { time: { type: 'plain_text_input', value: '09:00' } },
      group: { group: { type: 'static_select', selected_option: { value: shared.id } } },
      purpose: { purpose: { type: 'plain_text_input', value: null } },
      review_interval: { review_interval: { type: 'number_input', value: '90' } },
      membership_policy: { membership_policy: { type: 'radio_buttons', selected_option: { value: 'approval' } } },
      welcome_text: { welcome_text: { type: 'plain_text_input', value: 'Bienvenue ! Présentez-vous dans le fil.' } },
      time_off_from: { time_off_from: { type: 'datepicker', selected_date: from } },
      time_off_until: { time_off_until: { type: 'datepicker', selected_date: until } },
      time_off_cover: { time_off_cover: { type: 'static_select', selected_option: { value: cora.id } } },
    });
    const wrong = await submit('U0ALICE', {
      callback_id: 'settings.save',
      state: { values: values(day(20), day(10)) },
    });
    expect(await wrong.json()).toEqual({
      response_action: 'errors',
      errors: {
        time_off_until:
          'Choisissez le dernier jour de votre absence : pas avant le premier, pas dans le passé, dans un an au plus.',
      },
    });
    expect((await steward.store.people.get(tenant.id, alice.id))?.timeOff).toBeNull();

    expect(
      (await submit('U0ALICE', { callback_id: 'settings.save', state: { values: values(day(10), day(20)) } })).status,
    ).toBe(200);
    expect((await steward.store.people.get(tenant.id, alice.id))?.timeOff).toEqual({
      from: day(10),
      until: day(20),
      coverId: cora.id,
    });
    expect((await steward.store.groups.get(tenant.id, shared.id))?.welcomeText).toBe(
      'Bienvenue ! Présentez-vous dans le fil.',
    );
    expect((await steward.store.audit.list(tenant.id, { subjectId: shared.id, limit: 5 }))[0]).toMatchObject({
      action: 'settings.changed',
      details: { timeOffUntil: day(20), timeOffCoverId: cora.id },
    });
  });
  it('takes time off from the weekly card: "Time off…" opens a modal with the last day and the co-owners, and the card confirms in French', async () => {
    const { coOwner: dora } = await aGroupSharedWith(steward.store, alice, {
      platform: 'slack',
      workspaceId: TEAM,
      coOwner: { displayName: 'Dora Petit', userId: 'U0DORA' },
      group: { name: '#ops', id: 'C0OPS' },
    });
    const week = await thisWeeksCard(steward.store, alice);
    // The button as the renderer writes it on Alice's card (its action id marks the form).
    const ts = '1772463600.000990';
    const click = buttonClick({
      actionId: 'weekly_hour.time_off#9:form',
      value: actionValue([alice.id], { ownerId: alice.id, week }),
      message: { channel: 'D0ALICE', ts },
    });
    expect((await postToSlackEndpoint(steward.url, asInteraction(click))).status).toBe(200);
    const modal = await eventually(() => {
      const call = fake
        .callsTo('views.open')
        .find((c) => (c.params['view'] as { callback_id?: string }).callback_id === 'card_action.form');
      expect(call?.outcome).toBe('ok');
      return call!.params['view'] as {
        private_metadata: string;
        title: { text: string };
        blocks: { block_id: string; optional?: boolean; element: { type: string; options?: { value: string }[] } }[];
      };
    });
    expect(modal.title.text).toBe('Absence');
    expect(modal.blocks.map((b) => [b.block_id, b.element.type, b.optional ?? false])).toEqual([
      ['day', 'datepicker', false],
      ['pick', 'static_select', true],
    ]);
    expect(modal.blocks[1]?.element.options?.map((o) => o.value)).toContain(dora.id);
    // Nothing is saved before the modal is submitted.
    expect((await steward.store.people.get(tenant.id, alice.id))?.timeOff?.until).not.toBe('2099-01-01');

    const lastDay = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const values = {
      day: { day: { type: 'datepicker', selected_date: lastDay } },
      pick: { pick: { type: 'static_select', selected_option: { value: dora.id } } },
    };
    expect(
      (
        await submit('U0ALICE', {
          callback_id: 'card_action.form',
          private_metadata: modal.private_metadata,
          state: { values },
        })
      ).status,
    ).toBe(200);
    await eventually(async () =>
      expect((await steward.store.people.get(tenant.id, alice.id))?.timeOff).toEqual({
        from: localDayOf(alice, new Date()),
        until: lastDay,
        coverId: dora.id,
      }),
    );
    const updated = await eventually(() => {
      const call = fake.callsTo('chat.update').find((c) => c.params['ts'] === ts);
      expect(call).toBeDefined();
      return JSON.stringify(call!.params['blocks']);
    });
    expect(updated).toContain('Absence enregistrée');
    expect(updated).toContain('Dora Petit');
  });

  it('refuses time off for someone else from a forged button, privately, and saves nothing', async () => {
    const other = aPerson(tenant.id, {
      displayName: 'Eve Other',
      identities: [{ platform: 'slack', workspaceId: TEAM, userId: 'U0EVE' }],
    });
    await steward.store.people.save(other);
    const before = fake.callsTo('chat.postEphemeral').length;
    const opens = fake.callsTo('views.open').length;
    const payload = slackFixture('block-actions-approve.json', {
      __ACTION_ID__: 'weekly_hour.time_off#9:form',
      __VALUE__: actionValue([other.id], { ownerId: other.id, week: isoWeekOf(new Date(), 'UTC') }),
    });
    expect((await postToSlackEndpoint(steward.url, asForm({ payload }))).status).toBe(200);
    await eventually(() => expect(fake.callsTo('chat.postEphemeral').length).toBeGreaterThan(before));
    expect(fake.callsTo('views.open').length).toBe(opens);
    // A form submitted for another's card changes nobody's time off either.
    const metadata = JSON.stringify({
      id: 'weekly_hour.time_off',
      value: actionValue([other.id]),
      channel: 'D0ALICE',
      ts: '1772463600.000991',
    });
    const values = { day: { day: { type: 'datepicker', selected_date: '2099-01-01' } } };
    expect(
      (await submit('U0ALICE', { callback_id: 'card_action.form', private_metadata: metadata, state: { values } }))
        .status,
    ).toBe(200);
    await eventually(() => expect(fake.callsTo('chat.postEphemeral').length).toBeGreaterThan(before + 1));
    expect((await steward.store.people.get(tenant.id, other.id))?.timeOff ?? null).toBeNull();
    expect((await steward.store.people.get(tenant.id, alice.id))?.timeOff?.until).not.toBe('2099-01-01');
  });
});
