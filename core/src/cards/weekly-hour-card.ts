import type { Group } from '../domain/group.ts';
import type { Locale } from '../domain/locale.ts';
import type { PlatformIdentity } from '../domain/person.ts';
import { MAX_SKIP_REASON_LENGTH, type WeeklyHourRecord } from '../domain/weekly-hour.ts';
import { formatDay, formatDayAndTime } from '../messages/format.ts';
import { translate, type MessageParams } from '../messages/translate.ts';
import type { MessageKey } from '../messages/en.ts';
import type { Listed } from '../ports/store/contributions.ts';
import { actionValue, type WeeklyHourCardRef } from './action-value.ts';
import { contentItemActions, type ContentItemOnCard } from './content-item-actions.ts';
import type { Card, CardAction, CardBlock, ListItem } from './card.ts';
import { link } from './markup.ts';
import { denyReasonInput } from './membership-request-card.ts';
import { contentReviewActions, withReviewNote, type DueContentReview } from './content-review-actions.ts';
import { responseTimeLine, type ResponseTime } from './response-time-line.ts';

/** Items shown per section before "and N more": the card must stay readable and within Slack's 50 blocks. */
export const ITEMS_PER_SECTION = 3;
/** Groups shown in full on one card; an owner of more reads "and N more groups". */
export const GROUPS_PER_CARD = 3;
/** Co-owners offered as delegates on the card's buttons. */
const DELEGATES_OFFERED = 2;

/** One owned group as the week's card shows it: names resolved, lists capped by the store. */
export interface WeeklyHourGroup {
  readonly group: Group;
  readonly link: string;
  readonly newMembers: Listed<{ readonly name: string; readonly joinedAt: Date }>;
  readonly overdueQuestions: Listed<{ readonly askerName: string; readonly askedAt: Date; readonly link: string }>;
  readonly requests: Listed<{ readonly id: string; readonly requesterName: string; readonly requestedAt: Date }>;
  readonly dueContent: Listed<ContentItemOnCard & { readonly title: string; readonly link: string | null; readonly lastChangedAt: Date; readonly review?: DueContentReview }>;
  readonly topContributors: readonly { readonly name: string; readonly score: number }[];
  readonly inactiveMembers: Listed<{ readonly personId: string; readonly name: string; readonly lastDay: string }>;
  /** Time to first response over the card's week; null without an answered question (absent: not measured). */
  readonly responseTime?: ResponseTime | null;
}

export interface WeeklyHourCardInput {
  /** The reader's language and zone: the owner's, or the co-owner's the week was handed to. */
  readonly locale: Locale;
  readonly timeZone: string;
  readonly viewerId: string;
  readonly record: WeeklyHourRecord;
  readonly dueAt: Date;
  readonly ownerName: string;
  readonly delegateName: string | null;
  readonly groups: readonly WeeklyHourGroup[];
  readonly coOwners: readonly { readonly id: string; readonly name: string }[];
  /** What the last action did, shown on top. */
  readonly notice: string | null;
  /** Everyone the card went to, so that each sees it as it now stands. */
  readonly audience: readonly PlatformIdentity[];
}

/**
 * The weekly-hour card: per owned group, what needs the owner this week, with one-click actions;
 * once the week is done, skipped, snoozed or handed over, a short summary instead.
 */
export function weeklyHourCard(input: WeeklyHourCardInput): Card {
  const { locale, record } = input;
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const when = (instant: Date) => formatDayAndTime(locale, input.timeZone, instant);
  const isDelegate = input.viewerId !== record.ownerId;
  const title = isDelegate ? t('weekly_hour.title_delegated', { owner: input.ownerName }) : t('weekly_hour.title');
  const notice: CardBlock[] = input.notice ? [{ kind: 'context', text: input.notice }] : [];
  const footer: CardBlock = { kind: 'context', text: t('weekly_hour.footer', { week: record.week, date: when(input.dueAt) }) };
  const summary = (text: string, ...more: CardBlock[]): Card => ({
    locale,
    title,
    summary: text,
    blocks: [...notice, { kind: 'text', text }, ...more, footer],
    refresh: refreshOf(input),
  });

  switch (record.status) {
    case 'done':
      return summary(t('weekly_hour.done_summary', { date: when(record.doneAt ?? input.dueAt) }));
    case 'skipped':
      return summary(
        t('weekly_hour.skipped_summary'),
        ...(record.skipReason ? [{ kind: 'context', text: t('weekly_hour.skipped_reason', { reason: record.skipReason }) } as const] : []),
      );
    case 'snoozed':
      return summary(t('weekly_hour.snoozed_summary', { date: when(record.snoozedUntil ?? input.dueAt) }));
    case 'delegated':
      if (!isDelegate) return summary(t('weekly_hour.delegated_summary', { name: input.delegateName ?? '—' }));
      break;
    case 'pending':
      break;
  }

  const on: WeeklyHourCardRef = { ownerId: record.ownerId, week: record.week };
  const intro = isDelegate ? t('weekly_hour.delegated_intro', { owner: input.ownerName }) : t('weekly_hour.intro', { count: input.groups.length });
  const shown = input.groups.slice(0, GROUPS_PER_CARD);
  const blocks: CardBlock[] = [...notice, { kind: 'text', text: intro }];
  for (const group of shown) blocks.push({ kind: 'divider' }, ...groupBlocks(locale, input.timeZone, group, on));
  if (input.groups.length > shown.length) {
    blocks.push({ kind: 'divider' }, { kind: 'context', text: t('weekly_hour.more_groups', { count: input.groups.length - shown.length }) });
  }
  blocks.push({ kind: 'divider' }, { kind: 'actions', actions: weekActions(locale, input, on, isDelegate) }, footer);
  return { locale, title, summary: intro, blocks, refresh: refreshOf(input) };
}

function refreshOf(input: WeeklyHourCardInput): Card['refresh'] {
  return { id: 'weekly_hour.view', value: `${input.record.ownerId}:${input.record.week}`, audience: input.audience };
}

function weekActions(locale: Locale, input: WeeklyHourCardInput, on: WeeklyHourCardRef, isDelegate: boolean): CardAction[] {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const value = actionValue([on.ownerId, on.week]);
  const actions: CardAction[] = [
    { id: 'weekly_hour.done', label: t('weekly_hour.action.done'), value, style: 'primary' },
    ...(isDelegate ? [] : [{ id: 'weekly_hour.snooze', label: t('weekly_hour.action.snooze'), value } as const]),
    {
      id: 'weekly_hour.skip',
      label: t('weekly_hour.action.skip'),
      value,
      input: { title: t('weekly_hour.skip.title'), label: t('weekly_hour.skip.reason'), submit: t('weekly_hour.action.skip'), required: false, maxLength: MAX_SKIP_REASON_LENGTH },
    },
  ];
  if (!isDelegate) {
    for (const coOwner of input.coOwners.slice(0, DELEGATES_OFFERED)) {
      actions.push({ id: 'weekly_hour.delegate', label: t('weekly_hour.action.delegate', { name: coOwner.name }), value: actionValue([on.ownerId, on.week, coOwner.id]) });
    }
  }
  return actions;
}

function groupBlocks(locale: Locale, timeZone: string, digest: WeeklyHourGroup, on: WeeklyHourCardRef): CardBlock[] {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const day = (instant: Date) => formatDay(locale, timeZone, instant);
  const { group } = digest;
  const blocks: CardBlock[] = [{ kind: 'text', text: link(group.name, digest.link) }];
  const notes = [
    ...(group.purpose ? [] : [t('weekly_hour.no_purpose', { group: group.name })]),
    ...(group.ownerIds.length === 1 ? [t('weekly_hour.single_owner', { group: group.name })] : []),
  ];
  if (notes.length > 0) blocks.push({ kind: 'context', text: notes.join(' ') });

  const section = (title: string, listed: Listed<unknown>, items: ListItem[], after: CardAction[] = []) => {
    if (items.length === 0) return;
    blocks.push({ kind: 'list', title, items, total: listed.total, moreLink: digest.link });
    if (after.length > 0) blocks.push({ kind: 'actions', actions: after });
  };
  const cap = <T>(listed: Listed<T>) => listed.items.slice(0, ITEMS_PER_SECTION);
  const shownNew = { items: cap(digest.newMembers), total: digest.newMembers.total };

  section(
    t('weekly_hour.new_members'),
    shownNew,
    shownNew.items.map((m) => ({ text: t('weekly_hour.member_item', { name: m.name, date: day(m.joinedAt) }) })),
    [{ id: 'member.welcome', label: t('weekly_hour.action.welcome'), value: actionValue([group.id], on) }],
  );
  section(
    t('weekly_hour.questions', { hours: group.responseTargetHours }),
    digest.overdueQuestions,
    cap(digest.overdueQuestions).map((q) => ({ text: t('weekly_hour.question_item', { name: q.askerName, date: day(q.askedAt) }), link: q.link })),
  );
  section(
    t('weekly_hour.requests'),
    digest.requests,
    cap(digest.requests).map((r) => ({
      text: t('weekly_hour.request_item', { name: r.requesterName, date: day(r.requestedAt) }),
      actions: [
        { id: 'membership_request.approve', label: translate(locale, 'request.action.approve'), value: actionValue([r.id], on), style: 'primary' },
        {
          id: 'membership_request.deny',
          label: translate(locale, 'request.action.deny'),
          value: actionValue([r.id], on),
          style: 'danger',
          input: denyReasonInput(locale),
        },
      ],
    })),
  );
  section(
    t('weekly_hour.content'),
    digest.dueContent,
    cap(digest.dueContent).map((c) => ({
      text: withReviewNote(locale, t('weekly_hour.content_item', { title: c.title, date: day(c.lastChangedAt) }), c),
      ...(c.link ? { link: c.link } : {}),
      actions: [...contentItemActions(locale, c, on), ...contentReviewActions(locale, c, on)],
    })),
  );
  const top = digest.topContributors.slice(0, ITEMS_PER_SECTION);
  section(
    t('weekly_hour.top'),
    { items: top, total: top.length },
    top.map((c) => ({ text: t('weekly_hour.top_item', { name: c.name, count: c.score }) })),
    [{ id: 'contributor.thank', label: t('weekly_hour.action.thank'), value: actionValue([group.id], on) }],
  );
  section(
    t('weekly_hour.inactive'),
    digest.inactiveMembers,
    cap(digest.inactiveMembers).map((m) => ({
      text: t('weekly_hour.inactive_item', { name: m.name, date: day(new Date(`${m.lastDay}T12:00:00Z`)) }),
      actions: [{ id: 'member.nudge', label: t('weekly_hour.action.nudge'), value: actionValue([group.id, m.personId], on) }],
    })),
  );
  if (blocks.length === (notes.length > 0 ? 2 : 1)) blocks.push({ kind: 'context', text: t('weekly_hour.quiet', { group: group.name }) });
  blocks.push(...responseTimeLine(locale, digest.responseTime));
  return blocks;
}
