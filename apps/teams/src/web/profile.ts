import { localeFrom, type PlatformProfile } from '@steward/core';
import { ianaTimeZone } from './windows-zones.ts';

/** The fields of a Graph user we ask for with `$select`. */
export interface GraphUser {
  readonly displayName?: string | null;
  readonly mail?: string | null;
  readonly userPrincipalName?: string | null;
  readonly preferredLanguage?: string | null;
  /** False once an administrator disabled the account: the person left the company. */
  readonly accountEnabled?: boolean | null;
}

/** What we read of Outlook's mailbox settings. */
export interface GraphMailboxSettings {
  readonly timeZone?: string | null;
  readonly language?: { readonly locale?: string | null } | null;
}

export const USER_SELECT = 'displayName,mail,userPrincipalName,preferredLanguage,accountEnabled';

function nonEmpty(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}

/**
 * What Graph says about a person. The email is `mail` only: the user principal name is a sign-in
 * name, not always an address, and people are matched across platforms by email. The language is
 * the directory's preferred one, else Outlook's; the zone is Outlook's. Without mailbox settings
 * (no mailbox, or no MailboxSettings.Read) those are null and the tenant's defaults apply. Graph
 * lists people, never bots, and does not list deleted people; a disabled account is a person gone.
 */
export function profileFrom(user: GraphUser, mailbox: GraphMailboxSettings | null): PlatformProfile {
  const language = nonEmpty(user.preferredLanguage) ?? nonEmpty(mailbox?.language?.locale);
  return {
    displayName: nonEmpty(user.displayName) ?? nonEmpty(user.userPrincipalName) ?? '',
    email: nonEmpty(user.mail),
    timeZone: ianaTimeZone(mailbox?.timeZone),
    locale: language === null ? null : localeFrom(language),
    isBot: false,
    deleted: user.accountEnabled === false,
  };
}
