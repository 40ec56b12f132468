/**
 * What a card keeps when a platform limit forces a cut. One rule for every renderer: each renderer
 * measures its own output (Slack in blocks, Teams in bytes) and this decides which items go.
 */

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
 * most `budget`. Items go one at a time from the list of the highest priority number; among equals
 * from the longest, and of equally long ones the later, so lists of a rank shrink evenly. A part's
 * last item stays; if the cut cannot get under the budget, the renderer's own last resort applies.
 */
export function fitToBudget(lists: readonly BudgetedList[], budget: number, cost: (shown: readonly number[]) => number): number[] {
  const shown = lists.map((list) => Math.max(0, list.items));
  const partTotal = new Map<string, number>();
  for (const [i, list] of lists.entries()) if (list.part !== undefined) partTotal.set(list.part, (partTotal.get(list.part) ?? 0) + (shown[i] ?? 0));
  let total = cost(shown);
  while (total > budget) {
    let victim = -1;
    for (const [i, list] of lists.entries()) {
      const count = shown[i] ?? 0;
      if (count === 0 || (list.part !== undefined && partTotal.get(list.part) === 1)) continue;
      const best = lists[victim];
      const bestCount = shown[victim] ?? 0;
      if (best === undefined || list.priority > best.priority || (list.priority === best.priority && count >= bestCount)) victim = i;
    }
    const list = lists[victim];
    if (list === undefined) break;
    shown[victim] = (shown[victim] ?? 0) - 1;
    if (list.part !== undefined) partTotal.set(list.part, (partTotal.get(list.part) ?? 0) - 1);
    total = cost(shown);
  }
  return shown;
}
