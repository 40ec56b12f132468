import { describe, expect, it } from 'vitest';
import { type BudgetedList, fitToBudget, listTotal, rowsOf } from '../../core/src/cards/budget.ts';

// A cost of one unit per shown item, plus a fixed part: the rule is the same whatever a renderer measures.
const perItem = (fixed: number) => (shown: readonly number[]) => fixed + shown.reduce((sum, n) => sum + n, 0);

describe('what a card keeps when a platform limit forces a cut', () => {
  it('keeps everything that fits', () => {
    expect(
      fitToBudget(
        [
          { priority: 0, items: 3 },
          { priority: 1, items: 4 },
        ],
        10,
        perItem(0),
      ),
    ).toEqual([3, 4]);
  });

  it('cuts what informs before what needs the reader: content, then questions, then requests', () => {
    const lists: BudgetedList[] = [
      { priority: 0, part: 'g1', items: 6 }, // requests
      { priority: 1, part: 'g1', items: 6 }, // questions
      { priority: 2, part: 'g1', items: 6 }, // content
      { priority: 4, part: 'g1', items: 3 }, // top contributors
    ];
    expect(fitToBudget(lists, 15, perItem(0))).toEqual([6, 6, 3, 0]);
    expect(fitToBudget(lists, 8, perItem(0))).toEqual([6, 2, 0, 0]);
  });

  it('shrinks lists of one rank evenly, the longest first, and of equally long ones the later', () => {
    expect(
      fitToBudget(
        [
          { priority: 0, items: 6 },
          { priority: 0, items: 3 },
          { priority: 0, items: 6 },
        ],
        10,
        perItem(0),
      ),
    ).toEqual([4, 3, 3]);
  });

  it('never leaves a group with no item, even when its items rank low', () => {
    const lists: BudgetedList[] = [
      { priority: 0, part: 'g1', items: 10 },
      { priority: 2, part: 'g2', items: 5 },
      { priority: 2, part: 'g3', items: 5 },
    ];
    expect(fitToBudget(lists, 8, perItem(0))).toEqual([6, 1, 1]);
  });

  it('stops when nothing more can go, leaving the rest to the renderer', () => {
    expect(fitToBudget([{ priority: 0, part: 'g1', items: 2 }], 0, perItem(5))).toEqual([1]);
    expect(fitToBudget([{ priority: 0, items: 2 }], 0, perItem(5))).toEqual([0]);
  });
});

describe('the list helpers both renderers share', () => {
  const item = (text: string) => ({ text });
  it('counts a list in all from its total, never fewer than the items it holds', () => {
    expect(listTotal({ kind: 'list', title: 'T', items: [item('a'), item('b')], total: 12 })).toBe(12);
    expect(listTotal({ kind: 'list', title: 'T', items: [item('a'), item('b')], total: 1 })).toBe(2);
    expect(listTotal({ kind: 'list', title: 'T', items: [item('a')] })).toBe(1);
  });

  it('puts items in rows of at most the size a platform element holds, in order', () => {
    expect(rowsOf([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(rowsOf([], 6)).toEqual([]);
  });
});
