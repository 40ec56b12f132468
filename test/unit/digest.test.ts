import { describe, expect, it } from 'vitest';
import { renderCard } from '../../apps/slack/src/render/block-kit.ts';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import type { FactsBlock, ListBlock } from '../../core/src/cards/card.ts';
import { type DigestGroup, digestCard } from '../../core/src/cards/digest-card.ts';
import {
  type AttentionGroup,
  type AttentionInput,
  DIGEST_GROUPS_SHOWN,
  needsAttention,
  rankForDigest,
} from '../../core/src/domain/digest.ts';

const fine: AttentionInput = {
  score: 80,
  trend: 0,
  flags: [],
  requestsWaiting: 0,
  questionsWaiting: 0,
  ownerMissedWeeks: 0,
};
const row = (overrides: Partial<AttentionInput>): AttentionInput => ({ ...fine, ...overrides });
const kinds = (input: AttentionInput) => needsAttention(input).map((r) => r.kind);

describe('needsAttention', () => {
  it('leaves a healthy group, and the flags that are the owners’ own business, out', () => {
    expect(needsAttention(fine)).toEqual([]);
    expect(needsAttention(row({ flags: ['no_purpose', 'content_overdue'] }))).toEqual([]);
  });

  it('counts a drop of 10 points or more over 7 days, or a fall into a lower band, and nothing smaller', () => {
    expect(needsAttention(row({ score: 60, trend: -10 }))).toEqual([{ kind: 'health_dropped', count: 10 }]);
    expect(kinds(row({ score: 75, trend: -9 }))).toEqual([]);
    // 72 → 68 is only 4 points, but good → fair.
    expect(needsAttention(row({ score: 68, trend: -4 }))).toEqual([{ kind: 'health_dropped', count: 4 }]);
    expect(kinds(row({ score: 50, trend: 12 }))).toEqual([]);
    expect(kinds(row({ score: null, trend: null }))).toEqual([]);
    expect(kinds(row({ score: 50, trend: null }))).toEqual([]);
  });

  it('names each reason, worst first, with its figure', () => {
    const reasons = needsAttention(
      row({
        score: 30,
        trend: -20,
        flags: ['idle', 'ownerless', 'requests_waiting', 'questions_waiting', 'no_purpose'],
        requestsWaiting: 2,
        questionsWaiting: 3,
        ownerMissedWeeks: 3,
      }),
    );
    expect(reasons).toEqual([
      { kind: 'ownerless', count: 0 },
      { kind: 'health_dropped', count: 20 },
      { kind: 'owner_missed_weeks', count: 3 },
      { kind: 'idle', count: 0 },
      { kind: 'requests_waiting', count: 2 },
      { kind: 'questions_waiting', count: 3 },
    ]);
    expect(kinds(row({ flags: ['single_owner'] }))).toEqual(['single_owner']);
  });

  it('counts an owner’s missed weeks from two in a row', () => {
    expect(kinds(row({ ownerMissedWeeks: 1 }))).toEqual([]);
    expect(needsAttention(row({ ownerMissedWeeks: 2 }))).toEqual([{ kind: 'owner_missed_weeks', count: 2 }]);
  });
});

describe('rankForDigest', () => {
  const group = (name: string, score: number | null, input: Partial<AttentionInput>): AttentionGroup<DigestGroup> => ({
    group: { groupId: name, name },
    score,
    reasons: needsAttention(row({ score, ...input })),
  });

  it('drops the fine, and puts the worst reason first, then more reasons, then the lower score, then the name', () => {
    const ranked = rankForDigest(
      [
        group('fine', 90, {}),
        group('idle-b', 50, { flags: ['idle'] }),
        group('idle-a', 50, { flags: ['idle'] }),
        group('idle-low', 20, { flags: ['idle'] }),
        group('idle-and-single', 60, { flags: ['idle', 'single_owner'] }),
        group('ownerless', 80, { flags: ['ownerless'] }),
        group('unscored-idle', null, { flags: ['idle'] }),
      ],
      (g) => g.name,
    );
    expect(ranked.map((g) => g.group.name)).toEqual([
      'ownerless',
      'idle-and-single',
      'idle-low',
      'idle-a',
      'idle-b',
      'unscored-idle',
    ]);
  });
});

describe('digestCard', () => {
  const url = 'https://steward.example.com/';
  const groups = Array.from(
    { length: 13 },
    (_, n): AttentionGroup<DigestGroup> => ({
      group: { groupId: `g${n}`, name: `Group ${n}` },
      score: n,
      reasons:
        n === 0
          ? needsAttention(row({ flags: ['ownerless', 'idle'] }))
          : needsAttention(row({ flags: ['requests_waiting'], requestsWaiting: n })),
    }),
  );

  it('sums up, lists the first ten with their reasons and dashboard links, and links the rest and the table', () => {
    const card = digestCard('en', { totalGroups: 40, groups }, url);
    expect(card.title).toBe('Groups that need attention this week');
    expect(card.summary).toBe('13 of 40 groups need a look this week.');
    const facts = card.blocks.find((b): b is FactsBlock => b.kind === 'facts')!;
    expect(facts.facts).toEqual([
      { label: 'No active owner', value: '1' },
      { label: 'Idle', value: '1' },
      { label: 'Requests waiting', value: '12' },
    ]);
    const list = card.blocks.find((b): b is ListBlock => b.kind === 'list')!;
    expect(list.items).toHaveLength(DIGEST_GROUPS_SHOWN);
    expect(list.total).toBe(13);
    expect(list.items[0]).toEqual({
      text: '**Group 0**: no active owner, idle',
      link: 'https://steward.example.com/dashboard/groups/g0',
    });
    expect(list.items[2]?.text).toBe('**Group 2**: 2 membership requests waiting');
    expect(list.moreLink).toBe('https://steward.example.com/dashboard?sort=flags&order=desc');
    expect(JSON.stringify(card.blocks.at(-1))).toContain('(https://steward.example.com/dashboard)');
  });

  it('speaks the manager’s language, plurals included', () => {
    const ru = digestCard('ru', { totalGroups: 40, groups }, url);
    expect(ru.summary).toBe('13 из 40 групп требуют внимания на этой неделе.');
    expect(JSON.stringify(ru.blocks)).toContain('**Group 2**: 2 заявки на вступление ждут');
    expect(JSON.stringify(ru.blocks)).toContain('нет активного владельца, неактивна');
    const fr = digestCard('fr', { totalGroups: 1, groups: groups.slice(0, 1) }, url);
    expect(fr.summary).toBe('1 groupe sur 1 mérite un coup d’œil cette semaine.');
  });

  it('says all groups are fine when none needs a look', () => {
    const card = digestCard('en', { totalGroups: 52, groups: [] }, url);
    expect(card.summary).toBe('All 52 groups are fine this week: nothing needs your attention.');
    expect(card.blocks.some((b) => b.kind === 'list')).toBe(false);
  });

  it('renders on both platforms with every group link and the "and 3 more" link', () => {
    const card = digestCard('en', { totalGroups: 40, groups }, url);
    const slack = JSON.stringify(renderCard(card));
    const teams = JSON.stringify(renderAdaptiveCard(card));
    for (const rendered of [slack, teams]) {
      for (let n = 0; n < DIGEST_GROUPS_SHOWN; n++)
        expect(rendered).toContain(`https://steward.example.com/dashboard/groups/g${n}`);
      expect(rendered).not.toContain('/dashboard/groups/g10');
      expect(rendered).toContain('and 3 more');
      // Slack's mrkdwn escapes the & of the query as &amp;.
      expect(rendered).toMatch(/https:\/\/steward\.example\.com\/dashboard\?sort=flags&(amp;)?order=desc/);
    }
  });
});
