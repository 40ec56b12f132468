import { readActionValue, type WeeklyHourCardRef } from '../cards/action-value.ts';
import { type ActionId, type Card, type RefreshId, readFormInput, textCard } from '../cards/card.ts';
import { isId } from '../domain/ids.ts';
import { isIsoWeek, isoWeekOf } from '../domain/iso-week.ts';
import type { Person } from '../domain/person.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import { translate } from '../messages/translate.ts';
import { cancelMembershipRequest } from './cancel-membership-request.ts';
import { askToUpdateContentItem, setContentReviewInterval } from './content-review.ts';
import { decideMembershipRequest } from './decide-membership-request.ts';
import type { CoreDeps } from './deps.ts';
import { archiveGroup } from './groups/archive-group.ts';
import { answerIdleCheck } from './groups/idle-groups.ts';
import { acceptTakeOver, declineTakeOver } from './groups/take-over.ts';
import { takeTimeOffFromCard } from './take-time-off.ts';
import { viewMembershipRequest } from './view-membership-request.ts';
import { actOnWeeklyHour } from './weekly-hour/act.ts';
import {
  archiveContentItem,
  keepContentItem,
  nudgeMember,
  thankTopContributors,
  welcomeNewMembers,
} from './weekly-hour/group-actions.ts';
import { viewWeeklyHour, weeklyHourRefOf } from './weekly-hour/view.ts';

/** A button pressed on one of our cards, as an edge received it. Nothing in it is trusted. */
export interface PressedAction {
  readonly id: ActionId;
  readonly value: string;
  /** The text the person typed when the action asks for some (see `CardAction.input`). */
  readonly input?: string | null;
}

interface Pressed {
  readonly deps: CoreDeps;
  readonly person: Person;
  /** What the button acts on: the ids of its value. */
  readonly target: readonly string[];
  /** The weekly-hour card the button sits on, if it does. */
  readonly on: WeeklyHourCardRef | null;
  readonly input: string | null;
}

/** Either the card to show where the button was, or a notice to show on the weekly-hour card it sits on. */
type Outcome = Result<{ readonly card: Card } | { readonly notice: string }>;

const weekOf = ({ on, person, deps }: Pressed) => on?.week ?? isoWeekOf(deps.clock.now(), person.timeZone);
const weeklyRef = ({ target }: Pressed): WeeklyHourCardRef | null =>
  weeklyHourRefOf(`${target[0] ?? ''}:${target[1] ?? ''}`);
const asCard = (result: Result<Card>): Outcome => (result.ok ? ok({ card: result.value }) : result);
const asNotice = (result: Result<string>): Outcome => (result.ok ? ok({ notice: result.value }) : result);

async function onWeek(pressed: Pressed, act: (ref: WeeklyHourCardRef) => Promise<Result<Card>>): Promise<Outcome> {
  const ref = weeklyRef(pressed);
  return ref ? asCard(await act(ref)) : fail(ErrorCode.NotFound, `weekly hour ${pressed.target.join(':')}`);
}

async function decide({ deps, person, target, on, input }: Pressed, decision: 'approved' | 'denied'): Promise<Outcome> {
  const decided = await decideMembershipRequest(deps, {
    tenantId: person.tenantId,
    requestId: target[0] ?? '',
    deciderId: person.id,
    decision,
    reason: input,
  });
  if (!decided.ok) return decided;
  if (!on) return ok({ card: decided.value.card });
  const requester = await deps.store.people.get(person.tenantId, decided.value.request.requesterId);
  const status = translate(person.locale, `request.status.${decided.value.request.status}`);
  return ok({
    notice: translate(person.locale, 'weekly_hour.notice.decided', { name: requester?.displayName ?? '—', status }),
  });
}

// Every action id goes to the use case of the same name, which checks again that the person may.
const ACTIONS: Readonly<Record<ActionId, (pressed: Pressed) => Promise<Outcome>>> = {
  'membership_request.approve': (p) => decide(p, 'approved'),
  'membership_request.deny': (p) => decide(p, 'denied'),
  'weekly_hour.done': (p) => onWeek(p, (ref) => actOnWeeklyHour(p.deps, p.person, ref, { kind: 'done' })),
  'weekly_hour.snooze': (p) => onWeek(p, (ref) => actOnWeeklyHour(p.deps, p.person, ref, { kind: 'snooze' })),
  'weekly_hour.skip': (p) =>
    onWeek(p, (ref) => actOnWeeklyHour(p.deps, p.person, ref, { kind: 'skip', reason: p.input })),
  'weekly_hour.delegate': (p) =>
    onWeek(p, (ref) => actOnWeeklyHour(p.deps, p.person, ref, { kind: 'delegate', delegateId: p.target[2] ?? '' })),
  'content_item.keep': async (p) => asNotice(await keepContentItem(p.deps, p.person, p.target[0] ?? '')),
  'content_item.archive': async (p) => asNotice(await archiveContentItem(p.deps, p.person, p.target[0] ?? '')),
  'member.welcome': async (p) => asNotice(await welcomeNewMembers(p.deps, p.person, p.target[0] ?? '', weekOf(p))),
  'member.nudge': async (p) =>
    asNotice(await nudgeMember(p.deps, p.person, p.target[0] ?? '', p.target[1] ?? '', weekOf(p))),
  'contributor.thank': async (p) =>
    asNotice(await thankTopContributors(p.deps, p.person, p.target[0] ?? '', weekOf(p))),
  'take_over.accept': async (p) => asCard(await acceptTakeOver(p.deps, p.person, p.target[0] ?? '')),
  'take_over.decline': async (p) => asCard(await declineTakeOver(p.deps, p.person, p.target[0] ?? '')),
  'membership_request.cancel': async (p) => asCard(await cancelMembershipRequest(p.deps, p.person, p.target[0] ?? '')),
  'content_item.update': async (p) =>
    asNotice(await askToUpdateContentItem(p.deps, p.person, p.target[0] ?? '', weekOf(p))),
  'content_item.set_interval': async (p) =>
    asNotice(await setContentReviewInterval(p.deps, p.person, p.target[0] ?? '', p.input ?? '')),
  'group.certify': async (p) => asNotice(await answerIdleCheck(p.deps, p.person, p.target[0] ?? '', 'certify')),
  'group.archive': async (p) => asNotice(await archiveGroup(p.deps, p.person, p.target[0] ?? '')),
  'group.leave_quiet': async (p) => asNotice(await answerIdleCheck(p.deps, p.person, p.target[0] ?? '', 'leave_quiet')),
  'weekly_hour.time_off': (p) => timeOff(p),
};

/** "Time off…" on an owner's own card: their last day and who covers, from the card's form. */
async function timeOff({ deps, person, target, input }: Pressed): Promise<Outcome> {
  // Only the owner takes their own time off: a card someone else holds offers it to nobody else.
  if (target[0] !== person.id) return fail(ErrorCode.NotFound, `weekly hour of ${target[0] ?? ''}`);
  const { day, pick } = readFormInput(input);
  return ok({ notice: await takeTimeOffFromCard(deps, person, day, pick) });
}

/**
 * Performs a card's action for the person who pressed it and returns the card as it should now
 * look where it was pressed: for a button on a weekly-hour card, that card with what was done on top.
 */
export async function performCardAction(deps: CoreDeps, person: Person, action: PressedAction): Promise<Result<Card>> {
  const { target, on } = readActionValue(action.value);
  // A forged or garbled value names nothing we have.
  if (!target.every((part) => isId(part) || isIsoWeek(part)))
    return fail(ErrorCode.NotFound, `action value ${action.value}`);
  const outcome = await ACTIONS[action.id]({ deps, person, target, on, input: action.input?.trim() || null });
  if (!outcome.ok) return outcome;
  if ('card' in outcome.value) return ok(outcome.value.card);
  if (on) return viewWeeklyHour(deps, person, on, outcome.value.notice);
  return ok(textCard(person.locale, outcome.value.notice, outcome.value.notice));
}

/** The card as it now stands for this viewer (Teams refresh, the preview inbox). */
export async function viewCard(
  deps: CoreDeps,
  viewer: Person,
  refresh: { readonly id: RefreshId; readonly value: string },
): Promise<Result<Card>> {
  switch (refresh.id) {
    case 'membership_request.view':
      return isId(refresh.value)
        ? viewMembershipRequest(deps, viewer, refresh.value)
        : fail(ErrorCode.NotFound, `request ${refresh.value}`);
    case 'weekly_hour.view': {
      const ref = weeklyHourRefOf(refresh.value);
      return ref ? viewWeeklyHour(deps, viewer, ref) : fail(ErrorCode.NotFound, `weekly hour ${refresh.value}`);
    }
  }
}
