import type { ContributionEvent, ContributionKind } from '../domain/contribution.ts';
import type { Group } from '../domain/group.ts';
import type { Person, PlatformIdentity } from '../domain/person.ts';
import { LookupCache } from '../ingest/lookup-cache.ts';
import { personFor, type IdentifyDeps } from './identify.ts';
import type { Platform, PlatformRef } from '../domain/platform.ts';
import { asksQuestion } from '../domain/question.ts';
import type { PlatformProfile } from '../ports/chat-platform.ts';
import { rescheduleWeeklyHour } from './weekly-hour/reschedule.ts';
import type { CoreDeps } from './deps.ts';

/** Something a person did in a channel or team, as an edge saw it. */
export interface PlatformActivity {
  readonly kind: ContributionKind;
  readonly group: PlatformRef;
  readonly actor: PlatformIdentity;
  readonly occurredAt: Date;
  /** Unique per platform and tenant: a redelivery carries the same id. */
  readonly platformEventId: string;
  readonly threadId: string | null;
  /** The message text, read to tell whether it asks a question, then dropped: never stored. */
  readonly text?: string;
}

export interface ActivityOutcome {
  readonly stored: number;
  readonly duplicates: number;
  /** Activities in channels that are not groups, by bots, or from workspaces not installed. */
  readonly ignored: number;
}

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

/**
 * Turns platform activity into contribution events and memberships. The text of a message decides
 * only whether it asks a question. People seen for the first time are read from the platform once
 * and joined to the person with the same e-mail, so that one human is one person on both platforms.
 */
export async function recordPlatformActivity(
  deps: IdentifyDeps,
  activities: readonly PlatformActivity[],
  lookups: ActivityLookups = activityLookups(),
): Promise<ActivityOutcome> {
  const { store } = deps;
  const now = deps.clock.now().getTime();
  const eventsByTenant = new Map<string, ContributionEvent[]>();
  let ignored = 0;

  for (const activity of activities) {
    const { platform, workspaceId } = activity.group;
    const tenantId = await lookups.tenants.get(key(platform, workspaceId), now, async () =>
      (await store.installations.find(platform, workspaceId))?.tenantId ?? null,
    );
    const group = tenantId
      ? await lookups.groups.get(key(tenantId, platform, workspaceId, activity.group.id), now, () =>
          store.groups.findByPlatformRef(tenantId, activity.group),
        )
      : null;
    const { actor } = activity;
    const person =
      tenantId && group
        ? await lookups.people.get(key(tenantId, actor.platform, actor.workspaceId, actor.userId), now, () =>
            personFor(deps, tenantId, actor),
          )
        : null;
    if (!tenantId || !group || !person) {
      ignored += 1;
      continue;
    }

    if (activity.kind === 'join') await store.memberships.recordJoin(tenantId, group.id, person.id, activity.occurredAt);
    if (activity.kind === 'leave') await store.memberships.recordLeave(tenantId, group.id, person.id, activity.occurredAt);
    const batch = eventsByTenant.get(tenantId) ?? [];
    batch.push({
      tenantId,
      groupId: group.id,
      personId: person.id,
      kind: activity.kind,
      occurredAt: activity.occurredAt,
      platform,
      platformEventId: activity.platformEventId,
      threadId: activity.threadId,
      asksQuestion: activity.kind === 'post' && activity.text !== undefined && asksQuestion(activity.text),
    });
    eventsByTenant.set(tenantId, batch);
  }

  let stored = 0;
  let duplicates = 0;
  for (const [tenantId, events] of eventsByTenant) {
    const result = await store.contributions.record(tenantId, events);
    stored += result.stored;
    duplicates += result.duplicates;
  }
  return { stored, duplicates, ignored };
}

/** Keeps a known person's details in step with the platform (time zone, language, e-mail, name). */
export async function updatePersonProfile(
  { store, clock }: CoreDeps,
  identity: PlatformIdentity,
  profile: PlatformProfile,
): Promise<Person | null> {
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
  return updated;
}

