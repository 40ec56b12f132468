import type { ContributionEvent } from '../domain/contribution.ts';
import { type Group, isOwner } from '../domain/group.ts';
import type { Person, PlatformIdentity } from '../domain/person.ts';
import type { ReceivedActivity } from '../ingest/inbox-events.ts';
import { LookupCache } from '../ingest/lookup-cache.ts';
import { DONE, failed, type ItemOutcome, outcomeOf } from '../ingest/outcome.ts';
import type { PlatformProfile } from '../ports/chat-platform.ts';
import type { CoreDeps } from './deps.ts';
import { checkOwnership } from './groups/take-over.ts';
import { type IdentifyDeps, personFor } from './identify.ts';
import { rescheduleWeeklyHour } from './weekly-hour/reschedule.ts';

const key = (...parts: string[]) => parts.join('\u0000');

/** What a stream of activity looks up again and again; a minute is short enough to follow changes. */
export interface ActivityLookups {
  readonly tenants: LookupCache<string>;
  readonly groups: LookupCache<Group>;
  readonly people: LookupCache<Person>;
}

export function activityLookups(ttlMs = 60_000, maxEntries = 100_000): ActivityLookups {
  return {
    tenants: new LookupCache(ttlMs, maxEntries),
    groups: new LookupCache(ttlMs, maxEntries),
    people: new LookupCache(ttlMs, maxEntries),
  };
}

/** An activity made into a contribution (`ownerLeft`: an owner's leave), or how it went when it could not be. */
type Resolved =
  | { readonly tenantId: string; readonly event: ContributionEvent; readonly ownerLeft: boolean }
  | { readonly outcome: ItemOutcome };

/**
 * Turns platform activity into contribution events and memberships, and says for each activity how
 * it went, so that one that cannot be counted (an unknown group, a person the platform does not
 * know) holds up none of the others. People seen for the first time are read from the platform once
 * and joined to the person with the same e-mail, so that one human is one person on both platforms;
 * bots are never members, and their activity is done with.
 */
export async function recordActivities(
  deps: IdentifyDeps,
  activities: readonly ReceivedActivity[],
  lookups: ActivityLookups = activityLookups(),
): Promise<ItemOutcome[]> {
  const resolved: Resolved[] = [];
  for (const activity of activities)
    resolved.push(await resolve(deps, activity, lookups).catch((error: unknown) => ({ outcome: outcomeOf(error) })));

  const outcomes = resolved.map((item) => ('outcome' in item ? item.outcome : DONE));
  const byTenant = new Map<string, number[]>();
  resolved.forEach((item, index) => {
    if ('event' in item) byTenant.set(item.tenantId, [...(byTenant.get(item.tenantId) ?? []), index]);
  });
  for (const [tenantId, indexes] of byTenant) {
    const events = indexes.map((index) => (resolved[index] as { event: ContributionEvent }).event);
    try {
      await deps.store.contributions.record(tenantId, events);
    } catch {
      // One event the store refuses must not hold up the others: each is recorded on its own.
      for (const [n, index] of indexes.entries()) {
        outcomes[index] = await deps.store.contributions.record(tenantId, [events[n]!]).then(() => DONE, outcomeOf);
      }
    }
  }
  // An owner who left may leave the group without an owner: the one ownership check decides. A
  // failure retries the leave, which is idempotent.
  for (const [index, item] of resolved.entries()) {
    if (!('event' in item) || !item.ownerLeft || outcomes[index]?.result !== 'done') continue;
    outcomes[index] = await checkOwnership(deps, item.tenantId, [item.event.groupId]).then(() => DONE, outcomeOf);
  }
  return outcomes;
}

/** The tenant, group and person of an activity, and its membership change recorded. */
async function resolve(deps: IdentifyDeps, activity: ReceivedActivity, lookups: ActivityLookups): Promise<Resolved> {
  const { store } = deps;
  const now = deps.clock.now().getTime();
  const { platform, workspaceId } = activity.group;
  const tenantId = await lookups.tenants.get(
    key(platform, workspaceId),
    now,
    async () => (await store.installations.find(platform, workspaceId))?.tenantId ?? null,
  );
  if (!tenantId) return { outcome: failed('unknown_workspace') };
  const group = await lookups.groups.get(key(tenantId, platform, workspaceId, activity.group.id), now, () =>
    store.groups.findByPlatformRef(tenantId, activity.group),
  );
  if (!group) return { outcome: failed('unknown_group') };
  const { actor } = activity;
  const person = await lookups.people.get(key(tenantId, actor.platform, actor.workspaceId, actor.userId), now, () =>
    personFor(deps, tenantId, actor, activity.actorFallback),
  );
  if (!person) return { outcome: DONE };

  if (activity.kind === 'join') await store.memberships.recordJoin(tenantId, group.id, person.id, activity.occurredAt);
  if (activity.kind === 'leave')
    await store.memberships.recordLeave(tenantId, group.id, person.id, activity.occurredAt);
  const event: ContributionEvent = {
    tenantId,
    groupId: group.id,
    personId: person.id,
    kind: activity.kind,
    occurredAt: activity.occurredAt,
    platform,
    platformEventId: activity.platformEventId,
    threadId: activity.threadId,
    asksQuestion: activity.asksQuestion,
  };
  return { tenantId, event, ownerLeft: activity.kind === 'leave' && isOwner(group, person.id) };
}

/** Keeps a known person's details in step with the platform (time zone, language, e-mail, name). */
export async function updatePersonProfile(
  deps: CoreDeps,
  identity: PlatformIdentity,
  profile: PlatformProfile,
): Promise<Person | null> {
  const { store, clock } = deps;
  const installation = await store.installations.find(identity.platform, identity.workspaceId);
  if (!installation) return null;
  const person = await store.people.findByIdentity(installation.tenantId, identity);
  if (!person) return null;
  const updated: Person = {
    ...person,
    displayName: profile.displayName,
    email: profile.email ?? person.email,
    timeZone: profile.timeZone ?? person.timeZone,
    locale: profile.locale ?? person.locale,
    deactivatedAt: profile.deleted ? (person.deactivatedAt ?? clock.now()) : null,
  };
  await store.people.save(updated);
  if (updated.timeZone !== person.timeZone) await rescheduleWeeklyHour({ store, clock }, updated);
  // An owner gone from the company may leave groups without an owner.
  if (updated.deactivatedAt !== null && person.deactivatedAt === null) {
    const owned = await store.groups.listOwnedBy(updated.tenantId, updated.id);
    await checkOwnership(
      deps,
      updated.tenantId,
      owned.map((g) => g.id),
    );
  }
  return updated;
}
