import type { Locale } from '../domain/locale.ts';
import { translate } from '../messages/translate.ts';
// The bound the settings check; the interval typed here is checked against it again in the core.
import { MAX_REVIEW_INTERVAL_DAYS } from '../use-cases/settings.ts';
import { actionValue, type WeeklyHourCardRef } from './action-value.ts';
import type { CardAction } from './card.ts';

// What the weekly card says and offers per due content item for its review: who flagged it, who
// checks it, and the Update and interval buttons. The card calls these in one line each.

/** The review side of a due item, resolved for the card (names, not ids). */
export interface DueContentReview {
  /** The owner whose card alone shows the item (its verifier); null: every owner's. */
  readonly reviewerId: string | null;
  readonly verifierName: string | null;
  readonly flag: { readonly byName: string; readonly daysAgo: number; readonly note: string | null } | null;
}

/** Longest interval one can type, as text: the core checks it again. */
const INTERVAL_INPUT_LENGTH = 4;

/**
 * On every item due for review, flagged or only due by time: Update (ask its author) and its own
 * review interval, typed on the card.
 */
export function contentReviewActions(
  locale: Locale,
  item: { readonly id: string },
  on: WeeklyHourCardRef,
): CardAction[] {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(locale, key, params);
  const value = actionValue([item.id], on);
  return [
    { id: 'content_item.update', label: t('content_review.action.update'), value },
    {
      id: 'content_item.set_interval',
      label: t('content_review.action.interval'),
      value,
      input: {
        title: t('content_review.interval.title'),
        label: t('content_review.interval.label', { max: MAX_REVIEW_INTERVAL_DAYS }),
        placeholder: '30',
        submit: t('content_review.interval.submit'),
        required: true,
        maxLength: INTERVAL_INPUT_LENGTH,
      },
    },
  ];
}

/** The item's line on the card, with who flagged it and when, and who checks it, after it. */
export function withReviewNote(locale: Locale, text: string, item: { readonly review?: DueContentReview }): string {
  const review = item.review;
  if (!review) return text;
  const notes: string[] = [];
  if (review.flag) {
    const { byName, daysAgo, note } = review.flag;
    notes.push(
      daysAgo === 0
        ? translate(locale, 'content_review.flagged_today', { name: byName })
        : translate(locale, 'content_review.flagged_days', { name: byName, count: daysAgo }),
    );
    if (note) notes.push(translate(locale, 'content_review.flag_note', { note }));
  }
  if (review.verifierName) notes.push(translate(locale, 'content_review.verifier_note', { name: review.verifierName }));
  return notes.length > 0 ? `${text}. ${notes.join(' · ')}` : text;
}
