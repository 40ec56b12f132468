import type { ContentItem } from '../domain/content-item.ts';
import type { ContributionEvent } from '../domain/contribution.ts';
import { DEFAULT_HEALTH_WEIGHTS } from '../domain/health.ts';
import type { Membership } from '../domain/membership.ts';
import type { Person } from '../domain/person.ts';
import { DEFAULT_REQUEST_EXPIRY_DAYS } from '../domain/request-deadlines.ts';
import { DEFAULT_ESCALATION, type Tenant } from '../domain/tenant.ts';
import type { WeeklyHourRecord } from '../domain/weekly-hour.ts';
import { DAY_MS } from '../domain/zoned-time.ts';
import { generateActivity } from './activity.ts';
import { generateContent } from './content.ts';
import { demoContext, HISTORY_DAYS } from './context.ts';
import { type DemoGroup, generateGroups } from './groups.ts';
import { generateMemberships } from './memberships.ts';
import { generatePeople } from './people.ts';
import { createRandom } from './random.ts';
import { type DemoRequest, generateRequests } from './requests.ts';
import { generateWeeklyHours } from './weekly-hours.ts';

export const DEFAULT_DEMO_SEED = 20_260_401;

/** Everything the demo tenant holds, as domain objects, before anything is written. */
export interface DemoTenant {
  readonly tenant: Tenant;
  readonly people: readonly Person[];
  readonly groups: readonly DemoGroup[];
  /** Including those who left (`leftAt` set) and approved requesters. */
  readonly memberships: readonly Membership[];
  /** Ordered by time. */
  readonly events: readonly ContributionEvent[];
  readonly contentItems: readonly ContentItem[];
  readonly requests: readonly DemoRequest[];
  readonly weeklyHours: readonly WeeklyHourRecord[];
}

/** The demo tenant's id: it depends on the seed only. */
export function demoTenantId(seed: number = DEFAULT_DEMO_SEED): string {
  return createRandom(seed, 'tenant').uuid();
}

/** The `now` a demo tenant was generated for, read back from its creation date. */
export function demoNowOf(tenant: Tenant): Date {
  return new Date(tenant.createdAt.getTime() + (HISTORY_DAYS + 10) * DAY_MS);
}

/** Pure and deterministic: the same `now` and seed always give the same tenant, ids included. */
export function generateDemoTenant(options: { now: Date; seed?: number }): DemoTenant {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const random = (concept: string) => createRandom(seed, concept);
  const ids = random('tenant');
  const now = options.now;

  const context = demoContext({
    tenantId: ids.uuid(), // The first draw of the 'tenant' stream, as in demoTenantId.
    now,
    slackWorkspaceId: `T0${ids.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 8)}`,
    teamsTenantId: ids.uuid(),
    emailDomain: 'northwind.example',
  });
  const tenant: Tenant = {
    id: context.tenantId,
    name: 'Northwind (demo)',
    defaultWeeklyHour: { weekday: 1, time: '10:00' },
    defaultTimeZone: 'Europe/Paris',
    defaultLocale: 'en',
    escalation: DEFAULT_ESCALATION,
    requestExpiryDays: DEFAULT_REQUEST_EXPIRY_DAYS,
    healthWeights: DEFAULT_HEALTH_WEIGHTS,
    // Installed shortly before the history starts, so the events are what it saw live (demoNowOf reads it back).
    createdAt: new Date(now.getTime() - (HISTORY_DAYS + 10) * DAY_MS),
  };

  const people = generatePeople(random('people'), context);
  const groups = generateGroups(random('groups'), context, people);
  const members = generateMemberships(random('memberships'), context, people, groups);
  const requests = generateRequests(random('requests'), context, people, groups, members);
  const memberships = [...members, ...requests.joins];
  return {
    tenant,
    people,
    groups,
    memberships,
    events: generateActivity(random('activity'), context, people, groups, memberships),
    contentItems: generateContent(random('content'), context, groups),
    requests: requests.requests,
    weeklyHours: generateWeeklyHours(random('weekly-hours'), context, tenant, people, groups),
  };
}
