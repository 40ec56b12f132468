import { readActionValue } from '../cards/action-value.ts';
import type { CardActionForm } from '../cards/card.ts';
import { timeOffAction } from '../cards/time-off-action.ts';
import { DELEGATES_OFFERED } from '../cards/weekly-hour-card.ts';
import { isoWeekOf } from '../domain/iso-week.ts';
import type { Person } from '../domain/person.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { PressedAction } from './card-actions.ts';
import type { CoreDeps } from './deps.ts';
import { coOwnerIdsOf } from './settings-preferences.ts';

/**
 * The form an action asks to be filled first, as it now stands for this person: Slack opens it in a
 * modal when the button is clicked (a button's value cannot carry it). Only "Time off…" has one.
 */
export async function cardActionForm(
  deps: CoreDeps,
  person: Person,
  pressed: Pick<PressedAction, 'id' | 'value'>,
): Promise<Result<CardActionForm>> {
  const { target, on } = readActionValue(pressed.value);
  if (pressed.id !== 'weekly_hour.time_off' || target[0] !== person.id)
    return fail(ErrorCode.NotFound, `form of ${pressed.id} ${pressed.value}`);
  const groups = await deps.store.groups.listOwnedBy(person.tenantId, person.id);
  const people = await Promise.all(
    coOwnerIdsOf(person, groups).map((id) => deps.store.people.get(person.tenantId, id)),
  );
  const coOwners = people
    .flatMap((p) => (p && p.deactivatedAt === null ? [{ id: p.id, name: p.displayName }] : []))
    .slice(0, DELEGATES_OFFERED);
  const ref = on ?? { ownerId: person.id, week: isoWeekOf(deps.clock.now(), person.timeZone) };
  const { form } = timeOffAction(person.locale, coOwners, ref);
  return form ? ok(form) : fail(ErrorCode.NotFound, `form of ${pressed.id}`);
}
