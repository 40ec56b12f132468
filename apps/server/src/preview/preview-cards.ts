import {
  type Card,
  type CardRefresh,
  type CoreDeps,
  currentWeeklyHourCards,
  type Person,
  viewCard,
} from '@steward/core';
import type { PreviewInbox } from './preview-inbox.ts';

/** One card on a person's preview page. */
export interface PreviewEntry {
  /** Names the card on the page: the inbox's message id, or the weekly hour it shows. */
  readonly id: string;
  readonly source: 'weekly_hour' | 'inbox' | 'group';
  /** For a card posted in a group: the group's name. */
  readonly groupName: string | null;
  readonly card: Card;
  /** When the outbox delivered it; null for the weekly-hour cards, built as the page asks. */
  readonly deliveredAt: Date | null;
}

/**
 * What the person would have in their chat: first their weekly-hour cards as they now stand, then
 * what the outbox delivered to them or posted in their groups, newest first, each as it now stands
 * when it can tell.
 */
export async function previewCardsOf(deps: CoreDeps, inbox: PreviewInbox, person: Person): Promise<PreviewEntry[]> {
  const weekly = await currentWeeklyHourCards(deps, person);
  const shown = new Set(weekly.flatMap((card) => (card.refresh ? [refreshKey(card.refresh)] : [])));
  const entries: PreviewEntry[] = weekly.map((card, index) => ({
    id: card.refresh ? `weekly_hour:${card.refresh.value}` : `weekly_hour:${index}`,
    source: 'weekly_hour',
    groupName: null,
    card,
    deliveredAt: null,
  }));
  const groups = await deps.store.groups.listOwnedBy(person.tenantId, person.id);
  const kept = [
    ...inbox.cardsTo(person.identities).map((card) => ({ ...card, groupName: null })),
    ...groups.flatMap((group) => inbox.postsIn(group.platformRef).map((card) => ({ ...card, groupName: group.name }))),
  ].sort((a, b) => b.delivery - a.delivery);
  for (const { sent, card, deliveredAt, groupName } of kept) {
    // A weekly-hour card the outbox delivered is already on top, as it now stands.
    if (card.refresh && shown.has(refreshKey(card.refresh))) continue;
    const source = groupName === null ? 'inbox' : 'group';
    entries.push({ id: sent.messageId, source, groupName, card: await asItNowStands(deps, person, card), deliveredAt });
  }
  return entries;
}

/** The card re-read from the core, as Teams does on refresh; the kept card when it cannot be. */
async function asItNowStands(deps: CoreDeps, person: Person, card: Card): Promise<Card> {
  if (!card.refresh) return card;
  const viewed = await viewCard(deps, person, card.refresh);
  return viewed.ok ? viewed.value : card;
}

const refreshKey = (refresh: CardRefresh) => `${refresh.id} ${refresh.value}`;
