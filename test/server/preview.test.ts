import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createHttpApp } from '../../apps/server/src/http.ts';
import { StewardMetrics } from '../../apps/server/src/observability/metrics.ts';
import { PreviewInbox } from '../../apps/server/src/preview/preview-inbox.ts';
import { createPreviewRouter } from '../../apps/server/src/preview/preview-router.ts';
import { startSteward } from '../../apps/server/src/steward.ts';
import {
  type Card,
  type CoreDeps,
  type Group,
  isoWeekOf,
  type Logger,
  type MembershipRequest,
  newWeeklyHourRecord,
  type Person,
  PlatformError,
  systemClock,
  type Tenant,
  translate,
  viewMembershipRequest,
} from '../../core/src/index.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aRequest, aTenant } from '../support/factories.ts';
import { FAKE_WORKSPACE, FakeSlack } from '../support/fake-slack/index.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { startStewardWithSlack } from '../support/steward-with-slack.ts';

const note = (text: string): Card => ({
  locale: 'en',
  title: 'A note',
  summary: text,
  blocks: [{ kind: 'text', text }],
});
const slackUser = (userId: string) => ({ platform: 'slack' as const, workspaceId: 'T1', userId });

describe('the preview inbox (the chat platform of the embedded demo)', () => {
  it('keeps each person’s cards newest first, up to its bound, and updates them in place', async () => {
    const inbox = new PreviewInbox({ cardsPerConversation: 3 });
    const slack = inbox.platform('slack');
    expect(slack.platform).toBe('slack');
    const sent = [];
    for (const n of [1, 2, 3, 4]) sent.push(await slack.sendCard(slackUser('UALICE'), note(`card ${n}`)));
    await slack.sendCard(slackUser('UBORIS'), note('for Boris'));

    expect(inbox.cardsTo([slackUser('UALICE')]).map((kept) => kept.card.summary)).toEqual([
      'card 4',
      'card 3',
      'card 2',
    ]);
    await slack.updateCard(sent[2]!, note('card 3, updated'));
    expect(inbox.cardsTo([slackUser('UALICE')]).map((kept) => kept.card.summary)).toEqual([
      'card 4',
      'card 3, updated',
      'card 2',
    ]);
    // The oldest card fell out: updating it fails for good, as for a deleted message.
    await expect(slack.updateCard(sent[0]!, note('too late'))).rejects.toMatchObject({
      code: 'message_not_found',
      permanent: true,
    });
  });

  it('serves both platforms, keeps group posts apart, records what it cannot show, and knows no profiles', async () => {
    const inbox = new PreviewInbox();
    const { slack, teams } = inbox.platforms();
    const teamsAlice = { platform: 'teams' as const, workspaceId: 'TENANT', userId: 'alice-aad' };
    await slack.sendCard(slackUser('UALICE'), note('on Slack'));
    await teams.sendCard(teamsAlice, note('on Teams'));
    const channel = { platform: 'slack' as const, workspaceId: 'T1', id: 'C1' };
    await slack.postInGroup(channel, note('in the channel'));
    await slack.inviteMember(channel, slackUser('UBORIS'));
    await slack.archiveContent(channel, { kind: 'bookmark', ref: { ...channel, id: 'Bk1' } });

    expect(inbox.cardsTo([slackUser('UALICE'), teamsAlice]).map((kept) => kept.card.summary)).toEqual([
      'on Teams',
      'on Slack',
    ]);
    expect(inbox.postsIn(channel).map((kept) => kept.card.summary)).toEqual(['in the channel']);
    expect(inbox.calls().map((call) => call.kind)).toEqual(['archive_content', 'invite_member']);
    expect(await slack.listContent(channel)).toEqual([]);
    const refused = await slack.readProfile(slackUser('UALICE')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PlatformError);
    expect(refused).toMatchObject({ permanent: true });
  });
});

describe('the preview page and its API', () => {
  let dispose: () => Promise<void>;
  let server: Server;
  let url: string;
  let deps: CoreDeps;
  let inbox: PreviewInbox;
  let tenant: Tenant;
  let owner: Person;
  let requester: Person;
  let group: Group;
  let request: MembershipRequest;

  const post = (personId: string, body: unknown) =>
    fetch(`${url}/preview/api/people/${personId}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    const opened = await openTemporaryEmbeddedStore();
    dispose = opened.dispose;
    deps = { store: opened.store, clock: systemClock };
    tenant = aTenant();
    await deps.store.tenants.save(tenant);
    owner = aPerson(tenant.id, { displayName: 'Alice Martin', locale: 'fr', timeZone: 'Europe/Paris' });
    requester = aPerson(tenant.id, { displayName: 'Boris Ivanov' });
    const gone = aPerson(tenant.id, { displayName: 'Gone Owner', deactivatedAt: new Date('2026-01-02T00:00:00Z') });
    for (const person of [owner, requester, gone]) await deps.store.people.save(person);
    group = aGroup(tenant.id, [owner.id, gone.id], { name: '#design' });
    await deps.store.groups.save(group);
    request = aRequest(tenant.id, group.id, requester.id);
    await deps.store.membershipRequests.create(request);
    // The owner's card of this week is out (the scheduler does this at the owner's hour).
    const now = new Date();
    await deps.store.weeklyHours.claim(newWeeklyHourRecord(tenant.id, owner.id, isoWeekOf(now, owner.timeZone), now));

    inbox = new PreviewInbox();
    const app = createHttpApp({
      store: deps.store,
      scheduler: null,
      routers: [createPreviewRouter({ deps, inbox, logger: silentLogger })],
      platforms: {},
      logger: silentLogger,
      metrics: new StewardMetrics(deps.store, deps.clock),
      stopping: () => false,
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await dispose?.();
  });

  it('serves the page, its script and the adaptivecards library', async () => {
    const page = await fetch(`${url}/preview`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<script src="/preview/preview.js">');
    for (const [path, type] of [
      ['/preview/preview.js', /javascript/],
      ['/preview/adaptivecards.js', /javascript/],
      ['/preview/adaptivecards.css', /^text\/css/],
    ] as const) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(type);
    }
    expect(await (await fetch(`${url}/preview/adaptivecards.js`)).text()).toContain('AdaptiveCards');
  });

  it('lists the active owners with their name, locale and time zone', async () => {
    const response = await fetch(`${url}/preview/api/people`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      people: [
        { id: owner.id, name: 'Alice Martin', locale: 'fr', timeZone: 'Europe/Paris', tenant: tenant.name, groups: 1 },
      ],
    });
  });

  it('answers 404 for a person it does not know', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const cards = await fetch(`${url}/preview/api/people/${id}/cards`);
      expect(cards.status).toBe(404);
      expect(await cards.json()).toEqual({ error: `No person has the id "${id}".` });
      const action = await post(id, { verb: 'membership_request.approve', data: { value: request.id } });
      expect(action.status).toBe(404);
    }
  });

  it('answers 400, saying what is wrong, for a body that is not an action', async () => {
    const cases: [unknown, string][] = [
      ['{not json', 'The body must be JSON.'],
      [[1, 2], 'The body must be a JSON object: { "verb": …, "data": { "value": …, "input": … }, "cardId": … }'],
      [{ data: { value: request.id } }, 'verb must be one of '],
      [
        { verb: 'membership_request.explode', data: { value: request.id } },
        'verb must be one of membership_request.approve, ',
      ],
      [{ verb: 'membership_request.approve' }, 'data must be an object with the value of the action'],
      [{ verb: 'membership_request.approve', data: { value: 42 } }, 'data.value must be a string'],
      [
        { verb: 'membership_request.deny', data: { value: request.id, input: 'x'.repeat(4_001) } },
        'data.input must be at most 4000 characters',
      ],
      [{ verb: 'membership_request.deny', data: { value: request.id, input: 5 } }, 'data.input must be text'],
      [{ verb: 'membership_request.deny', data: { value: request.id }, cardId: 7 }, 'cardId must be a string'],
    ];
    for (const [body, error] of cases) {
      const response = await post(owner.id, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain(error);
    }
    expect((await deps.store.membershipRequests.get(tenant.id, request.id))?.status).toBe('pending');
  });

  it('lists the weekly-hour cards first, then those sent to the person or posted in their groups, as Adaptive Cards', async () => {
    await inbox.platform('slack').sendCard(owner.identities[0]!, note('Bonjour'));
    await inbox.platform('slack').postInGroup(group.platformRef, note('Bienvenue'));
    await inbox.platform('slack').postInGroup({ ...group.platformRef, id: 'COTHER' }, note('Elsewhere'));
    const response = await fetch(`${url}/preview/api/people/${owner.id}/cards`);
    expect(response.status).toBe(200);
    const { person, cards } = (await response.json()) as {
      person: { id: string; name: string };
      cards: {
        id: string;
        source: string;
        groupName: string | null;
        deliveredAt: string | null;
        card: { type: string; version: string; body: unknown[] };
      }[];
    };
    expect(person).toMatchObject({ id: owner.id, name: 'Alice Martin' });
    expect(cards[0]).toMatchObject({
      source: 'weekly_hour',
      deliveredAt: null,
      card: { type: 'AdaptiveCard', version: '1.5' },
    });
    expect(cards.slice(-2)).toMatchObject([
      {
        source: 'group',
        groupName: '#design',
        card: { type: 'AdaptiveCard', body: [{ text: 'A note' }, { text: 'Bienvenue' }] },
      },
      {
        source: 'inbox',
        groupName: null,
        card: { type: 'AdaptiveCard', body: [{ text: 'A note' }, { text: 'Bonjour' }] },
      },
    ]);
    expect(cards.filter((card) => card.source === 'weekly_hour').length).toBe(cards.length - 2);
  });

  it('performs a pressed button through the core, answers the card as it now stands, and keeps it in the inbox', async () => {
    const viewed = await viewMembershipRequest(deps, owner, request.id);
    if (!viewed.ok) throw new Error(viewed.detail);
    const sent = await inbox.platform('slack').sendCard(owner.identities[0]!, viewed.value);

    // What adaptivecards gives for the Action.Submit fallback: the verb rides in the data, which is ignored.
    const response = await post(owner.id, {
      verb: 'membership_request.approve',
      data: { verb: 'membership_request.approve', value: request.id },
      cardId: sent.messageId,
    });
    expect(response.status).toBe(200);
    // Who decided and when (the when in the owner's zone, so only its start here).
    const decided = translate('fr', 'request.card.closed.approved', { decider: 'Alice Martin', when: '{when}' }).split(
      ' {when}',
    )[0]!;
    expect(JSON.stringify(await response.json())).toContain(decided);
    expect(await deps.store.membershipRequests.get(tenant.id, request.id)).toMatchObject({
      status: 'approved',
      decidedBy: owner.id,
    });
    expect(
      inbox.cardsTo(owner.identities).find((kept) => kept.sent.messageId === sent.messageId)?.card.blocks,
    ).not.toContainEqual(expect.objectContaining({ kind: 'actions' }));

    // Listed again, the card is re-read from the core: no buttons any more.
    const listed = (await (await fetch(`${url}/preview/api/people/${owner.id}/cards`)).json()) as {
      cards: { id: string; card: unknown }[];
    };
    const card = JSON.stringify(listed.cards.find((entry) => entry.id === sent.messageId)?.card);
    expect(card).toContain(decided);
    expect(card).not.toContain('ActionSet');
  });

  it('sends the text typed in the card’s input that the action names', async () => {
    const second = aRequest(tenant.id, group.id, requester.id);
    await deps.store.membershipRequests.create(second);
    const response = await post(owner.id, {
      verb: 'membership_request.deny',
      data: { value: second.id, inputId: 'input.1', input: 'another action’s text', 'input.1': 'Not this team' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('card');
    expect(await deps.store.membershipRequests.get(tenant.id, second.id)).toMatchObject({
      status: 'denied',
      reason: 'Not this team',
    });
  });

  it('shows the core’s refusal in the person’s language, and changes nothing', async () => {
    const response = await post(owner.id, {
      verb: 'membership_request.deny',
      data: { value: request.id, input: 'too late' },
    });
    expect(response.status).toBe(200);
    const { error } = (await response.json()) as { error: string };
    expect(error).toBe(
      translate('fr', 'error.already_decided', {
        status: translate('fr', 'request.status.approved'),
        decidedBy: 'Alice Martin',
      }),
    );
    expect(await deps.store.membershipRequests.get(tenant.id, request.id)).toMatchObject({ status: 'approved' });
  });
});

describe('the preview inbox in the running server', () => {
  it('is at /preview, and said so at start, when no chat platform is configured', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'steward-preview-'));
    const messages: string[] = [];
    const logger: Logger = {
      debug: () => {},
      info: (_fields, message) => void (message && messages.push(message)),
      warn: () => {},
      error: () => {},
      child: () => logger,
    };
    const steward = await startSteward(
      loadConfig({ STEWARD_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', STEWARD_DEMO: 'false' }),
      logger,
    );
    try {
      expect(messages).toContain(`Preview inbox: ${steward.url}/preview`);
      expect((await fetch(`${steward.url}/preview`)).status).toBe(200);
      expect(await (await fetch(`${steward.url}/preview/api/people`)).json()).toEqual({ people: [] });
    } finally {
      await steward.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('is not mounted when a chat platform is configured', async () => {
    const fake = new FakeSlack();
    await fake.start();
    const { steward, dispose } = await startStewardWithSlack(fake, { SLACK_BOT_TOKEN: FAKE_WORKSPACE.token });
    try {
      expect((await fetch(`${steward.url}/preview`)).status).toBe(404);
      expect((await fetch(`${steward.url}/preview/api/people`)).status).toBe(404);
    } finally {
      await dispose();
      await fake.stop();
    }
  });
});
