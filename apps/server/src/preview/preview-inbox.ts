import {
  type Card,
  type ChatPlatform,
  type Clock,
  type ContentKind,
  newId,
  type Platform,
  type PlatformContentItem,
  PlatformError,
  type PlatformIdentity,
  type PlatformProfile,
  type PlatformRef,
  type SentCard,
  systemClock,
} from '@steward/core';

/** A card as the preview inbox keeps it: where it was "sent", and how it now reads. */
export interface PreviewCard {
  readonly sent: SentCard;
  readonly card: Card;
  readonly deliveredAt: Date;
  readonly updatedAt: Date;
  /** Counts deliveries: the higher, the newer, even within one millisecond. */
  readonly delivery: number;
}

/** A platform call that changes nothing in the preview, kept so that it can be shown. */
export type PreviewCall =
  | {
      readonly kind: 'invite_member';
      readonly at: Date;
      readonly group: PlatformRef;
      readonly person: PlatformIdentity;
    }
  | {
      readonly kind: 'archive_content';
      readonly at: Date;
      readonly group: PlatformRef;
      readonly item: { readonly kind: ContentKind; readonly ref: PlatformRef };
    }
  | { readonly kind: 'archive_group'; readonly at: Date; readonly group: PlatformRef };

export interface PreviewInboxOptions {
  /** Cards kept per person identity and per group, the oldest dropped first; 50 by default. */
  readonly cardsPerConversation?: number;
  /** Invitations and archivings kept; 200 by default. */
  readonly calls?: number;
  readonly clock?: Clock;
}

/**
 * Slack and Teams stand-in for trying the product with no workspace: the outbox delivers to it as
 * to a platform, and the page at /preview shows what each person got. Everything is in memory and
 * bounded; a restart empties it.
 */
export class PreviewInbox {
  /** Newest first, per platform, workspace and conversation (a person's DM or a group). */
  readonly #conversations = new Map<string, PreviewCard[]>();
  readonly #calls: PreviewCall[] = [];
  readonly #cardsPerConversation: number;
  readonly #maxCalls: number;
  readonly #clock: Clock;
  #deliveries = 0;

  constructor(options: PreviewInboxOptions = {}) {
    this.#cardsPerConversation = options.cardsPerConversation ?? 50;
    this.#maxCalls = options.calls ?? 200;
    this.#clock = options.clock ?? systemClock;
  }

  /** The inbox as the outbox sees both platforms. */
  platforms(): Record<Platform, ChatPlatform> {
    return { slack: this.platform('slack'), teams: this.platform('teams') };
  }

  /** The inbox as one platform: sending to it keeps the card, nothing leaves the process. */
  platform(platform: Platform): ChatPlatform {
    return {
      platform,
      sendCard: async (to, card) =>
        this.#keep({ platform, workspaceId: to.workspaceId, conversationId: directConversation(to.userId) }, card),
      postInGroup: async (group, card) =>
        this.#keep({ platform, workspaceId: group.workspaceId, conversationId: groupConversation(group.id) }, card),
      updateCard: async (sent, replacement) => {
        if (!this.replace(sent, replacement)) {
          throw new PlatformError('message_not_found', {
            permanent: true,
            message: 'the preview inbox no longer holds this card',
          });
        }
      },
      inviteMember: async (group, person) =>
        this.#record({ kind: 'invite_member', at: this.#clock.now(), group, person }),
      listContent: async (): Promise<PlatformContentItem[]> => [],
      archiveContent: async (group, item) =>
        this.#record({ kind: 'archive_content', at: this.#clock.now(), group, item }),
      archiveGroup: async (group) => this.#record({ kind: 'archive_group', at: this.#clock.now(), group }),
      readProfile: async (): Promise<PlatformProfile> => {
        throw new PlatformError('no_profiles_in_preview', {
          permanent: true,
          message: 'the preview inbox knows no profiles',
        });
      },
    };
  }

  /** The cards sent to any of these identities, newest first. */
  cardsTo(identities: readonly PlatformIdentity[]): PreviewCard[] {
    const kept = identities.flatMap((identity) =>
      this.#conversation({ ...identity, conversationId: directConversation(identity.userId) }),
    );
    return kept.sort((a, b) => b.delivery - a.delivery);
  }

  /** The cards posted in the group, newest first. */
  postsIn(group: PlatformRef): PreviewCard[] {
    return [...this.#conversation({ ...group, conversationId: groupConversation(group.id) })];
  }

  /** Invitations and archivings, newest first. */
  calls(): PreviewCall[] {
    return [...this.#calls];
  }

  /** Replaces a kept card, as a platform's message update does; false when it is not (or no longer) kept. */
  replace(sent: SentCard, replacement: Card): boolean {
    const cards = this.#conversation(sent);
    const index = cards.findIndex((kept) => kept.sent.messageId === sent.messageId);
    const kept = cards[index];
    if (!kept) return false;
    cards[index] = { ...kept, card: replacement, updatedAt: this.#clock.now() };
    return true;
  }

  #keep(where: Omit<SentCard, 'messageId'>, card: Card): SentCard {
    const sent: SentCard = { ...where, messageId: newId() };
    const now = this.#clock.now();
    const key = conversationKey(where);
    const cards = [
      { sent, card, deliveredAt: now, updatedAt: now, delivery: ++this.#deliveries },
      ...(this.#conversations.get(key) ?? []),
    ];
    this.#conversations.set(key, cards.slice(0, this.#cardsPerConversation));
    return sent;
  }

  #record(call: PreviewCall): void {
    this.#calls.unshift(call);
    this.#calls.length = Math.min(this.#calls.length, this.#maxCalls);
  }

  #conversation(where: { platform: Platform; workspaceId: string; conversationId: string }): PreviewCard[] {
    return this.#conversations.get(conversationKey(where)) ?? [];
  }
}

const directConversation = (userId: string) => `dm:${userId}`;
const groupConversation = (groupId: string) => `group:${groupId}`;
const conversationKey = ({
  platform,
  workspaceId,
  conversationId,
}: {
  platform: Platform;
  workspaceId: string;
  conversationId: string;
}) => JSON.stringify([platform, workspaceId, conversationId]);
