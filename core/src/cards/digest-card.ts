import { type AttentionGroup, DIGEST_GROUPS_SHOWN, DIGEST_REASONS, reasonCounts } from '../domain/digest.ts';
import type { Locale } from '../domain/locale.ts';
import { digestReasonLabel, digestReasonText } from '../messages/labels.ts';
import { translate } from '../messages/translate.ts';
import type { Listed } from '../ports/store/contributions.ts';
import type { Card, CardBlock } from './card.ts';
import { type WaitingQuestion, waitingQuestionsSection } from './digest-questions.ts';
import { type IdleProposal, withIdleProposals } from './idle-group-card.ts';
import { dashboardGroupLink, dashboardLink } from './links.ts';

/** A group as the digest names it. */
export interface DigestGroup {
  readonly groupId: string;
  readonly name: string;
}

export interface DigestSummary {
  /** The tenant's active groups. */
  readonly totalGroups: number;
  /** The groups that need a look, worst first (rankForDigest). */
  readonly groups: readonly AttentionGroup<DigestGroup>[];
  /** Questions unanswered past 3× their group's target, oldest first (absent: not read). */
  readonly waitingQuestions?: Listed<WaitingQuestion>;
  /** Idle groups whose owners left the warnings unanswered, proposed for archive. */
  readonly idleProposals?: readonly IdleProposal[];
}

/**
 * The community manager's weekly digest (also their Slack App Home): a summary line, the count of
 * groups per reason, the worst DIGEST_GROUPS_SHOWN groups each with its reasons and a link to its
 * dashboard page ("and N more" links to the table, groups with the most flags first), and a link
 * to the whole table. With nothing to report, one line saying all groups are fine.
 */
export function digestCard(locale: Locale, summary: DigestSummary, publicUrl: string): Card {
  const title = translate(locale, 'digest.title');
  const total = summary.totalGroups;
  const dashboard = `[${translate(locale, 'digest.dashboard')}](${dashboardLink(publicUrl)})`;
  if (summary.groups.length === 0) {
    const fine = translate(locale, 'digest.all_fine', { count: total, total });
    const blocks: CardBlock[] = [
      { kind: 'text', text: fine },
      ...waitingQuestionsSection(locale, summary.waitingQuestions),
      { kind: 'context', text: dashboard },
    ];
    return withIdleProposals({ locale, title, summary: fine, blocks }, summary.idleProposals);
  }
  const line = translate(locale, 'digest.summary', { count: summary.groups.length, total });
  const counts = reasonCounts(summary.groups);
  const facts = DIGEST_REASONS.filter((kind) => counts[kind] > 0).map((kind) => ({
    label: translate(locale, digestReasonLabel(kind)),
    value: String(counts[kind]),
  }));
  const items = summary.groups.slice(0, DIGEST_GROUPS_SHOWN).map(({ group, reasons }) => ({
    text: translate(locale, 'digest.group', {
      group: group.name,
      reasons: reasons
        .map((reason) => translate(locale, digestReasonText(reason.kind), { count: reason.count }))
        .join(', '),
    }),
    link: dashboardGroupLink(publicUrl, group.groupId),
  }));
  const blocks: CardBlock[] = [
    { kind: 'text', text: line },
    { kind: 'facts', facts },
    {
      kind: 'list',
      title: translate(locale, 'digest.groups'),
      items,
      total: summary.groups.length,
      moreLink: dashboardLink(publicUrl, { sort: 'flags', order: 'desc' }),
    },
    ...waitingQuestionsSection(locale, summary.waitingQuestions),
    { kind: 'context', text: dashboard },
  ];
  return withIdleProposals({ locale, title, summary: line, blocks }, summary.idleProposals);
}
