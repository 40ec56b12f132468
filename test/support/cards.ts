import type { Card, CardAction, CardBlock, ListItem } from '../../core/src/cards/card.ts';

// The neutral cards both renderers' tests render: each test states only the blocks it cares about.

export const card = (blocks: CardBlock[], title = 'Weekly hour'): Card => ({ title, blocks, summary: 'Your weekly hour' });

export const approve = (requestId: string): CardAction => ({
  id: 'membership_request.approve',
  label: 'Approve',
  value: requestId,
  style: 'primary',
});
export const deny = (requestId: string): CardAction => ({ id: 'membership_request.deny', label: 'Deny', value: requestId, style: 'danger' });

export const items = (count: number, item: (n: number) => Partial<ListItem> = () => ({})): ListItem[] =>
  Array.from({ length: count }, (_, n) => ({ text: `Request ${n + 1}`, ...item(n) }));
