import { type ContentItem, isDueForReview } from '../content-item.ts';

export interface ContentFreshness {
  /** Active items: archived ones are out of the inventory. */
  readonly items: number;
  /** Items due for review: neither changed nor reviewed within their interval. */
  readonly due: number;
  /** Share of the items reviewed or changed within their interval (Guru's verification); null without items. */
  readonly share: number | null;
}

/** A group's content freshness at `at`, from its items (the group's interval applies where an item has none). */
export function contentFreshness(items: readonly ContentItem[], groupIntervalDays: number, at: Date): ContentFreshness {
  const active = items.filter((item) => item.state === 'active');
  const due = active.filter((item) => isDueForReview(item, groupIntervalDays, at)).length;
  return { items: active.length, due, share: active.length > 0 ? (active.length - due) / active.length : null };
}
