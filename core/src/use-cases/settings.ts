import type { Group } from '../domain/group.ts';
import { MEMBERSHIP_POLICIES, type MembershipPolicy } from '../domain/group.ts';
import { isId, newId } from '../domain/ids.ts';
import { type Person, weeklyHourOf } from '../domain/person.ts';
import type { Platform } from '../domain/platform.ts';
import { MAX_RESPONSE_TARGET_HOURS, MIN_RESPONSE_TARGET_HOURS } from '../domain/question-escalation.ts';
import type { TimeOff } from '../domain/time-off.ts';
import { type WeeklyHourSlot, weeklyHourSlot } from '../domain/weekly-hour-slot.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { CoreDeps } from './deps.ts';
import { requestDeadlineFrom } from './request-deadline-setting.ts';
import {
  applyPreferences,
  type CoOwner,
  coOwnerIdsOf,
  type PreferencesField,
  type PreferencesInput,
  samePreferences,
} from './settings-preferences.ts';
import { rescheduleWeeklyHour } from './weekly-hour/reschedule.ts';

/** What the settings form shows an owner. */
export interface OwnerSettings {
  readonly weeklyHour: WeeklyHourSlot;
  readonly timeZone: string;
  readonly groups: readonly Group[];
  readonly preferredPlatform: Platform | null;
  /** The platforms the person is on: the preferred platform is a choice only with two. */
  readonly platforms: readonly Platform[];
  readonly timeOff: TimeOff | null;
  /** Who can cover the person's time off, by name. */
  readonly coOwners: readonly CoOwner[];
}

export const MAX_PURPOSE_LENGTH = 500;
export const MAX_REVIEW_INTERVAL_DAYS = 3650;

/** Settings are for owners: the weekly hour is theirs, and so are their groups' settings. */
export async function ownerSettings({ store }: CoreDeps, person: Person): Promise<Result<OwnerSettings>> {
  const [tenant, groups] = await Promise.all([
    store.tenants.get(person.tenantId),
    store.groups.listOwnedBy(person.tenantId, person.id),
  ]);
  if (!tenant) return fail(ErrorCode.NotFound, `tenant ${person.tenantId}`);
  if (groups.length === 0) return fail(ErrorCode.OwnsNoGroup, `${person.id} owns no group`);
  const coOwners = (await store.people.getMany(person.tenantId, coOwnerIdsOf(person, groups))).filter(
    (p) => p.deactivatedAt === null,
  );
  return ok({
    weeklyHour: weeklyHourOf(person, tenant),
    timeZone: person.timeZone,
    groups,
    preferredPlatform: person.preferredPlatform,
    platforms: [...new Set(person.identities.map((i) => i.platform))],
    timeOff: person.timeOff,
    coOwners: coOwners
      .map((p) => ({ id: p.id, displayName: p.displayName }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
  });
}

/** The form as submitted: text, as people typed or picked it. */
export interface SettingsInput extends PreferencesInput {
  readonly weekday: string;
  readonly time: string;
  readonly groupId: string;
  readonly purpose: string;
  readonly reviewIntervalDays: string;
  readonly membershipPolicy: string;
  /** Hours the owners have to decide a membership request; absent, the group's stays. */
  readonly requestDeadlineHours?: string;
  /** Hours an asked question may wait for a first response; absent: the group's stays as it is. */
  readonly responseTargetHours?: string;
}

/** The form's fields a failure can name (`params.field`), for the form to show beside it. */
export type SettingsField =
  | 'weekday'
  | 'time'
  | 'group'
  | 'purpose'
  | 'review_interval'
  | 'membership_policy'
  | 'request_deadline'
  | 'response_target'
  | PreferencesField;

const invalid = (field: SettingsField, detail: string) => fail(ErrorCode.InvalidInput, detail, { field });

/** What the form sets on a group, checked. */
type GroupSettings = Pick<
  Group,
  'purpose' | 'reviewIntervalDays' | 'membershipPolicy' | 'requestDeadlineHours' | 'responseTargetHours'
>;

/** Saves an owner's weekly hour and one of their groups' settings; nothing is saved if one field is wrong. */
export async function saveSettings(deps: CoreDeps, person: Person, input: SettingsInput): Promise<Result<void>> {
  const slot = weeklyHourSlot(Number(input.weekday), input.time.trim());
  if (!slot.ok) return invalid(/^\d$/.test(input.weekday) ? 'time' : 'weekday', slot.detail);
  // A forged or garbled id names no group (and is no key the store could look up).
  const group = isId(input.groupId) ? await deps.store.groups.get(person.tenantId, input.groupId) : null;
  if (!group?.ownerIds.includes(person.id)) return invalid('group', `${person.id} does not own ${input.groupId}`);
  const settings = groupSettingsFrom(input, group);
  if (!settings.ok) return settings;
  const preferences = applyPreferences(
    person,
    group,
    await deps.store.groups.listOwnedBy(person.tenantId, person.id),
    input,
    deps.clock.now(),
  );
  if (!preferences.ok) return preferences;

  const owner = { ...preferences.value.person, weeklyHour: slot.value };
  const changed = { ...preferences.value.group, ...settings.value };
  // The same form sent again (a redelivered button) changes nothing, and is not audited again.
  const sameHour = person.weeklyHour?.weekday === slot.value.weekday && person.weeklyHour.time === slot.value.time;
  const sameGroup = (Object.keys(settings.value) as (keyof GroupSettings)[]).every(
    (key) => group[key] === settings.value[key],
  );
  if (sameHour && sameGroup && samePreferences({ person, group }, preferences.value)) return ok(undefined);
  await deps.store.people.save(owner);
  await rescheduleWeeklyHour(deps, owner);
  await deps.store.groups.save(changed);
  await deps.store.audit.append({
    id: newId(),
    tenantId: person.tenantId,
    at: deps.clock.now(),
    actorId: person.id,
    action: 'settings.changed',
    subjectKind: 'group',
    subjectId: group.id,
    details: {
      weekday: slot.value.weekday,
      time: slot.value.time,
      reviewIntervalDays: settings.value.reviewIntervalDays,
      policy: settings.value.membershipPolicy,
      requestDeadlineHours: settings.value.requestDeadlineHours,
      responseTargetHours: settings.value.responseTargetHours,
      preferredPlatform: owner.preferredPlatform,
      timeOffFrom: owner.timeOff?.from ?? null,
      timeOffUntil: owner.timeOff?.until ?? null,
      timeOffCoverId: owner.timeOff?.coverId ?? null,
    },
  });
  return ok(undefined);
}

/** The group's fields of the form, each checked; the first wrong one is named. */
function groupSettingsFrom(input: SettingsInput, group: Group): Result<GroupSettings> {
  const purpose = input.purpose.trim();
  if (purpose.length > MAX_PURPOSE_LENGTH) return invalid('purpose', `purpose longer than ${MAX_PURPOSE_LENGTH}`);
  const interval = Number(input.reviewIntervalDays);
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_REVIEW_INTERVAL_DAYS) {
    return invalid('review_interval', `review interval "${input.reviewIntervalDays}"`);
  }
  if (!(MEMBERSHIP_POLICIES as readonly string[]).includes(input.membershipPolicy)) {
    return invalid('membership_policy', `policy "${input.membershipPolicy}"`);
  }
  const deadline = requestDeadlineFrom(input.requestDeadlineHours, group);
  if (!deadline.ok) return invalid('request_deadline', deadline.detail);
  const target = responseTargetOf(input.responseTargetHours, group);
  if (!target.ok) return target;
  return ok({
    purpose: purpose === '' ? null : purpose,
    reviewIntervalDays: interval,
    membershipPolicy: input.membershipPolicy as MembershipPolicy,
    requestDeadlineHours: deadline.value,
    responseTargetHours: target.value,
  });
}

/** The response target typed (whole hours, MIN_… to MAX_RESPONSE_TARGET_HOURS), or the group's own when the form had no such field. */
function responseTargetOf(typed: string | undefined, group: Group): Result<number> {
  if (typed === undefined) return ok(group.responseTargetHours);
  const hours = Number(typed.trim());
  if (
    typed.trim() === '' ||
    !Number.isInteger(hours) ||
    hours < MIN_RESPONSE_TARGET_HOURS ||
    hours > MAX_RESPONSE_TARGET_HOURS
  ) {
    return invalid('response_target', `response target "${typed}"`);
  }
  return ok(hours);
}
