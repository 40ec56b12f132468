import { archiveAction } from '../domain/content-archive.ts';
import type { ContentItem, ContentKind } from '../domain/content-item.ts';
import type { Locale } from '../domain/locale.ts';
import type { Platform } from '../domain/platform.ts';
import { translate } from '../messages/translate.ts';
import type { Installation } from '../ports/store/installations.ts';
import { actionValue, type WeeklyHourCardRef } from './action-value.ts';
import type { CardAction } from './card.ts';

/** A content item as a card offers actions on it. */
export interface ContentItemOnCard {
  readonly id: string;
  readonly kind: ContentKind;
  readonly platform: Platform;
  /** What the app was granted where the item lives; null when not known (archiveAction). */
  readonly grantedScopes: readonly string[] | null;
}

/**
 * The buttons under a content item: Keep always; Archive only where the platform can archive it
 * and the app holds the scope, so that no button promises what cannot be done.
 */
export function contentItemActions(locale: Locale, item: ContentItemOnCard, on?: WeeklyHourCardRef): CardAction[] {
  const value = actionValue([item.id], on);
  const keep: CardAction = {
    id: 'content_item.keep',
    label: translate(locale, 'weekly_hour.action.keep'),
    value,
    style: 'primary',
  };
  const archive: CardAction = {
    id: 'content_item.archive',
    label: translate(locale, 'weekly_hour.action.archive'),
    value,
  };
  return archiveAction(item.kind, item.platform, item.grantedScopes) ? [keep, archive] : [keep];
}

/**
 * Content items as a card shows them, each with what its installation granted: what the weekly
 * card's composer reads from the store, turned into what contentItemActions needs.
 */
export function contentItemsOnCard(
  items: readonly ContentItem[],
  installations: readonly Installation[],
): (ContentItemOnCard & { readonly title: string; readonly link: string | null; readonly lastChangedAt: Date })[] {
  const scopesOf = new Map(installations.map((i) => [`${i.platform}:${i.workspaceId}`, i.grantedScopes ?? null]));
  return items.map((c) => ({
    id: c.id,
    kind: c.kind,
    platform: c.platformRef.platform,
    grantedScopes: scopesOf.get(`${c.platformRef.platform}:${c.platformRef.workspaceId}`) ?? null,
    title: c.title,
    link: c.link,
    lastChangedAt: c.lastChangedAt,
  }));
}
