import { contentItemsOnCard } from '../../cards/content-item-actions.ts';
import type { WeeklyHourGroup } from '../../cards/weekly-hour-card.ts';
import { type ContentItem, isDueForReview } from '../../domain/content-item.ts';
import { flagAgeDays, reviewingOwner } from '../../domain/content-review.ts';
import type { Group } from '../../domain/group.ts';
import type { Installation } from '../../ports/store/installations.ts';

// The weekly card's due content, routed to whoever reviews it: an item with an owner as its
// verifier goes to that owner's card alone; the rest to every owner's. Flagged items come first.
// compose-cards calls these with what it read once for all its groups: no read per group.

/** Due items of one group, every one of them: each owner's card takes its own, then caps them. */
export function dueContentOf(
  items: readonly ContentItem[],
  group: Group,
  now: Date,
  name: (personId: string) => string,
  /** The tenant's installations: what each was granted says whether Archive can be offered. */
  installations: readonly Installation[],
): WeeklyHourGroup['dueContent'] {
  const due = items.filter((c) => c.groupId === group.id && isDueForReview(c, group.reviewIntervalDays, now));
  const flaggedFirst = [...due.filter((c) => c.flag), ...due.filter((c) => !c.flag)];
  const onCard = contentItemsOnCard(flaggedFirst, installations);
  return {
    total: flaggedFirst.length,
    items: flaggedFirst.map((c, i) => ({
      ...onCard[i]!,
      review: {
        reviewerId: reviewingOwner(c, group),
        verifierName: c.verifierId ? name(c.verifierId) : null,
        flag: c.flag ? { byName: name(c.flag.byId), daysAgo: flagAgeDays(c, now) ?? 0, note: c.flag.note } : null,
      },
    })),
  };
}

/** The people the due items name (verifiers, who flagged), to read with the card's other names. */
export function reviewPeopleIds(items: readonly ContentItem[]): string[] {
  return items.flatMap((c) => [...(c.verifierId ? [c.verifierId] : []), ...(c.flag ? [c.flag.byId] : [])]);
}

/** The group as this owner's card shows it: without the items another owner verifies. */
export function onOwnersCard(digest: WeeklyHourGroup, ownerId: string): WeeklyHourGroup {
  const items = digest.dueContent.items.filter((c) => !c.review?.reviewerId || c.review.reviewerId === ownerId);
  if (items.length === digest.dueContent.items.length) return digest;
  return { ...digest, dueContent: { total: items.length, items } };
}
