import type { Group } from '../domain/group.ts';
import type { IsoWeek } from '../domain/iso-week.ts';
import type { Locale } from '../domain/locale.ts';
import type { PlatformIdentity } from '../domain/person.ts';
import { MAX_SKIP_REASON_LENGTH, type WeeklyHourRecord } from '../domain/weekly-hour.ts';
import { mondayOf } from '../domain/weekly-hour-schedule.ts';
import type { MessageKey } from '../messages/en.ts';
import { formatDay, formatDayAndTime, formatLongDay, formatWeekdayAndTime } from '../messages/format.ts';
import { type MessageParams, translate } from '../messages/translate.ts';
import type { Listed } from '../ports/store/contributions.ts';
import { actionValue, type WeeklyHourCardRef } from './action-value.ts';
import type { ActionMenu, Card, CardAction, CardBlock, FoldedBlock, ListBlock, ListItem } from './card.ts';
import { type ContentItemOnCard, contentItemActions } from './content-item-actions.ts';
import { contentReviewActions, type DueContentReview, withReviewNote } from './content-review-actions.ts';
import type { DashboardGroupSection } from './links.ts';
import { link } from './markup.ts';
import { denyReasonInput } from './membership-request-card.ts';
import { type ResponseTime, responseTimeFacts } from './response-time-line.ts';
import { timeOffAction } from './time-off-action.ts';

/**
 * Items the core puts in a section; the renderers show what their platform's limits allow, cutting
 * by `SECTION_PRIORITY`, and say "and N more" for the rest.
 */
export const ITEMS_PER_SECTION = 10;
/** Top contributors named: for information, and thanked all at once. */
const TOP_CONTRIBUTORS_SHOWN = 3;

/**
 * Which sections give up items first when a platform limit forces a cut (higher first): what
 * informs before what needs the owner; of the latter, content before questions before requests.
 */
export const SECTION_PRIORITY = {
  requests: 0,
  questions: 1,
  content: 2,
  newMembers: 3,
  topContributors: 4,
  inactiveMembers: 5,
} as const;
/** Groups shown in full on one card; an owner of more reads "and N more groups". */
export const GROUPS_PER_CARD = 3;
/** Co-owners offered as delegates on the card's buttons, and to cover time off. */
export const DELEGATES_OFFERED = 10;

/** One owned group as the week's card shows it: names resolved, lists capped by the store. */
export interface WeeklyHourGroup {
  readonly group: Group;
  readonly link: string;
  /** Where the whole of a list can be seen (the group's dashboard page, at the list's section); absent, `link`. */
  readonly fullListLink?: (section?: DashboardGroupSection) => string;
  readonly newMembers: Listed<{ readonly name: string; readonly joinedAt: Date }>;
  readonly overdueQuestions: Listed<{ readonly askerName: string; readonly askedAt: Date; readonly link: string }>;
  readonly requests: Listed<{ readonly id: string; readonly requesterName: string; readonly requestedAt: Date }>;
  readonly dueContent: Listed<
    ContentItemOnCard & {
      readonly title: string;
      readonly link: string | null;
      readonly lastChangedAt: Date;
      readonly review?: DueContentReview;
    }
  >;
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
  const week = formatLongDay(locale, input.timeZone, mondayOfWeek(record.week));
  const footer: CardBlock = { kind: 'context', text: t('weekly_hour.footer', { week, date: when(input.dueAt) }) };
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
        ...(record.skipReason
          ? [{ kind: 'context', text: t('weekly_hour.skipped_reason', { reason: record.skipReason }) } as const]
          : []),
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
  const top = summaryLine(
    locale,
    input.groups,
    t('weekly_hour.due', { date: formatWeekdayAndTime(locale, input.timeZone, input.dueAt) }),
  );
  const actions = weekActions(locale, on, isDelegate);
  const blocks: CardBlock[] = [
    ...notice,
    { kind: 'text', text: `**${top}**` },
    ...(isDelegate
      ? [{ kind: 'context', text: t('weekly_hour.delegated_intro', { owner: input.ownerName }) } as const]
      : []),
    // Done and Snooze under the summary, for the owner who has read enough.
    { kind: 'actions', actions: actions.filter((a) => a.id === 'weekly_hour.done' || a.id === 'weekly_hour.snooze') },
  ];
  const shown = input.groups.slice(0, GROUPS_PER_CARD);
  for (const group of shown) blocks.push({ kind: 'divider' }, ...groupBlocks(locale, input.timeZone, group, on));
  if (input.groups.length > shown.length) {
    blocks.push(
      { kind: 'divider' },
      { kind: 'context', text: t('weekly_hour.more_groups', { count: input.groups.length - shown.length }) },
    );
  }
  blocks.push(
    { kind: 'divider' },
    {
      kind: 'actions',
      actions: actions.filter((a) => a.id !== 'weekly_hour.snooze'),
      ...bottomMenu(input, on, isDelegate),
    },
    footer,
  );
  return { locale, title, summary: top, blocks, refresh: refreshOf(input) };
}

/** What needs the owner across their groups, most pressing first, and when: "3 requests · 2 overdue questions · due Mon 09:00". */
function summaryLine(locale: Locale, groups: readonly WeeklyHourGroup[], due: string): string {
  const sum = (count: (group: WeeklyHourGroup) => number) => groups.reduce((total, group) => total + count(group), 0);
  const counts = countsOf(locale, {
    requests: sum((g) => g.requests.total),
    questions: sum((g) => g.overdueQuestions.total),
    content: sum((g) => g.dueContent.total),
    newMembers: sum((g) => g.newMembers.total),
  });
  return [...(counts.length > 0 ? counts : [translate(locale, 'weekly_hour.nothing_waits')]), due].join(' · ');
}

/** "2 requests", "1 overdue question"…, leaving out what is zero. */
function countsOf(
  locale: Locale,
  counts: { requests: number; questions: number; content: number; newMembers: number },
): string[] {
  return [
    ['weekly_hour.count.requests', counts.requests],
    ['weekly_hour.count.questions', counts.questions],
    ['weekly_hour.count.content', counts.content],
    ['weekly_hour.count.new_members', counts.newMembers],
  ].flatMap(([key, count]) => (count === 0 ? [] : [translate(locale, key as MessageKey, { count: count as number })]));
}

function mondayOfWeek(week: IsoWeek): Date {
  const { year, month, day } = mondayOf(week);
  return new Date(Date.UTC(year, month - 1, day));
}

function refreshOf(input: WeeklyHourCardInput): Card['refresh'] {
  return { id: 'weekly_hour.view', value: `${input.record.ownerId}:${input.record.week}`, audience: input.audience };
}

function weekActions(locale: Locale, on: WeeklyHourCardRef, isDelegate: boolean): CardAction[] {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const value = actionValue([on.ownerId, on.week]);
  const actions: CardAction[] = [
    { id: 'weekly_hour.done', label: t('weekly_hour.action.done'), value, style: 'primary' },
    ...(isDelegate ? [] : [{ id: 'weekly_hour.snooze', label: t('weekly_hour.action.snooze'), value } as const]),
    {
      id: 'weekly_hour.skip',
      label: t('weekly_hour.action.skip'),
      value,
      input: {
        title: t('weekly_hour.skip.title'),
        label: t('weekly_hour.skip.reason'),
        submit: t('weekly_hour.action.skip'),
        required: false,
        maxLength: MAX_SKIP_REASON_LENGTH,
      },
    },
  ];
  return actions;
}

/**
 * The menu beside Done: the co-owners the week can be handed to, and "Time off…" with it, so that
 * the row keeps its few buttons whole (a fourth button, or a longer label, cuts them on Teams). A delegate's card offers neither: the week is not theirs.
 */
function bottomMenu(input: WeeklyHourCardInput, on: WeeklyHourCardRef, isDelegate: boolean): { menu?: ActionMenu } {
  if (isDelegate) return {};
  const t = (key: MessageKey) => translate(input.locale, key);
  const handTo = handToActions(input, on);
  const timeOff = timeOffAction(input.locale, input.coOwners.slice(0, DELEGATES_OFFERED), on);
  // "Hand to…" keeps its short label, which a row of three reads whole in Russian; "Time off…" is in
  // what it opens (Teams) or beside it (Slack).
  const label = handTo.length > 0 ? t('weekly_hour.action.hand_to') : timeOff.label;
  return { menu: { label, actions: handTo, also: [timeOff] } };
}

/** The co-owners the week can be handed to, by first name (full name where two share one). */
function handToActions(input: WeeklyHourCardInput, on: WeeklyHourCardRef): CardAction[] {
  const offered = input.coOwners.slice(0, DELEGATES_OFFERED);
  const first = (name: string) => name.trim().split(/\s+/)[0] ?? name;
  const shared = (name: string) => offered.filter((c) => first(c.name) === first(name)).length > 1;
  return offered.map((coOwner) => ({
    id: 'weekly_hour.delegate',
    label: shared(coOwner.name) ? coOwner.name : first(coOwner.name),
    value: actionValue([on.ownerId, on.week, coOwner.id]),
  }));
}

function groupBlocks(locale: Locale, timeZone: string, digest: WeeklyHourGroup, on: WeeklyHourCardRef): CardBlock[] {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const day = (instant: Date) => formatDay(locale, timeZone, instant);
  const { group } = digest;
  const counts = countsOf(locale, {
    requests: digest.requests.total,
    questions: digest.overdueQuestions.total,
    content: digest.dueContent.total,
    newMembers: digest.newMembers.total,
  });
  const blocks: CardBlock[] = [{ kind: 'text', text: [link(group.name, digest.link), ...counts].join(' · ') }];
  // One line each under the heading: facts about the group an owner should know this week.
  const facts = [
    ...(group.purpose ? [] : [t('weekly_hour.no_purpose', { group: group.name })]),
    ...(group.ownerIds.length === 1 ? [t('weekly_hour.single_owner', { group: group.name })] : []),
    ...responseTimeFacts(locale, digest.responseTime),
  ];
  for (const fact of facts) blocks.push({ kind: 'context', text: fact });

  const list = (
    title: string,
    priority: number,
    listed: Listed<unknown>,
    items: ListItem[],
    section?: DashboardGroupSection,
  ): ListBlock[] =>
    items.length === 0
      ? []
      : [
          {
            kind: 'list',
            title,
            items,
            total: listed.total,
            moreLink: digest.fullListLink?.(section) ?? digest.link,
            priority,
            part: group.id,
          },
        ];
  const cap = <T>(listed: Listed<T>) => listed.items.slice(0, ITEMS_PER_SECTION);

  blocks.push(
    ...list(
      t('weekly_hour.requests'),
      SECTION_PRIORITY.requests,
      digest.requests,
      cap(digest.requests).map((r) => ({
        text: t('weekly_hour.request_item', { name: r.requesterName, date: day(r.requestedAt) }),
        actions: [
          {
            id: 'membership_request.approve',
            label: translate(locale, 'request.action.approve'),
            value: actionValue([r.id], on),
            style: 'primary',
          },
          {
            id: 'membership_request.deny',
            label: translate(locale, 'request.action.deny'),
            value: actionValue([r.id], on),
            style: 'danger',
            input: denyReasonInput(locale),
          },
        ],
      })),
      'requests',
    ),
    ...list(
      t('weekly_hour.questions', { hours: group.responseTargetHours }),
      SECTION_PRIORITY.questions,
      digest.overdueQuestions,
      cap(digest.overdueQuestions).map((q) => ({
        text: t('weekly_hour.question_item', { name: q.askerName, date: day(q.askedAt) }),
        link: q.link,
      })),
      'questions',
    ),
    ...list(
      t('weekly_hour.content'),
      SECTION_PRIORITY.content,
      digest.dueContent,
      cap(digest.dueContent).map((c) => ({
        text: withReviewNote(locale, t('weekly_hour.content_item', { title: c.title, date: day(c.lastChangedAt) }), c),
        ...(c.link ? { link: c.link } : {}),
        actions: [...contentItemActions(locale, c, on), ...contentReviewActions(locale, c, on)],
      })),
      'content',
    ),
  );
  const newMembers = list(
    t('weekly_hour.new_members'),
    SECTION_PRIORITY.newMembers,
    digest.newMembers,
    cap(digest.newMembers).map((m) => ({
      text: t('weekly_hour.member_item', { name: m.name, date: day(m.joinedAt) }),
    })),
  );
  if (newMembers.length > 0)
    blocks.push(...newMembers, {
      kind: 'actions',
      actions: [{ id: 'member.welcome', label: t('weekly_hour.action.welcome'), value: actionValue([group.id], on) }],
    });

  const people = peopleBlocks(locale, timeZone, digest, on, list);
  if (people.length > 0) blocks.push({ kind: 'fold', title: t('weekly_hour.people'), blocks: people });
  if (blocks.length === 1 + facts.length)
    blocks.push({ kind: 'context', text: t('weekly_hour.quiet', { group: group.name }) });
  return blocks;
}

/** For information, folded away: who to thank, and who went quiet (with a nudge each). */
function peopleBlocks(
  locale: Locale,
  timeZone: string,
  digest: WeeklyHourGroup,
  on: WeeklyHourCardRef,
  list: (title: string, priority: number, listed: Listed<unknown>, items: ListItem[]) => ListBlock[],
): FoldedBlock[] {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const { group } = digest;
  const top = digest.topContributors.slice(0, TOP_CONTRIBUTORS_SHOWN);
  const thank = list(
    t('weekly_hour.top'),
    SECTION_PRIORITY.topContributors,
    { items: top, total: top.length },
    top.map((c) => ({ text: t('weekly_hour.top_item', { name: c.name, count: c.score }) })),
  );
  return [
    ...thank,
    ...(thank.length > 0
      ? [
          {
            kind: 'actions',
            actions: [
              { id: 'contributor.thank', label: t('weekly_hour.action.thank'), value: actionValue([group.id], on) },
            ],
          } as const,
        ]
      : []),
    ...list(
      t('weekly_hour.inactive'),
      SECTION_PRIORITY.inactiveMembers,
      digest.inactiveMembers,
      digest.inactiveMembers.items.slice(0, ITEMS_PER_SECTION).map((m) => ({
        text: t('weekly_hour.inactive_item', {
          name: m.name,
          date: formatDay(locale, timeZone, new Date(`${m.lastDay}T12:00:00Z`)),
        }),
        actions: [
          { id: 'member.nudge', label: t('weekly_hour.action.nudge'), value: actionValue([group.id, m.personId], on) },
        ],
      })),
    ),
  ];
}
