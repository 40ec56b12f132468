import { describe, expect, it } from 'vitest';
import { contentFreshness } from '../../../core/src/domain/metrics/content.ts';
import { aContentItem } from '../../support/factories.ts';

const DAY = 86_400_000;
const at = new Date('2026-03-10T00:00:00Z');
const daysAgo = (days: number) => new Date(at.getTime() - days * DAY);

describe('content freshness (Guru verification)', () => {
  it('shares the active items reviewed or changed within their interval (the group’s, unless the item has its own)', () => {
    const items = [
      aContentItem('t', 'g', { lastChangedAt: daysAgo(10) }), // fresh, group interval 30
      aContentItem('t', 'g', { lastChangedAt: daysAgo(40) }), // due
      aContentItem('t', 'g', { lastChangedAt: daysAgo(200), lastReviewedAt: daysAgo(5) }), // reviewed: fresh
      aContentItem('t', 'g', { lastChangedAt: daysAgo(40), reviewIntervalDays: 60 }), // own interval: fresh
      aContentItem('t', 'g', { lastChangedAt: daysAgo(400), state: 'archived' }), // out of the inventory
    ];
    expect(contentFreshness(items, 30, at)).toEqual({ items: 4, due: 1, share: 0.75 });
  });

  it('has no share without active items', () => {
    expect(contentFreshness([aContentItem('t', 'g', { state: 'archived' })], 30, at)).toEqual({
      items: 0,
      due: 0,
      share: null,
    });
  });
});
