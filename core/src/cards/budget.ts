/**
 * What a card keeps when a platform limit forces a cut. One rule for every renderer: each renderer
 * measures its own output (Slack in blocks, Teams in bytes) and this decides which items go. The
 * few list helpers both renderers need live here too, so that neither keeps a copy.
 */
import type { ListBlock } from './card.ts';

/** Items of a list a renderer shows before "and N more": more is more than an owner reads in a message. */
export const LIST_ITEMS_SHOWN = 10;

/** How many items a list has in all: its `total` when the card holds only the first ones, never fewer than it holds. */
export function listTotal(list: ListBlock): number {
  return Math.max(list.total ?? 0, list.items.length);
}

/** Items in rows of at most `size`: what one platform element holds (buttons in a row, fields in a section). */
export function rowsOf<T>(items: readonly T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let start = 0; start < items.length; start += size) rows.push(items.slice(start, start + size));
  return rows;
}

/** A list of the card as the cut sees it. */
export interface BudgetedList {
  /** Higher numbers are cut first: what informs goes before what needs the reader. */
  readonly priority: number;
  /** The part (group) it belongs to: a cut never leaves a part with no item. */
  readonly part?: string | undefined;
  /** How many items it could show. */
  readonly items: number;
}

/**
 * How many items each list shows so that `cost` (of the whole rendering, given those counts) is at
 * most `budget`. Items go from the list of the highest priority number; among equals from the
 * longest, and of equally long ones the later, so lists of a rank shrink evenly. A list gives up
 * items only where that lowers the cost (a Slack list takes as many blocks for two items as for
 * ten); a part's last item stays. If the cut cannot get under the budget, the renderer's own last
 * resort applies.
 */
export function fitToBudget(
  lists: readonly BudgetedList[],
  budget: number,
  cost: (shown: readonly number[]) => number,
): number[] {
  const shown = lists.map((list) => Math.max(0, list.items));
  const partTotal = (part: string) =>
    lists.reduce((sum, list, i) => sum + (list.part === part ? (shown[i] ?? 0) : 0), 0);
  const floor = (i: number) => {
    const part = lists[i]?.part;
    // The part's last items are this list's: one of them stays.
    return part !== undefined && partTotal(part) - (shown[i] ?? 0) === 0 ? 1 : 0;
  };
  const helpless = new Set<number>();
  let total = cost(shown);
  while (total > budget) {
    let victim = -1;
    for (const [i, list] of lists.entries()) {
      const count = shown[i] ?? 0;
      if (helpless.has(i) || count <= floor(i)) continue;
      const best = lists[victim];
      if (
        best === undefined ||
        list.priority > best.priority ||
        (list.priority === best.priority && count >= (shown[victim] ?? 0))
      )
        victim = i;
    }
    if (victim === -1) break;
    // Give up items until the cost falls; if it never does, the list keeps them all.
    const before = shown[victim] ?? 0;
    let cut = total;
    while ((shown[victim] ?? 0) > floor(victim) && cut >= total) {
      shown[victim] = (shown[victim] ?? 0) - 1;
      cut = cost(shown);
    }
    if (cut < total) total = cut;
    else {
      shown[victim] = before;
      helpless.add(victim);
    }
  }
  return shown;
}
