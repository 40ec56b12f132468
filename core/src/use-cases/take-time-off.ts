import { isId, newId } from '../domain/ids.ts';
import type { Person, PlatformIdentity } from '../domain/person.ts';
import { localDayOf, validateTimeOff } from '../domain/time-off.ts';
import { translate } from '../messages/translate.ts';
import type { CoreDeps } from './deps.ts';
import { coOwnerIdsOf } from './settings-preferences.ts';

/**
 * `/steward timeoff <until> [@cover]`: time off from today (the owner's) to `until`, covered by the
 * co-owner named; "off" ends it. Answers, in the owner's words, what was saved or what is wrong.
 */
export async function takeTimeOff(
  deps: CoreDeps,
  person: Person,
  until: string | null,
  cover: PlatformIdentity | null,
): Promise<string> {
  if (until === null) return translate(person.locale, 'time_off.usage');
  const coverPerson = cover ? await deps.store.people.findByIdentity(person.tenantId, cover) : null;
  if (cover && !coverPerson) return translate(person.locale, 'settings.invalid.time_off_cover');
  return saveTimeOff(deps, person, until, coverPerson);
}

/**
 * "Time off…" on the weekly card: the last day and the co-owner picked (by id), taken as the
 * command takes them. Answers in the owner's words what was saved or what is wrong.
 */
export async function takeTimeOffFromCard(
  deps: CoreDeps,
  person: Person,
  until: string | null,
  coverId: string | null,
): Promise<string> {
  if (until === null) return translate(person.locale, 'settings.invalid.time_off_until');
  const coverPerson =
    coverId === null ? null : isId(coverId) ? await deps.store.people.get(person.tenantId, coverId) : null;
  if (coverId !== null && !coverPerson) return translate(person.locale, 'settings.invalid.time_off_cover');
  return saveTimeOff(deps, person, until, coverPerson);
}

async function saveTimeOff(deps: CoreDeps, person: Person, until: string, coverPerson: Person | null): Promise<string> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    translate(person.locale, key, params);
  const groups = await deps.store.groups.listOwnedBy(person.tenantId, person.id);
  if (groups.length === 0) return t('error.owns_no_group');
  const ending = until.toLowerCase() === 'off';
  const checked = validateTimeOff(
    { from: '', until: ending ? '' : until, coverId: ending ? '' : (coverPerson?.id ?? '') },
    localDayOf(person, deps.clock.now()),
    coOwnerIdsOf(person, groups),
    person.id,
  );
  if (!checked.ok)
    return t(`settings.invalid.${checked.params?.['field'] ?? 'time_off_until'}` as Parameters<typeof translate>[1]);
  await deps.store.people.save({ ...person, timeOff: checked.value });
  await deps.store.audit.append({
    id: newId(),
    tenantId: person.tenantId,
    at: deps.clock.now(),
    actorId: person.id,
    action: 'person.time_off_changed',
    subjectKind: 'person',
    subjectId: person.id,
    details: {
      from: checked.value?.from ?? null,
      until: checked.value?.until ?? null,
      coverId: checked.value?.coverId ?? null,
    },
  });
  if (!checked.value) return t('time_off.cleared');
  return coverPerson
    ? t('time_off.saved_cover', { until: checked.value.until, cover: coverPerson.displayName })
    : t('time_off.saved', { until: checked.value.until });
}
