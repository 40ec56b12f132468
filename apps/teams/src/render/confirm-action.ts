import type { IExecuteAction, IShowCardAction } from '@microsoft/teams.cards';
import type { CardAction } from '@steward/core';
import { escapeMarkdown } from './markdown.ts';

/**
 * An action that asks to confirm first (`CardAction.confirm`, e.g. archiving a group). Adaptive
 * Cards 1.5 has no confirmation dialog for Action.Execute, so the button opens a card under it
 * with the question and the one button that performs the action: pressing it is the confirmation.
 */
export function confirmFirst(
  action: CardAction & { readonly confirm: NonNullable<CardAction['confirm']> },
  execute: (action: CardAction, title: string) => IExecuteAction,
): IShowCardAction {
  const { confirm } = action;
  return {
    type: 'Action.ShowCard',
    title: action.label,
    ...(action.style === 'danger' ? { style: 'destructive' as const } : {}),
    card: {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: escapeMarkdown(confirm.title), wrap: true, weight: 'Bolder' },
        { type: 'TextBlock', text: escapeMarkdown(confirm.text), wrap: true },
      ],
      actions: [execute(action, confirm.yes)],
    },
  };
}
