import type { ContentItem } from '../../core/src/domain/content-item.ts';
import type { ContributionEvent } from '../../core/src/domain/contribution.ts';
import type { Group } from '../../core/src/domain/group.ts';
import type { GroupHealthDay } from '../../core/src/domain/group-health.ts';
import { DEFAULT_HEALTH_WEIGHTS } from '../../core/src/domain/health.ts';
import { newId } from '../../core/src/domain/ids.ts';
import type { MembershipRequest } from '../../core/src/domain/membership-request.ts';
import type { Person } from '../../core/src/domain/person.ts';
import type { Platform } from '../../core/src/domain/platform.ts';
import { DEFAULT_ESCALATION, type Tenant } from '../../core/src/domain/tenant.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import type { Installation } from '../../core/src/ports/store/installations.ts';
import type { OutboxMessage } from '../../core/src/ports/store/outbox.ts';

// Payload factories: each test states only what it cares about.

/** The tenant's installation in a workspace, made at `installedAt`, with no secrets. */
export function anInstallation(
  tenantId: string,
  platform: Platform,
  workspaceId: string,
  installedAt = new Date(),
): Installation {
  return { platform, workspaceId, tenantId, enterpriseInstall: false, installedAt, secrets: {}, revokedAt: null };
}

export function aTenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    id: newId(),
    name: 'Acme',
    defaultWeeklyHour: { weekday: 1, time: '09:00' },
    defaultTimeZone: 'Europe/Paris',
    defaultLocale: 'en',
    escalation: DEFAULT_ESCALATION,
    healthWeights: DEFAULT_HEALTH_WEIGHTS,
    requestExpiryDays: 14,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

let counter = 0;
const unique = () => `${++counter}-${newId().slice(0, 8)}`;

export function aPerson(tenantId: string, overrides: Partial<Person> = {}): Person {
  const n = unique();
  return {
    id: newId(),
    tenantId,
    displayName: `Person ${n}`,
    email: `person-${n}@example.com`,
    identities: [{ platform: 'slack', workspaceId: 'T1', userId: `U${n}` }],
    timeZone: 'Europe/Paris',
    locale: 'en',
    roles: [],
    weeklyHour: null,
    preferredPlatform: null,
    timeOff: null,
    deactivatedAt: null,
    ...overrides,
  };
}

export function aGroup(tenantId: string, ownerIds: string[], overrides: Partial<Group> = {}): Group {
  const n = unique();
  return {
    id: newId(),
    tenantId,
    name: `group-${n}`,
    platformRef: { platform: 'slack', workspaceId: 'T1', id: `C${n}` },
    purpose: null,
    ownerIds,
    membershipPolicy: 'approval',
    reviewIntervalDays: 90,
    responseTargetHours: 24,
    welcomeText: null,
    requestDeadlineHours: 48,
    state: 'active',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

export function aRequest(tenantId: string, groupId: string, requesterId: string): MembershipRequest {
  return {
    id: newId(),
    tenantId,
    groupId,
    requesterId,
    requestedAt: new Date('2026-03-01T10:00:00Z'),
    note: 'I work on this',
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    deadlineStep: null,
    deadlineAt: new Date('2026-03-03T10:00:00Z'),
  };
}

export function aContentItem(tenantId: string, groupId: string, overrides: Partial<ContentItem> = {}): ContentItem {
  return {
    id: newId(),
    tenantId,
    groupId,
    kind: 'bookmark',
    platformRef: { platform: 'slack', workspaceId: 'T1', id: `Bk${unique()}` },
    title: 'Team handbook',
    link: 'https://example.com/handbook',
    lastChangedAt: new Date('2026-01-10T00:00:00Z'),
    lastReviewedAt: null,
    reviewIntervalDays: null,
    state: 'active',
    verifierId: null,
    authorId: null,
    flag: null,
    ...overrides,
  };
}

export function anEvent(
  tenantId: string,
  groupId: string,
  personId: string,
  overrides: Partial<ContributionEvent> = {},
): ContributionEvent {
  return {
    tenantId,
    groupId,
    personId,
    kind: 'post',
    occurredAt: new Date('2026-03-02T10:00:00Z'),
    platform: 'slack',
    platformEventId: `Ev${unique()}`,
    threadId: null,
    asksQuestion: false,
    ...overrides,
  };
}

/** A group's row of the health snapshot. */
export function aHealthDay(groupId: string, day: string, overrides: Partial<GroupHealthDay> = {}): GroupHealthDay {
  return {
    groupId,
    day,
    measuredAt: new Date(`${day}T23:00:00Z`),
    score: 64,
    components: {
      activity: 50,
      growth: 70,
      responsiveness: null,
      freshness: 75,
      ownerEngagement: 40,
      ownership: 50,
      purpose: 100,
    },
    members: 40,
    weeklyActive: 5,
    monthlyActive: 8,
    activeRatio: 0.2,
    joined: 3,
    left: 1,
    questionsWaiting: 0,
    requestsWaiting: 2,
    contentDue: 1,
    activeOwners: 1,
    flags: ['single_owner', 'requests_waiting', 'content_overdue'],
    ...overrides,
  };
}

/** A tenant with an owner, a member and one group, saved in the store. */
export async function aSmallTenant(store: Store) {
  const tenant = aTenant();
  await store.tenants.save(tenant);
  const owner = aPerson(tenant.id);
  const member = aPerson(tenant.id);
  await store.people.save(owner);
  await store.people.save(member);
  const group = aGroup(tenant.id, [owner.id]);
  await store.groups.save(group);
  return { tenant, owner, member, group };
}

/** A pending outbox message of the tenant (a weekly card to a Slack user), not due before 2030. */
export function anOutboxMessage(tenantId: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  const at = new Date('2030-01-01T00:00:00Z');
  return {
    id: newId(),
    tenantId,
    platform: 'slack',
    operation: 'send_card',
    payload: { to: { platform: 'slack', workspaceId: 'T1', userId: 'U1' } },
    workspaceId: 'T1',
    groupId: null,
    dedupeKey: null,
    status: 'pending',
    attempts: 0,
    createdAt: at,
    notBefore: at,
    lockedUntil: null,
    doneAt: null,
    result: null,
    lastError: null,
    ...overrides,
  };
}
