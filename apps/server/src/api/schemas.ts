import {
  CONTENT_KINDS,
  ENGAGEMENT_LEVELS,
  GROUP_FLAGS,
  GROUP_PAGE_LIST_LIMIT,
  GROUP_STATES,
  HEALTH_BANDS,
  HEALTH_COMPONENTS,
  type HealthComponent,
  MEMBERSHIP_POLICIES,
  PLATFORMS,
} from '@steward/core';
import { z } from 'zod';
import { apiSchemas } from './openapi.ts';

// The answers' shapes: the core use cases' types as JSON carries them. The handlers' return types
// are checked against these at compile time, and the tests check every answer against the
// document, whose schemas admit no field they do not name.

const id = z.guid();
const day = z.iso.date();
const share = z.number().min(0).max(1);
const count = z.number().int().min(0);
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const HealthComponents = z
  .object(
    Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, z.number().min(0).max(100).nullable()])) as Record<
      HealthComponent,
      z.ZodNullable<z.ZodNumber>
    >,
  )
  .describe('Each component 0–100, null when it cannot be computed (then left out of the score).')
  .register(apiSchemas, { id: 'HealthComponents' });

export const GroupHealth = z
  .object({
    groupId: id,
    day,
    measuredAt: z.date(),
    score: z.number().min(0).max(100).nullable(),
    components: HealthComponents,
    members: count,
    weeklyActive: count,
    monthlyActive: count,
    activeRatio: share.nullable(),
    joined: count,
    left: count,
    questionsWaiting: count,
    requestsWaiting: count,
    contentDue: count,
    activeOwners: count,
    flags: list(z.enum(GROUP_FLAGS)),
  })
  .describe("A group's health on a day: score, components, the figures they stand on, and flags.")
  .register(apiSchemas, { id: 'GroupHealth' });

const OwnerName = z
  .object({ personId: id, displayName: z.string(), deactivated: z.boolean() })
  .register(apiSchemas, { id: 'OwnerName' });

export const GroupRow = z
  .object({
    groupId: id,
    name: z.string(),
    platform: z.enum(PLATFORMS),
    owners: list(OwnerName),
    health: GroupHealth.nullable(),
    band: z.enum(HEALTH_BANDS).nullable(),
    trend: z.number().nullable().describe('Score now minus the score 7 days before.'),
  })
  .register(apiSchemas, { id: 'GroupRow' });

export const GroupsPage = z
  .object({
    day: day.nullable().describe("The snapshot's day; null before the first."),
    total: count.describe('Groups matching the filters, over all pages.'),
    rows: list(GroupRow),
  })
  .register(apiSchemas, { id: 'GroupsPage' });

const Activity = z
  .object({
    joins: count,
    leaves: count,
    posts: count,
    replies: count,
    reactions: count,
    files: count,
    answers: count,
    questionsAsked: count,
    questionsAnswered: count,
    distinctContributors: count,
  })
  .register(apiSchemas, { id: 'DayActivity' });

export const SeriesPoint = z
  .object({ day, health: GroupHealth.nullable(), activity: Activity })
  .register(apiSchemas, { id: 'SeriesPoint' });

const OwnerEngagement = z
  .object({ weeks: count, lookedAfter: count, share: share.nullable(), medianFirstActionMs: z.number().nullable() })
  .describe(
    'Of the last 8 weeks with a weekly-hour card, those done or skipped with a reason; the median time from card to first action.',
  )
  .register(apiSchemas, { id: 'OwnerEngagement' });

const Group = z.object({
  id,
  tenantId: id,
  name: z.string(),
  platformRef: z.object({ platform: z.enum(PLATFORMS), workspaceId: z.string(), id: z.string() }),
  purpose: z.string().nullable(),
  ownerIds: list(id),
  membershipPolicy: z.enum(MEMBERSHIP_POLICIES),
  reviewIntervalDays: count,
  responseTargetHours: count,
  requestDeadlineHours: count,
  welcomeText: z.string().nullable(),
  state: z.enum(GROUP_STATES),
  createdAt: z.date(),
});

const level = z.enum(ENGAGEMENT_LEVELS);

export const GroupDetail = z
  .object({
    group: Group,
    period: z.object({ from: day, to: day }),
    now: GroupHealth,
    series: list(SeriesPoint),
    members: z.object({
      members: count,
      weeklyActive: count,
      monthlyActive: count,
      activeRatio: share.nullable(),
      idle: z.boolean(),
      byMonth: list(z.object({ month: z.string(), joined: count, left: count, net: z.number().int() })),
    }),
    contributors: z.object({
      new: count,
      inactive: count,
      absenceFactor: count,
      levels: z.object(
        Object.fromEntries(ENGAGEMENT_LEVELS.map((l) => [l, count])) as Record<
          (typeof ENGAGEMENT_LEVELS)[number],
          typeof count
        >,
      ),
      engaged: list(z.object({ personId: id, level, contributions: count })),
      top: list(
        z.object({
          personId: id,
          displayName: z.string().nullable().describe('Null for a person not on record.'),
          score: z.number(),
        }),
      ),
    }),
    questions: z.object({
      asked: count,
      answered: count,
      medianMs: z.number().nullable(),
      p90Ms: z.number().nullable(),
      unanswered: count,
      open: list(
        z.object({
          threadId: z.string(),
          askerId: id,
          askerName: z.string().nullable(),
          askedAt: z.date(),
          ageMs: z.number(),
        }),
      ),
    }),
    content: z.object({ items: count, due: count, share: share.nullable() }),
    pendingRequests: z
      .object({
        total: count,
        rows: list(
          z.object({
            requestId: id,
            requesterId: id,
            requesterName: z.string().nullable().describe('Null for a person not on record.'),
            requestedAt: z.date(),
            waitingHours: count,
          }),
        ),
      })
      .describe(`The pending membership requests, oldest first: at most ${GROUP_PAGE_LIST_LIMIT} rows of \`total\`.`),
    contentDue: z
      .object({
        total: count,
        rows: list(
          z.object({
            itemId: id,
            title: z.string(),
            kind: z.enum(CONTENT_KINDS),
            link: z.string().nullable(),
            dueSince: z.date(),
            flag: z
              .object({ byId: id, byName: z.string().nullable(), at: z.date() })
              .nullable()
              .describe('Who flagged the item outdated, and when; null when it is due by age alone.'),
          }),
        ),
      })
      .describe(
        `The content items due for review or flagged outdated at the end of the period, longest due first: at most ${GROUP_PAGE_LIST_LIMIT} rows of \`total\`.`,
      ),
    owners: z.object({
      ownerIds: list(id),
      activeOwnerIds: list(id),
      coverage: z.enum(['ownerless', 'at_risk', 'covered']),
      engagement: OwnerEngagement,
    }),
  })
  .register(apiSchemas, { id: 'GroupDetail' });

export const OwnerRow = z
  .object({
    personId: id,
    name: z.string(),
    deactivated: z.boolean(),
    groupIds: list(id),
    engagement: OwnerEngagement,
    weeklyHours: z
      .object({ done: count, skipped: count, missed: count })
      .describe(
        'Of the last 8 weeks with a weekly-hour card: the hour done, skipped, and missed (neither done nor skipped).',
      ),
    missedWeeks: count.describe('Weeks in a row, up to last week, with the hour neither done nor skipped.'),
  })
  .register(apiSchemas, { id: 'OwnerRow' });

export const OwnersPage = z.object({ total: count, rows: list(OwnerRow) }).register(apiSchemas, { id: 'OwnersPage' });
