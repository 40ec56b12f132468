import type { Card, ChatPlatform, PlatformIdentity, PlatformRef, SentCard } from '@steward/core';

/**
 * What an implementation can do. Where it cannot, the contract asserts what it does instead (the
 * preview inbox records an invitation and adds no one), so that a missing ability is stated, not
 * silently skipped.
 */
export interface ChatPlatformCapabilities {
  /** Inviting adds the person to the group; otherwise the call is recorded and adds no one. */
  readonly invitesMembers: boolean;
  /** Lists the group's content; otherwise it lists nothing. */
  readonly listsContent: boolean;
  /** Reads people's profiles; otherwise every read is a permanent, coded error. */
  readonly readsProfiles: boolean;
  /** Refuses a card to a person it does not know; otherwise it keeps the card as for anyone. */
  readonly refusesUnknownPeople: boolean;
  /** Can answer 429 with Retry-After (and be down); otherwise it never throttles. */
  readonly throttles: boolean;
}

/** A fault the platform's fake answers the next card sent with. */
export type SendFault = { readonly status: number; readonly retryAfter?: number };

/** One implementation, seeded with the people and group the contract uses, fresh for each test. */
export interface ChatPlatformFixture {
  readonly platform: ChatPlatform;
  readonly capabilities: ChatPlatformCapabilities;
  /** Someone the platform can reach, in `group`. */
  readonly person: PlatformIdentity;
  /** Someone the platform can reach, not in `group`. */
  readonly newcomer: PlatformIdentity;
  /** Someone the platform has never heard of. */
  readonly unknownPerson: PlatformIdentity;
  /** A group the app is in and may post to. */
  readonly group: PlatformRef;
  /** A message id the platform holds no message under, in a conversation the card went to. */
  readonly missingMessageId: string;
  /** The summary line of the card the platform holds as `sent` (what a notification shows); null when it holds none. */
  shownSummary(sent: SentCard): string | null;
  /** Whether the platform counts the person in the group. */
  isMember(group: PlatformRef, person: PlatformIdentity): boolean;
  /** Puts one pinned message, bookmark, tab or file in the group (only with `listsContent`). */
  addContent(group: PlatformRef): void;
  /** The next card sent meets this fault (only with `throttles`). */
  failNextSend(fault: SendFault): void;
}

/** How a suite brings up one implementation: once per file, then a fresh fixture per test. */
export interface ChatPlatformSubject {
  start(): Promise<void>;
  stop(): Promise<void>;
  fixture(): Promise<ChatPlatformFixture>;
}

export const contractCard = (summary = 'Three things need you this week'): Card => ({
  locale: 'en',
  title: 'Your weekly hour',
  summary,
  blocks: [],
});
