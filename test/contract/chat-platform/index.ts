import { CONTENT_KINDS, PlatformError, type PlatformProfile, type SentCard } from '@steward/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { platformRejection } from '../../support/platform-rejection.ts';
import { type ChatPlatformFixture, type ChatPlatformSubject, contractCard } from './context.ts';
import { outboxDeliveryContract } from './outbox-delivery.ts';

export type { ChatPlatformCapabilities, ChatPlatformFixture, ChatPlatformSubject } from './context.ts';

/**
 * The ChatPlatform contract: Slack, Teams and the preview inbox run exactly these tests, as every
 * store runs the Store contract. Each test gets a fresh fixture (the fake reset and seeded again).
 */
export function chatPlatformContract(name: string, subject: ChatPlatformSubject) {
  describe(`ChatPlatform contract: ${name}`, () => {
    let current: ChatPlatformFixture | undefined;
    const fixture = () => {
      if (!current) throw new Error(`${name} platform is not ready`);
      return current;
    };
    beforeAll(() => subject.start(), 60_000);
    afterAll(() => subject.stop());
    beforeEach(async () => {
      current = await subject.fixture();
    });

    cardsContract(fixture);
    membersAndContentContract(fixture);
    failuresContract(fixture);
    outboxDeliveryContract(fixture);
  });
}

type GetFixture = () => ChatPlatformFixture;

/** A SentCard names its platform, the workspace it went to, and a conversation and message. */
function expectSentCard(sent: SentCard, f: ChatPlatformFixture, workspaceId: string): void {
  expect(sent).toEqual({
    platform: f.platform.platform,
    workspaceId,
    conversationId: expect.stringMatching(/\S/),
    messageId: expect.stringMatching(/\S/),
  });
}

function cardsContract(fixture: GetFixture) {
  it('sends a card to a person and returns a SentCard where the card now is', async () => {
    const f = fixture();
    const sent = await f.platform.sendCard(f.person, contractCard());
    expectSentCard(sent, f, f.person.workspaceId);
    expect(f.shownSummary(sent)).toBe(contractCard().summary);
  });

  it('updates in place the card it sent, from the SentCard sendCard returned', async () => {
    const f = fixture();
    const sent = await f.platform.sendCard(f.person, contractCard('before'));
    await f.platform.updateCard(sent, contractCard('after'));
    expect(f.shownSummary(sent)).toBe('after');
  });

  it('gives each card sent its own message, so that updating one leaves the other', async () => {
    const f = fixture();
    const first = await f.platform.sendCard(f.person, contractCard('first'));
    const second = await f.platform.sendCard(f.person, contractCard('second'));
    expect(second.messageId).not.toBe(first.messageId);
    await f.platform.updateCard(second, contractCard('second, updated'));
    expect([f.shownSummary(first), f.shownSummary(second)]).toEqual(['first', 'second, updated']);
  });

  it('posts a card in the group and updates it there', async () => {
    const f = fixture();
    const sent = await f.platform.postInGroup(f.group, contractCard('in the group'));
    expectSentCard(sent, f, f.group.workspaceId);
    expect(f.shownSummary(sent)).toBe('in the group');
    await f.platform.updateCard(sent, contractCard('in the group, updated'));
    expect(f.shownSummary(sent)).toBe('in the group, updated');
  });
}

function membersAndContentContract(fixture: GetFixture) {
  it('invites a person to the group, or says through its capabilities that it cannot', async () => {
    const f = fixture();
    expect(f.isMember(f.group, f.newcomer)).toBe(false);
    await f.platform.inviteMember(f.group, f.newcomer);
    // Inviting someone already in is no error: the outbox may deliver an invitation twice.
    await f.platform.inviteMember(f.group, f.newcomer);
    expect(f.isMember(f.group, f.newcomer)).toBe(f.capabilities.invitesMembers);
  });

  it('lists the group’s content in the port’s shape, or nothing when it cannot list', async () => {
    const f = fixture();
    if (f.capabilities.listsContent) f.addContent(f.group);
    const items = await f.platform.listContent(f.group);
    expect(items.length > 0).toBe(f.capabilities.listsContent);
    for (const item of items) {
      expect(CONTENT_KINDS).toContain(item.kind);
      expect(item.ref).toEqual({
        platform: f.platform.platform,
        workspaceId: f.group.workspaceId,
        id: expect.stringMatching(/\S/),
      });
      expect(item.title).toMatch(/\S/);
      expect(item.link === null || /^https:\/\//.test(item.link)).toBe(true);
      expect(item.lastChangedAt).toBeInstanceOf(Date);
      expect(Number.isNaN(item.lastChangedAt.getTime())).toBe(false);
    }
  });

  it('reads a person’s profile, or refuses every read with a permanent, coded error', async () => {
    const f = fixture();
    if (f.capabilities.readsProfiles) {
      const profile: PlatformProfile = await f.platform.readProfile(f.person);
      expect(profile).toEqual({
        displayName: expect.stringMatching(/\S/),
        email: profile.email === null ? null : expect.stringContaining('@'),
        timeZone: profile.timeZone === null ? null : expect.any(String),
        locale: profile.locale === null ? null : expect.stringMatching(/^(en|fr|ru)$/),
        isBot: false,
        deleted: false,
      });
    } else {
      expect(await platformRejection(f.platform.readProfile(f.person))).toMatchObject({
        permanent: true,
        code: expect.stringMatching(/\S/),
      });
    }
  });
}

function failuresContract(fixture: GetFixture) {
  it('answers an unknown person with a permanent, coded PlatformError', async () => {
    const f = fixture();
    expect(await platformRejection(f.platform.readProfile(f.unknownPerson))).toMatchObject({
      permanent: true,
      code: expect.stringMatching(/\S/),
    });
    const send = f.platform.sendCard(f.unknownPerson, contractCard());
    if (f.capabilities.refusesUnknownPeople) {
      expect(await platformRejection(send)).toMatchObject({ permanent: true, code: expect.stringMatching(/\S/) });
    } else {
      expectSentCard(await send, f, f.unknownPerson.workspaceId);
    }
  });

  it('refuses for good to update a message it does not hold', async () => {
    const f = fixture();
    const sent = await f.platform.sendCard(f.person, contractCard());
    const error = await platformRejection(
      f.platform.updateCard({ ...sent, messageId: f.missingMessageId }, contractCard('lost')),
    );
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ permanent: true, code: expect.stringMatching(/\S/) });
    expect(f.shownSummary(sent)).toBe(contractCard().summary);
  });

  it('answers a 429 as a transient error carrying its Retry-After, and sends again afterwards, or never throttles', async () => {
    const f = fixture();
    if (!f.capabilities.throttles) {
      const sent = await Promise.all(
        Array.from({ length: 30 }, (_, n) => f.platform.sendCard(f.person, contractCard(`card ${n}`))),
      );
      expect(new Set(sent.map((card) => card.messageId)).size).toBe(30);
      return;
    }
    f.failNextSend({ status: 429, retryAfter: 7 });
    expect(await platformRejection(f.platform.sendCard(f.person, contractCard()))).toMatchObject({
      code: 'ratelimited',
      permanent: false,
      retryAfterMs: 7_000,
    });
    expectSentCard(await f.platform.sendCard(f.person, contractCard()), f, f.person.workspaceId);
  });

  it('answers an outage (503) as a transient, coded error, and sends again afterwards', async () => {
    const f = fixture();
    if (!f.capabilities.throttles) {
      // Nothing between the preview and its inbox can be down: it sends at once.
      expectSentCard(await f.platform.sendCard(f.person, contractCard()), f, f.person.workspaceId);
      return;
    }
    f.failNextSend({ status: 503 });
    expect(await platformRejection(f.platform.sendCard(f.person, contractCard()))).toMatchObject({
      permanent: false,
      code: expect.stringMatching(/\S/),
    });
    expectSentCard(await f.platform.sendCard(f.person, contractCard()), f, f.person.workspaceId);
  });
}
