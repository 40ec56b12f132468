import { newId } from '../domain/ids.ts';
import { isTimeZone, localeFrom } from '../domain/locale.ts';
import type { Person, PlatformIdentity } from '../domain/person.ts';
import type { Platform } from '../domain/platform.ts';
import type { Tenant } from '../domain/tenant.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import type { PlatformProfile } from '../ports/chat-platform.ts';
import type { CoreDeps } from './deps.ts';
import { applyRoleGrants } from './roles.ts';

export interface ProfileSource {
  readProfile(person: PlatformIdentity): Promise<PlatformProfile>;
}

/**
 * What something a person sent says of them, as the platform put it (Teams: the activity's `locale`
 * and `localTimezone`). Taken only for someone seen for the first time whose profile says nothing
 * of it (no mailbox settings in Graph), before the tenant's defaults: clients may leave it out, and
 * the profile is the person's own choice.
 */
export interface ProfileFallback {
  /** A platform locale, e.g. "fr-FR". */
  readonly locale?: string;
  /** An IANA time zone, e.g. "Europe/Paris". */
  readonly timeZone?: string;
}

/** What it takes to know who someone is: the store, and each platform's profiles. */
export interface IdentifyDeps extends CoreDeps {
  readonly profiles: Partial<Record<Platform, ProfileSource>>;
}

/** The tenant and person behind a platform identity, making the person on first contact. */
export async function identify(
  deps: IdentifyDeps,
  identity: PlatformIdentity,
  fallback?: ProfileFallback,
): Promise<Result<{ tenant: Tenant; person: Person }>> {
  const installation = await deps.store.installations.find(identity.platform, identity.workspaceId);
  const tenant = installation ? await deps.store.tenants.get(installation.tenantId) : null;
  if (!tenant) return fail(ErrorCode.NotFound, `no installation for ${identity.platform} ${identity.workspaceId}`);
  const person = await personFor(deps, tenant.id, identity, fallback);
  if (!person) return fail(ErrorCode.NotFound, `${identity.userId} is not a person (a bot?)`);
  return ok({ tenant, person });
}

/** Profiles read at once when many people are new; the platform client spaces the calls out anyway. */
const PROFILE_READS_AT_ONCE = 4;

const identityKey = (identity: PlatformIdentity) =>
  JSON.stringify([identity.platform, identity.workspaceId, identity.userId]);

/**
 * The people behind many identities (a page of a channel's members): those already known in one
 * read, only the others from their profile, a few at a time, so that a channel of 10,000 costs
 * 10,000 profile reads once, not at every sync. Bots are left out; each person comes once.
 */
export async function peopleFor(
  deps: IdentifyDeps,
  tenantId: string,
  identities: readonly PlatformIdentity[],
): Promise<Person[]> {
  const known = await deps.store.people.findByIdentities(tenantId, identities);
  const held = new Set(known.flatMap((person) => person.identities.map(identityKey)));
  const unknown = [
    ...new Map(identities.filter((i) => !held.has(identityKey(i))).map((i) => [identityKey(i), i])).values(),
  ];
  const made: (Person | null)[] = [];
  for (let start = 0; start < unknown.length; start += PROFILE_READS_AT_ONCE) {
    const batch = unknown.slice(start, start + PROFILE_READS_AT_ONCE);
    made.push(...(await Promise.all(batch.map((identity) => personFor(deps, tenantId, identity)))));
  }
  return [...new Map([...known, ...made.filter((p) => p !== null)].map((p) => [p.id, p])).values()];
}

/** The person behind an identity; null for bots, which are never members (METRICS.md). */
export async function personFor(
  deps: IdentifyDeps,
  tenantId: string,
  identity: PlatformIdentity,
  fallback?: ProfileFallback,
): Promise<Person | null> {
  const { store } = deps;
  const known = await store.people.findByIdentity(tenantId, identity);
  if (known) return known;
  const source = deps.profiles[identity.platform];
  if (!source) return null;
  const profile = await source.readProfile(identity);
  if (profile.isBot) return null;
  const sameEmail = profile.email ? await store.people.findByEmail(tenantId, profile.email) : null;
  if (sameEmail) {
    const joined = { ...sameEmail, identities: [...sameEmail.identities, identity] };
    await store.people.save(joined);
    return joined;
  }
  const tenant = await store.tenants.get(tenantId);
  if (!tenant) return null;
  const person: Person = {
    id: newId(),
    tenantId,
    displayName: profile.displayName,
    email: profile.email,
    identities: [identity],
    timeZone: profile.timeZone ?? fallbackZone(fallback) ?? tenant.defaultTimeZone,
    locale: profile.locale ?? (fallback?.locale ? localeFrom(fallback.locale) : tenant.defaultLocale),
    roles: [],
    weeklyHour: null,
    preferredPlatform: null,
    timeOff: null,
    deactivatedAt: profile.deleted ? deps.clock.now() : null,
  };
  await store.people.save(person);
  return applyRoleGrants(deps, person);
}

/** The fallback's zone when it is one: it comes from a client, and a client may send anything. */
function fallbackZone(fallback: ProfileFallback | undefined): string | null {
  return fallback?.timeZone !== undefined && isTimeZone(fallback.timeZone) ? fallback.timeZone : null;
}
