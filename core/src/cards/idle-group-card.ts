import type { Locale } from '../domain/locale.ts';
import { translate } from '../messages/translate.ts';
import type { Card, CardAction } from './card.ts';
import type { DigestGroup } from './digest-card.ts';

/** Archive, after the person confirms: the owners' and the community managers' button alike. */
export function archiveGroupAction(locale: Locale, groupId: string, groupName: string): CardAction {
  return {
    id: 'group.archive',
    label: translate(locale, 'idle.action.archive'),
    value: groupId,
    style: 'danger',
    confirm: {
      title: translate(locale, 'idle.confirm.title', { group: groupName }),
      text: translate(locale, 'idle.confirm.text'),
      yes: translate(locale, 'idle.confirm.yes'),
      no: translate(locale, 'idle.confirm.no'),
    },
  };
}

/**
 * The warning an idle group's owners get: why, which reminder this is, and three choices: Still
 * active (certify), Archive (confirmed first), Leave it quiet.
 */
export function idleGroupCard(input: {
  readonly locale: Locale;
  readonly groupId: string;
  readonly groupName: string;
  readonly idleDays: number;
  readonly warning: number;
  readonly warnings: number;
}): Card {
  const { locale, groupId } = input;
  const group = input.groupName;
  const text = translate(locale, 'idle.card.text', { group, count: input.idleDays });
  return {
    locale,
    title: translate(locale, 'idle.card.title', { group }),
    summary: text,
    blocks: [
      { kind: 'text', text },
      { kind: 'context', text: translate(locale, 'idle.card.warning', { warning: input.warning, of: input.warnings }) },
      {
        kind: 'actions',
        actions: [
          { id: 'group.certify', label: translate(locale, 'idle.action.certify'), value: groupId, style: 'primary' },
          archiveGroupAction(locale, groupId, group),
          { id: 'group.leave_quiet', label: translate(locale, 'idle.action.leave_quiet'), value: groupId },
        ],
      },
    ],
  };
}

/** A group proposed for archive, as the community managers' digest lists it. */
export interface IdleProposal extends DigestGroup {
  /** Warnings its owners left unanswered. */
  readonly warnings: number;
}

/**
 * The digest with its section of idle groups proposed for archive, each with the Archive button a
 * community manager can press (confirmed first). The digest as it was when there are none.
 */
export function withIdleProposals(card: Card, proposals: readonly IdleProposal[] = []): Card {
  if (proposals.length === 0) return card;
  const { locale } = card;
  return {
    ...card,
    blocks: [
      ...card.blocks,
      { kind: 'divider' },
      {
        kind: 'list',
        title: translate(locale, 'idle.digest.title'),
        items: proposals.map((p) => ({
          text: translate(locale, 'idle.digest.group', { group: p.name, count: p.warnings }),
          actions: [archiveGroupAction(locale, p.groupId, p.name)],
        })),
      },
    ],
  };
}
