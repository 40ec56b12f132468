import type { Group } from '../domain/group.ts';
import type { Person } from '../domain/person.ts';
import { PLATFORMS, type Platform } from '../domain/platform.ts';
import { localDayOf, type TimeOffField, validateTimeOff } from '../domain/time-off.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';

// The settings that were only columns until issue 11: where the owner's weekly card goes, the
// group's welcome text, and the owner's time off. Each is optional in the form's input: a form
// without it (an older Slack modal still open) leaves it as it is.

export const MAX_WELCOME_TEXT_LENGTH = 1000;
/** The form's value for "no preference: where I was last active". */
export const LAST_ACTIVE_PLATFORM = 'auto';

export interface PreferencesInput {
  /** 'slack', 'teams' or LAST_ACTIVE_PLATFORM. */
  readonly preferredPlatform?: string;
  readonly welcomeText?: string;
  /** Days "YYYY-MM-DD" on the owner's calendar; both empty: no time off. */
  readonly timeOffFrom?: string;
  readonly timeOffUntil?: string;
  /** A co-owner's id, or empty for nobody. */
  readonly timeOffCoverId?: string;
}

export type PreferencesField = 'preferred_platform' | 'welcome_text' | TimeOffField;

/** A co-owner the form offers as cover. */
export interface CoOwner {
  readonly id: string;
  readonly displayName: string;
}

const invalid = (field: PreferencesField, detail: string) => fail(ErrorCode.InvalidInput, detail, { field });

/** The co-owners of the person's groups (other owners of any of them), for the cover to be one of. */
export function coOwnerIdsOf(person: Person, ownedGroups: readonly Group[]): string[] {
  return [...new Set(ownedGroups.flatMap((g) => g.ownerIds))].filter((id) => id !== person.id);
}

/**
 * The person and the group with the preferences of `input` applied, each checked; the first
 * wrong field fails and names itself. `ownedGroups` are all the person's groups (the cover's pool).
 */
export function applyPreferences(
  person: Person,
  group: Group,
  ownedGroups: readonly Group[],
  input: PreferencesInput,
  now: Date,
): Result<{ person: Person; group: Group }> {
  let preferredPlatform = person.preferredPlatform;
  if (input.preferredPlatform !== undefined) {
    const chosen = input.preferredPlatform.trim();
    if (chosen !== LAST_ACTIVE_PLATFORM && !(PLATFORMS as readonly string[]).includes(chosen))
      return invalid('preferred_platform', `platform "${chosen}"`);
    preferredPlatform = chosen === LAST_ACTIVE_PLATFORM ? null : (chosen as Platform);
  }
  let welcomeText = group.welcomeText;
  if (input.welcomeText !== undefined) {
    const text = input.welcomeText.trim();
    if (text.length > MAX_WELCOME_TEXT_LENGTH)
      return invalid('welcome_text', `welcome text longer than ${MAX_WELCOME_TEXT_LENGTH}`);
    welcomeText = text === '' ? null : text;
  }
  let timeOff = person.timeOff;
  if (input.timeOffFrom !== undefined || input.timeOffUntil !== undefined || input.timeOffCoverId !== undefined) {
    const checked = validateTimeOff(
      { from: input.timeOffFrom ?? '', until: input.timeOffUntil ?? '', coverId: input.timeOffCoverId ?? '' },
      localDayOf(person, now),
      coOwnerIdsOf(person, ownedGroups),
      person.id,
    );
    if (!checked.ok) return checked;
    timeOff = checked.value;
  }
  return ok({ person: { ...person, preferredPlatform, timeOff }, group: { ...group, welcomeText } });
}

/** Whether applying the preferences changed anything: a form sent again is not saved nor audited again. */
export function samePreferences(
  before: { person: Person; group: Group },
  after: { person: Person; group: Group },
): boolean {
  return (
    before.person.preferredPlatform === after.person.preferredPlatform &&
    before.group.welcomeText === after.group.welcomeText &&
    JSON.stringify(before.person.timeOff) === JSON.stringify(after.person.timeOff)
  );
}
