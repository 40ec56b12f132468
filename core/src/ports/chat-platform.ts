import type { Card } from '../cards/card.ts';
import type { ContentKind } from '../domain/content-item.ts';
import type { Locale } from '../domain/locale.ts';
import type { PlatformIdentity } from '../domain/person.ts';
import type { Platform, PlatformRef } from '../domain/platform.ts';

/** Where a sent card lives, so that it can be updated in place later. */
export interface SentCard {
  readonly platform: Platform;
  readonly workspaceId: string;
  /** Slack: the DM channel id; Teams: the conversation id. */
  readonly conversationId: string;
  /** Slack: the message ts; Teams: the activity id. */
  readonly messageId: string;
}

/**
 * Where an outbox message goes and the key it carries, so that a platform able to label its
 * messages (Slack's message metadata) can later tell whether one arrived.
 */
export interface DeliveryKey {
  /** The outbox message's dedupe key. */
  readonly key: string;
}

/** Where to look for an earlier delivery of a keyed message: a person's direct messages, or a group's channel. */
export type DeliveryAddress = { readonly to: PlatformIdentity } | { readonly group: PlatformRef };

/** What a platform says about a person. */
export interface PlatformProfile {
  readonly displayName: string;
  readonly email: string | null;
  readonly timeZone: string | null;
  readonly locale: Locale | null;
  readonly isBot: boolean;
  readonly deleted: boolean;
}

/** A content item as the platform lists it. */
export interface PlatformContentItem {
  readonly kind: ContentKind;
  readonly ref: PlatformRef;
  readonly title: string;
  readonly link: string | null;
  readonly lastChangedAt: Date;
}

/** A channel or team as the platform describes it. */
export interface PlatformGroup {
  /** As people write it: "#design" on Slack, "Design" on Teams. */
  readonly name: string;
  readonly isPrivate: boolean;
  readonly archived: boolean;
  /** When the channel or team was made; null when the platform does not say. */
  readonly createdAt: Date | null;
  /** Who the platform calls its owners. Slack: the channel's creator; Teams: the team's owners. */
  readonly owners: readonly PlatformIdentity[];
}

/** One page of a group's members, bots possibly among them. */
export interface MemberPage {
  readonly members: readonly PlatformIdentity[];
  /** The cursor of the next page; null on the last. */
  readonly next: string | null;
}

/**
 * Who is in a channel or team: what registering a group and the daily sync read. Implementations
 * wait on the platform's rate limits and throw `PlatformError`, as `ChatPlatform` does.
 */
export interface GroupDirectory {
  readonly platform: Platform;
  describeGroup(group: PlatformRef): Promise<PlatformGroup>;
  /** The page of members from `cursor` (null: the first page). */
  listMembers(group: PlatformRef, cursor: string | null): Promise<MemberPage>;
  readProfile(person: PlatformIdentity): Promise<PlatformProfile>;
}

/**
 * What the core asks of Slack or Teams. Implementations throw `PlatformError`; the outbox decides
 * from it whether to try again.
 */
export interface ChatPlatform {
  readonly platform: Platform;
  /** Sends the card to the person, in a direct message (Slack) or 1:1 chat (Teams). */
  sendCard(to: PlatformIdentity, card: Card, delivery?: DeliveryKey): Promise<SentCard>;
  /** Posts the card in the group's channel (Slack) or the team's General channel (Teams). */
  postInGroup(group: PlatformRef, card: Card, delivery?: DeliveryKey): Promise<SentCard>;
  /**
   * The message sent earlier with this key at this address since `since`, or null when none is
   * there. Only platforms that can read their own messages back have it (Slack); the outbox asks it
   * before sending again a message whose earlier attempt may have reached the platform.
   */
  findDelivered?(address: DeliveryAddress, delivery: DeliveryKey, since: Date): Promise<SentCard | null>;
  updateCard(card: SentCard, replacement: Card): Promise<void>;
  /** Adds the person to the group's channel or team. */
  inviteMember(group: PlatformRef, person: PlatformIdentity): Promise<void>;
  /**
   * Whether the person is in the group's channel or team. Only platforms that document no harmless
   * answer to inviting someone already in have it (Teams); the outbox asks it before inviting again
   * someone an earlier try may have added (outbox/invite-once.ts).
   */
  isMember?(group: PlatformRef, person: PlatformIdentity): Promise<boolean>;
  listContent(group: PlatformRef): Promise<PlatformContentItem[]>;
  /** Unpins or removes the item on the platform. */
  archiveContent(group: PlatformRef, item: { kind: ContentKind; ref: PlatformRef }): Promise<void>;
  readProfile(person: PlatformIdentity): Promise<PlatformProfile>;
  /**
   * Archives the channel (Slack `conversations.archive`) or the team (Graph `POST /teams/{id}/archive`).
   * Returns once the platform accepted it; a group archived already counts as done.
   */
  archiveGroup(group: PlatformRef): Promise<void>;
  /** Replaces the person's App Home with these cards, one under the other (Slack only). */
  publishHome?(to: PlatformIdentity, cards: readonly Card[]): Promise<void>;
}

/**
 * The code of a call that got no answer (a timeout, a refused or reset connection): unlike a
 * refusal, it may have been carried out. Every edge uses it for that case.
 */
export const NO_ANSWER = 'request_failed';

/**
 * A failed platform call. `permanent` errors (channel_not_found, missing_scope…) are recorded on
 * the item they concern; the others are tried again, not before `retryAfterMs` when given.
 */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';
  readonly code: string;
  readonly permanent: boolean;
  readonly retryAfterMs: number | null;

  constructor(code: string, options: { permanent: boolean; retryAfterMs?: number | null; message?: string }) {
    super(options.message ?? code);
    this.code = code;
    this.permanent = options.permanent;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}
