import type { UsersInfoResponse } from '@slack/web-api';
import { isTimeZone, localeFrom, type PlatformProfile } from '@steward/core';

type SlackUser = NonNullable<UsersInfoResponse['user']>;

// Slackbot answers `is_bot: false`, yet it is no person.
const SLACKBOT_ID = 'USLACKBOT';

function firstNonEmpty(...names: (string | undefined)[]): string | undefined {
  return names.find((name) => name !== undefined && name.trim() !== '');
}

/**
 * What users.info says about a person. The email is there only with the `users:read.email` scope,
 * the locale only when asked with `include_locale`; a missing one is null, so the tenant's default
 * applies.
 */
export function profileFrom(user: SlackUser): PlatformProfile {
  return {
    displayName:
      firstNonEmpty(user.profile?.real_name, user.real_name, user.profile?.display_name, user.name) ?? user.id ?? '',
    email: firstNonEmpty(user.profile?.email) ?? null,
    timeZone: user.tz !== undefined && isTimeZone(user.tz) ? user.tz : null,
    locale: firstNonEmpty(user.locale) === undefined ? null : localeFrom(user.locale),
    isBot: (user.is_bot ?? false) || user.id === SLACKBOT_ID,
    deleted: user.deleted ?? false,
  };
}
