import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../apps/slack/src/render/block-kit.ts';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import type { ListBlock } from '../../core/src/cards/card.ts';
import { groupLink } from '../../core/src/cards/links.ts';
import { ITEMS_PER_SECTION } from '../../core/src/cards/weekly-hour-card.ts';
import { isoWeekOf } from '../../core/src/domain/iso-week.ts';
import { newWeeklyHourRecord } from '../../core/src/domain/weekly-hour.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { composeWeeklyHourCards } from '../../core/src/use-cases/weekly-hour/compose-cards.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aContentItem, aSmallTenant } from '../support/factories.ts';

// Issue 11, item 6: "and N more" opens the full list: the group's dashboard page when the
// deployment has a public address (the server always has one), the group's channel otherwise.

describe('the weekly card’s "and N more"', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const clock = { now: () => new Date('2026-11-23T09:00:00Z') };
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());

  /** An owner's card with more content due than a section holds. */
  async function cardWithLongList(publicUrl?: string) {
    const { tenant, owner, group } = await aSmallTenant(store);
    for (let n = 0; n < ITEMS_PER_SECTION + 2; n += 1)
      await store.contentItems.save(aContentItem(tenant.id, group.id, { title: `Guide ${n}` }));
    const record = newWeeklyHourRecord(tenant.id, owner.id, isoWeekOf(clock.now(), owner.timeZone), clock.now());
    const deps = publicUrl === undefined ? { store, clock } : { store, clock, publicUrl };
    const [card] = await composeWeeklyHourCards(deps, (await store.tenants.get(tenant.id))!, [
      { record, viewerId: owner.id },
    ]);
    const content = card!.blocks.find(
      (b): b is ListBlock => b.kind === 'list' && b.items.some((i) => i.text.startsWith('Guide')),
    );
    return { card: card!, group, content: content! };
  }

  it('links to the group’s dashboard page under the public address, on both platforms', async () => {
    const { card, group, content } = await cardWithLongList('https://steward.example.com/');
    // Opened at the content section: the list the owner was reading.
    const page = `https://steward.example.com/dashboard/groups/${group.id}#content`;
    expect(content).toMatchObject({ total: ITEMS_PER_SECTION + 2, moreLink: page });
    expect(content.items).toHaveLength(ITEMS_PER_SECTION);
    // The heading still opens the group itself.
    expect(JSON.stringify(card.blocks)).toContain(groupLink(group.platformRef));

    const slack = JSON.stringify(renderCard(card));
    expect(slack).toContain(`<${page}|and 2 more>`);
    const teams = JSON.stringify(renderAdaptiveCard(card));
    expect(teams).toContain(`[and 2 more](${page})`);
  });

  it('links to the group’s channel when the deployment names no public address', async () => {
    const { group, content } = await cardWithLongList();
    expect(content).toMatchObject({ total: ITEMS_PER_SECTION + 2, moreLink: groupLink(group.platformRef) });
    expect(JSON.stringify(content)).not.toContain('/dashboard/');
  });
});
