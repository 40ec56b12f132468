import type { Locale } from '../domain/locale.ts';
import type { PlatformIdentity } from '../domain/person.ts';

/**
 * The neutral card: what a message says and which actions it offers, with nothing of Block Kit or
 * Adaptive Cards in it. Edges render it; the core builds it and never trusts what comes back.
 */
export interface Card {
  /** The reader's language: renderers write their own few words ("and N more") in it. */
  readonly locale: Locale;
  readonly title: string;
  readonly blocks: readonly CardBlock[];
  /** The plain text shown in notifications and read by screen readers. */
  readonly summary: string;
  /** Hosts that can (Teams) fetch the card as it now stands when these people look at it. */
  readonly refresh?: CardRefresh;
}

/** What to ask the core for (`id` with `value`) to show a card as it now stands. */
export interface CardRefresh {
  readonly id: RefreshId;
  readonly value: string;
  /** Everyone who got the card: each sees the latest state, whoever acted. */
  readonly audience: readonly PlatformIdentity[];
}

export const REFRESH_IDS = ['membership_request.view', 'weekly_hour.view'] as const;
export type RefreshId = (typeof REFRESH_IDS)[number];

export function isRefreshId(value: string): value is RefreshId {
  return (REFRESH_IDS as readonly string[]).includes(value);
}

export type CardBlock = TextBlock | FactsBlock | ListBlock | ActionsBlock | ContextBlock | DividerBlock | FoldBlock;

/** The blocks a fold may hold: anything but another fold. */
export type FoldedBlock = Exclude<CardBlock, FoldBlock>;

/**
 * A paragraph. The markup (see markup.ts) is `**bold**`, `[label](https://…)` links and
 * `@[Name](userId)` mentions of a person on the card's platform.
 */
export interface TextBlock {
  readonly kind: 'text';
  readonly text: string;
}

/** Label and value pairs, e.g. "Members: 120". */
export interface FactsBlock {
  readonly kind: 'facts';
  readonly facts: readonly { readonly label: string; readonly value: string }[];
}

/** A titled list whose items may carry their own actions; renderers cap it and say "and N more". */
export interface ListBlock {
  readonly kind: 'list';
  readonly title: string;
  readonly items: readonly ListItem[];
  /** How many there are in all when `items` are only the first ones; renderers say "and N more". */
  readonly total?: number;
  /** Where the rest can be seen: the "and N more" links there. */
  readonly moreLink?: string;
  /**
   * When a platform limit forces a cut, lists of a higher number give up items first (see
   * budget.ts); 0, the default, is cut last.
   */
  readonly priority?: number;
  /** The part of the card (a group) the list belongs to: a cut leaves each part at least one item. */
  readonly part?: string;
}

export interface ListItem {
  readonly text: string;
  readonly link?: string;
  readonly actions?: readonly CardAction[];
}

export interface ActionsBlock {
  readonly kind: 'actions';
  readonly actions: readonly CardAction[];
  /** Actions behind one button ("Hand to…"): a menu on Slack, a card shown under the button on Teams. */
  readonly menu?: ActionMenu;
}

export interface ActionMenu {
  readonly label: string;
  /** All of one action id (Slack's menu names one action), each labelled by what it acts on. */
  readonly actions: readonly CardAction[];
  /** Actions offered with the menu, out of the row's buttons ("Time off…"): under the same button on Teams, beside the menu on Slack. */
  readonly also?: readonly CardAction[];
}

/**
 * Information the reader opens when they want it (top contributors, members gone quiet): Teams
 * shows its title as a toggle, Slack a compact line.
 */
export interface FoldBlock {
  readonly kind: 'fold';
  readonly title: string;
  readonly blocks: readonly FoldedBlock[];
}

/** Small print: dates, who decided, hints. */
export interface ContextBlock {
  readonly kind: 'context';
  readonly text: string;
}

export interface DividerBlock {
  readonly kind: 'divider';
}

/**
 * A button. `id` names the core action it triggers (e.g. "membership_request.approve"); `value`
 * carries what the action needs (ids, never permissions: the core checks those again).
 */
export interface CardAction {
  readonly id: ActionId;
  readonly label: string;
  readonly value: string;
  readonly style?: 'primary' | 'danger';
  /** Asks the person to confirm before the action runs. */
  readonly confirm?: { readonly title: string; readonly text: string; readonly yes: string; readonly no: string };
  /**
   * The action needs a line of text from the person first (a reason): Slack asks in a modal, Teams
   * in a card shown under the button. The text reaches the core as the action's `input`.
   */
  readonly input?: CardActionInput;
  /**
   * The action needs a small form filled first (a day and a pick): Slack asks in a modal, Teams in a
   * card shown under the button. What is filled reaches the core as the action's `input`, written by
   * `formInputOf`.
   */
  readonly form?: CardActionForm;
}

/** A form of a day and an optional pick among options, e.g. the last day of time off and who covers. */
export interface CardActionForm {
  readonly title: string;
  readonly day: { readonly label: string };
  readonly pick: {
    readonly label: string;
    readonly placeholder: string;
    readonly options: readonly { readonly label: string; readonly value: string }[];
  };
  readonly submit: string;
}

/** What a filled form brings the core as the action's input: the day (YYYY-MM-DD), then the pick if any. */
export function formInputOf(day: string | null | undefined, pick: string | null | undefined): string | null {
  // Neither holds a space when well formed; one that does is not ours, and the core refuses it.
  const [d, p] = [day?.trim() ?? '', pick?.trim() ?? ''];
  return d === '' ? null : p === '' ? d : `${d} ${p}`;
}

/** The day and the pick of a form's input, as `formInputOf` wrote them. */
export function readFormInput(input: string | null): { readonly day: string | null; readonly pick: string | null } {
  // Anything after the pick stays in it, so that a forged input names no co-owner rather than one.
  const [day = '', ...rest] = (input ?? '').trim().split(/\s+/);
  const pick = rest.join(' ');
  return { day: day === '' ? null : day, pick: pick === '' ? null : pick };
}

export interface CardActionInput {
  /** Title of the modal or shown card, and label of the field. */
  readonly title: string;
  readonly label: string;
  readonly placeholder?: string;
  /** Sends the action with the text. */
  readonly submit: string;
  readonly required: boolean;
  readonly maxLength: number;
}

/** Every action a card may offer; an edge routes each to the use case of the same name. */
export const ACTION_IDS = [
  'membership_request.approve',
  'membership_request.deny',
  'weekly_hour.done',
  'weekly_hour.snooze',
  'weekly_hour.skip',
  'weekly_hour.delegate',
  'content_item.keep',
  'content_item.archive',
  'member.welcome',
  'member.nudge',
  'contributor.thank',
  'take_over.accept',
  'take_over.decline',
  'membership_request.cancel',
  'content_item.update',
  'content_item.set_interval',
  'group.certify',
  'group.archive',
  'group.leave_quiet',
  'weekly_hour.time_off',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export function isActionId(value: string): value is ActionId {
  return (ACTION_IDS as readonly string[]).includes(value);
}

/** A card that only says something: a title and one paragraph. */
export function textCard(locale: Locale, title: string, text: string): Card {
  return { locale, title, summary: text, blocks: [{ kind: 'text', text }] };
}
