import { type Connection, type mongo, Schema } from 'mongoose';
import type { AuditEntry } from '../../domain/audit-entry.ts';
import type { ContentKind, ContentState } from '../../domain/content-item.ts';
import type { ContributionKind } from '../../domain/contribution.ts';
import type { GroupState, MembershipPolicy } from '../../domain/group.ts';
import type { GroupFlag } from '../../domain/group-health.ts';
import type { HealthComponents, HealthWeights } from '../../domain/health.ts';
import type { IdleGroupPolicy } from '../../domain/idle-group.ts';
import type { Locale } from '../../domain/locale.ts';
import type { RequestStatus } from '../../domain/membership-request.ts';
import type { RoleSource } from '../../domain/organisation.ts';
import type { PlatformIdentity, Role } from '../../domain/person.ts';
import type { Platform, PlatformRef } from '../../domain/platform.ts';
import type { EscalationStep } from '../../domain/question-escalation.ts';
import type { RequestDeadlineStep } from '../../domain/request-deadlines.ts';
import type { OfferAnswer, OfferStatus } from '../../domain/take-over.ts';
import type { EscalationPolicy } from '../../domain/tenant.ts';
import type { WeeklyHourStatus } from '../../domain/weekly-hour.ts';
import type { WeeklyHourSlot } from '../../domain/weekly-hour-slot.ts';
import type { InboxStatus } from '../../ports/store/inbox.ts';
import type { OutboxStatus } from '../../ports/store/outbox.ts';

// What each collection holds. Every document but a tenant carries tenantId and every key starts
// with it, as in the PostgreSQL schema. Documents with a domain id use it as `_id`; the others (events, rollups,
// memberships, weekly hours) are identified by a unique index on their key.
//
// The schemas declare the documents and, above all, the unique indexes the port's guarantees rest
// on. The repositories use the driver's collections directly: each write is then exactly the one
// command whose outcome (inserted, upserted, matched) decides the result, with no casting,
// defaults or middleware in between.

export interface TenantDocument {
  _id: string;
  name: string;
  defaultWeeklyHour: WeeklyHourSlot;
  defaultTimeZone: string;
  defaultLocale: Locale;
  /** Absent on tenants saved before the weekly hour had escalations: the defaults apply. */
  escalation?: EscalationPolicy;
  /** Absent on tenants saved before groups had a health score: the defaults apply. */
  healthWeights?: HealthWeights;
  /** Absent on tenants saved before requests expired: DEFAULT_REQUEST_EXPIRY_DAYS. */
  requestExpiryDays?: number;
  createdAt: Date;
  /** Absent until an administrator sets the idle-group policy: the defaults apply. */
  idleGroupPolicy?: IdleGroupPolicy | null;
  /** Raw contribution events are kept this many months (absent: the default, 13). */
  rawEventRetentionMonths?: number;
}

export interface PersonDocument {
  _id: string;
  tenantId: string;
  displayName: string;
  email: string | null;
  /** The e-mail in lower case, absent without an e-mail: the key of the one-person-per-e-mail index. */
  emailKey?: string;
  identities: PlatformIdentity[];
  /** One string per identity, absent without identities: the key of the one-person-per-identity index. */
  identityKeys?: string[];
  timeZone: string;
  locale: Locale;
  roles: Role[];
  weeklyHour: WeeklyHourSlot | null;
  /** Absent on people saved before there was a choice: none. */
  preferredPlatform?: Platform | null;
  deactivatedAt: Date | null;
  /** Absent on people saved before there was time off: none. */
  timeOff?: { from: string; until: string; coverId: string | null } | null;
}

export interface GroupDocument {
  _id: string;
  tenantId: string;
  name: string;
  platformRef: PlatformRef;
  purpose: string | null;
  ownerIds: string[];
  membershipPolicy: MembershipPolicy;
  reviewIntervalDays: number;
  /** Both absent on groups saved before the weekly hour had them: the defaults apply. */
  responseTargetHours?: number;
  welcomeText?: string | null;
  /** Absent on groups saved before requests had deadlines: DEFAULT_REQUEST_DEADLINE_HOURS. */
  requestDeadlineHours?: number;
  /** Absent on groups saved before groups followed their platform: active. */
  state?: GroupState;
  /** The group's other platform keys (`groupKey`), absent without any: the key of the one-group-per-key index. */
  keys?: string[];
  createdAt: Date;
}

export interface MembershipDocument {
  tenantId: string;
  groupId: string;
  personId: string;
  joinedAt: Date;
  leftAt: Date | null;
  /** When a sync last saw the member; absent until one did. */
  lastSeenAt?: Date;
}

export interface GroupSyncDocument {
  tenantId: string;
  groupId: string;
  passStartedAt: Date | null;
  cursor: string | null;
  lastPassAt: Date | null;
  dueAt: Date;
}

export interface MembershipRequestDocument {
  _id: string;
  tenantId: string;
  groupId: string;
  requesterId: string;
  requestedAt: Date;
  note: string | null;
  status: RequestStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  /** Both absent on requests made before requests had deadlines (see listDeadlinesDue). */
  deadlineStep?: RequestDeadlineStep | null;
  deadlineAt?: Date | null;
}

export interface OwnershipOfferDocument {
  _id: string;
  tenantId: string;
  groupId: string;
  status: OfferStatus;
  openedAt: Date;
  expiresAt: Date;
  takenBy: string | null;
  closedAt: Date | null;
}

/** A candidate of an offer, apart from it so that a tenant merge rewrites `personId` like any other. */
export interface OwnershipOfferCandidateDocument {
  _id: string;
  tenantId: string;
  offerId: string;
  personId: string;
  position: number;
  answer: OfferAnswer | null;
  answeredAt: Date | null;
}

export interface GroupBackfillDocument {
  tenantId: string;
  groupId: string;
  since: Date;
  until: Date;
  cursor: string | null;
  readBackTo: Date;
  pages: number;
  found: number;
  recorded: number;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface ContentSyncDocument {
  tenantId: string;
  groupId: string;
  lastSyncedAt: Date | null;
  dueAt: Date;
}

export interface ContentItemDocument {
  _id: string;
  tenantId: string;
  groupId: string;
  kind: ContentKind;
  platformRef: PlatformRef;
  title: string;
  link: string | null;
  lastChangedAt: Date;
  lastReviewedAt: Date | null;
  reviewIntervalDays: number | null;
  state: ContentState;
  // Content review; absent on documents written before it: read as null.
  verifierId?: string | null;
  authorId?: string | null;
  flag?: { byId: string; at: Date; note: string | null } | null;
}

export interface ContributionEventDocument {
  tenantId: string;
  platform: Platform;
  platformEventId: string;
  groupId: string;
  personId: string;
  kind: ContributionKind;
  occurredAt: Date;
  threadId: string | null;
  asksQuestion: boolean;
}

export interface GroupDayDocument {
  tenantId: string;
  groupId: string;
  /** "YYYY-MM-DD", UTC: sorts and compares as the date does. */
  day: string;
  joins: number;
  leaves: number;
  posts: number;
  replies: number;
  reactions: number;
  files: number;
  answers: number;
  questionsAsked: number;
  questionsAnswered: number;
  distinctContributors: number;
}

export interface MemberDayDocument {
  tenantId: string;
  groupId: string;
  day: string;
  personId: string;
  posts: number;
  replies: number;
  reactions: number;
  files: number;
  answers: number;
}

export interface ContributorSpanDocument {
  tenantId: string;
  groupId: string;
  personId: string;
  /** "YYYY-MM-DD", UTC, as `day` above. */
  firstDay: string;
  lastDay: string;
}

export interface QuestionDocument {
  tenantId: string;
  groupId: string;
  threadId: string;
  askerId: string;
  askedAt: Date;
  firstResponseAt: Date | null;
  /** The last step of the escalation ladder taken; absent until the first. */
  escalation?: EscalationStep | null;
}

/** One group's row of the daily health snapshot (domain `GroupHealthDay`). */
export interface GroupHealthDayDocument {
  tenantId: string;
  groupId: string;
  /** "YYYY-MM-DD", UTC, as the rollups' days. */
  day: string;
  measuredAt: Date;
  score: number | null;
  components: HealthComponents;
  members: number;
  weeklyActive: number;
  monthlyActive: number;
  activeRatio: number | null;
  joined: number;
  left: number;
  questionsWaiting: number;
  requestsWaiting: number;
  contentDue: number;
  activeOwners: number;
  flags: GroupFlag[];
}

/** A day of a tenant's snapshot that is completely written. */
export interface HealthSnapshotDayDocument {
  tenantId: string;
  day: string;
  final: boolean;
  measuredAt: Date;
  groups: number;
}

export interface WeeklyHourDocument {
  tenantId: string;
  ownerId: string;
  week: string;
  status: WeeklyHourStatus;
  createdAt: Date;
  cardSentAt: Date | null;
  firstActionAt: Date | null;
  doneAt: Date | null;
  snoozedUntil: Date | null;
  skipReason: string | null;
  delegateId: string | null;
  /** Absent on records written before there was time off: false. */
  timeOff?: boolean;
}

/** One per owner: when their next card is due. */
export interface WeeklyHourScheduleDocument {
  tenantId: string;
  ownerId: string;
  dueAt: Date;
}

export interface AuditEntryDocument {
  _id: string;
  tenantId: string;
  at: Date;
  actorId: string | null;
  action: string;
  subjectKind: string;
  subjectId: string;
  details: AuditEntry['details'];
}

export interface OutboxMessageDocument {
  _id: string;
  tenantId: string;
  platform: Platform;
  operation: string;
  /** JSON, as in the PostgreSQL store: a Date in it is kept as its ISO string. */
  payload: Record<string, unknown>;
  /** Absent on messages enqueued before the outbox kept them: their payload has them. */
  workspaceId?: string;
  groupId?: string | null;
  dedupeKey: string | null;
  status: OutboxStatus;
  attempts: number;
  createdAt: Date;
  notBefore: Date;
  lockedUntil: Date | null;
  doneAt: Date | null;
  result: Record<string, unknown> | null;
  lastError: string | null;
}

/** Keyed by platform, workspace and event id, as the PostgreSQL inbox; `_id` is the driver's ObjectId. */
export interface InboxItemDocument {
  platform: Platform;
  workspaceId: string;
  eventId: string;
  kind: string;
  /** JSON, as the outbox payloads. */
  payload: Record<string, unknown>;
  receivedAt: Date;
  status: InboxStatus;
  attempts: number;
  notBefore: Date;
  lockedUntil: Date | null;
  lastError: string | null;
}

/** Keyed by platform and workspace, not by tenant: a request names only its workspace. */
export interface InstallationDocument {
  platform: Platform;
  workspaceId: string;
  tenantId: string;
  enterpriseInstall: boolean;
  installedAt: Date;
  /** JSON, as the outbox payloads. */
  secrets: Record<string, unknown>;
  /** Absent on installations saved before revocations were kept: live ones. */
  revokedAt?: Date | null;
  /** The scopes the install granted; absent or null when not known. */
  grantedScopes?: string[] | null;
}

/** Keyed by platform and workspace, as installations: the edge learns them from its activities. */
export interface ConversationDocument {
  platform: Platform;
  workspaceId: string;
  key: string;
  conversationId: string;
  serviceUrl: string;
  updatedAt: Date;
}

/** Who holds a role by e-mail (lower case) in a tenant, and which source gave it. */
export interface RoleGrantDocument {
  tenantId: string;
  email: string;
  role: Role;
  source: RoleSource;
  grantedAt: Date;
}

/** A dashboard sign-in, keyed by the hash of its id (never the id). */
export interface SessionDocument {
  _id: string;
  tenantId: string;
  personId: string;
  createdAt: Date;
  idleExpiresAt: Date;
  expiresAt: Date;
}

/** A community manager's weekly digest claimed for an ISO week; sentAt once in the outbox. */
export interface DigestDocument {
  tenantId: string;
  personId: string;
  week: string;
  claimedAt: Date;
  sentAt: Date | null;
}

/** A group's idle checks: the round, its warnings and proposal, and when checks resume. */
export interface GroupIdleCheckDocument {
  tenantId: string;
  groupId: string;
  round: number;
  warnings: number;
  lastWarnedAt: Date | null;
  proposedAt: Date | null;
  checksFrom: Date | null;
  certifiedUntil: Date | null;
}

// Indexes are created when the store opens, awaited, never in the background as a model compiles.
// Documents written through a model would keep the repositories' shape: no __v, empty objects kept.
const OPTIONS = { versionKey: false, minimize: false, autoIndex: false, autoCreate: false } as const;

const slot = { weekday: Number, time: String };
const platformRef = { platform: String, workspaceId: String, id: String };

const tenantSchema = new Schema<TenantDocument>(
  {
    _id: String,
    name: String,
    defaultWeeklyHour: slot,
    defaultTimeZone: String,
    defaultLocale: String,
    escalation: { coOwnersAfterWeeks: Number, managersAfterWeeks: Number },
    healthWeights: Schema.Types.Mixed,
    requestExpiryDays: Number,
    createdAt: Date,
    idleGroupPolicy: Schema.Types.Mixed,
    rawEventRetentionMonths: Number,
  },
  OPTIONS,
);
tenantSchema.index({ name: 1, _id: 1 });

const personSchema = new Schema<PersonDocument>(
  {
    _id: String,
    tenantId: String,
    displayName: String,
    email: String,
    emailKey: String,
    identities: [new Schema({ platform: String, workspaceId: String, userId: String }, { _id: false })],
    identityKeys: { type: [String], default: undefined },
    timeZone: String,
    locale: String,
    roles: [String],
    weeklyHour: { type: new Schema(slot, { _id: false }), default: null },
    preferredPlatform: String,
    deactivatedAt: Date,
    timeOff: { type: new Schema({ from: String, until: String, coverId: String }, { _id: false }), default: null },
  },
  OPTIONS,
);
// Partial: people without an identity or an e-mail have no key and never collide.
personSchema.index(
  { tenantId: 1, identityKeys: 1 },
  { unique: true, partialFilterExpression: { identityKeys: { $exists: true } } },
);
personSchema.index(
  { tenantId: 1, emailKey: 1 },
  { unique: true, partialFilterExpression: { emailKey: { $exists: true } } },
);
personSchema.index({ tenantId: 1, displayName: 1, _id: 1 });
personSchema.index({ tenantId: 1, roles: 1, displayName: 1, _id: 1 });

const groupSchema = new Schema<GroupDocument>(
  {
    _id: String,
    tenantId: String,
    name: String,
    platformRef,
    purpose: String,
    ownerIds: [String],
    membershipPolicy: String,
    reviewIntervalDays: Number,
    responseTargetHours: Number,
    welcomeText: String,
    requestDeadlineHours: Number,
    state: String,
    keys: { type: [String], default: undefined },
    createdAt: Date,
  },
  OPTIONS,
);
groupSchema.index(
  { tenantId: 1, 'platformRef.platform': 1, 'platformRef.workspaceId': 1, 'platformRef.id': 1 },
  { unique: true },
);
// Partial: groups without other keys never collide.
groupSchema.index({ tenantId: 1, keys: 1 }, { unique: true, partialFilterExpression: { keys: { $exists: true } } });
groupSchema.index({ tenantId: 1, name: 1, _id: 1 });
groupSchema.index({ tenantId: 1, ownerIds: 1, name: 1, _id: 1 });

const membershipSchema = new Schema<MembershipDocument>(
  { tenantId: String, groupId: String, personId: String, joinedAt: Date, leftAt: Date, lastSeenAt: Date },
  OPTIONS,
);
membershipSchema.index({ tenantId: 1, groupId: 1, personId: 1 }, { unique: true });
membershipSchema.index({ tenantId: 1, groupId: 1, leftAt: 1, joinedAt: 1 });
membershipSchema.index({ tenantId: 1, personId: 1, leftAt: 1, joinedAt: 1 });

const groupSyncSchema = new Schema<GroupSyncDocument>(
  { tenantId: String, groupId: String, passStartedAt: Date, cursor: String, lastPassAt: Date, dueAt: Date },
  OPTIONS,
);
// One record per group: saving upserts on exactly this key.
groupSyncSchema.index({ tenantId: 1, groupId: 1 }, { unique: true });

const groupBackfillSchema = new Schema<GroupBackfillDocument>(
  {
    tenantId: String,
    groupId: String,
    since: Date,
    until: Date,
    cursor: String,
    readBackTo: Date,
    pages: Number,
    found: Number,
    recorded: Number,
    startedAt: Date,
    finishedAt: Date,
  },
  OPTIONS,
);
// One record per group: saving upserts on exactly this key.
groupBackfillSchema.index({ tenantId: 1, groupId: 1 }, { unique: true });

const contentSyncSchema = new Schema<ContentSyncDocument>(
  { tenantId: String, groupId: String, lastSyncedAt: Date, dueAt: Date },
  OPTIONS,
);
// One record per group: saving upserts on exactly this key.
contentSyncSchema.index({ tenantId: 1, groupId: 1 }, { unique: true });

const membershipRequestSchema = new Schema<MembershipRequestDocument>(
  {
    _id: String,
    tenantId: String,
    groupId: String,
    requesterId: String,
    requestedAt: Date,
    note: String,
    status: String,
    decidedBy: String,
    decidedAt: Date,
    reason: String,
    deadlineStep: String,
    deadlineAt: Date,
  },
  OPTIONS,
);
// One pending request per person and group; decided ones no longer count.
membershipRequestSchema.index(
  { tenantId: 1, groupId: 1, requesterId: 1 },
  { unique: true, partialFilterExpression: { status: 'pending' } },
);
membershipRequestSchema.index({ tenantId: 1, requestedAt: 1 }, { partialFilterExpression: { status: 'pending' } });
// The deadline job's read: pending requests by when they are next looked at.
membershipRequestSchema.index({ deadlineAt: 1, _id: 1 }, { partialFilterExpression: { status: 'pending' } });

const ownershipOfferSchema = new Schema<OwnershipOfferDocument>(
  {
    _id: String,
    tenantId: String,
    groupId: String,
    status: String,
    openedAt: Date,
    expiresAt: Date,
    takenBy: String,
    closedAt: Date,
  },
  OPTIONS,
);
// One open offer per group; taken and expired ones no longer count.
ownershipOfferSchema.index({ tenantId: 1, groupId: 1 }, { unique: true, partialFilterExpression: { status: 'open' } });
ownershipOfferSchema.index({ expiresAt: 1 }, { partialFilterExpression: { status: 'open' } });
ownershipOfferSchema.index({ tenantId: 1, groupId: 1, closedAt: 1 }, { partialFilterExpression: { status: 'taken' } });

const ownershipOfferCandidateSchema = new Schema<OwnershipOfferCandidateDocument>(
  {
    _id: String,
    tenantId: String,
    offerId: String,
    personId: String,
    position: Number,
    answer: String,
    answeredAt: Date,
  },
  OPTIONS,
);
ownershipOfferCandidateSchema.index({ tenantId: 1, offerId: 1, personId: 1 }, { unique: true });

const contentItemSchema = new Schema<ContentItemDocument>(
  {
    _id: String,
    tenantId: String,
    groupId: String,
    kind: String,
    platformRef,
    title: String,
    link: String,
    lastChangedAt: Date,
    lastReviewedAt: Date,
    reviewIntervalDays: Number,
    state: String,
    verifierId: String,
    authorId: String,
    flag: { type: new Schema({ byId: String, at: Date, note: String }, { _id: false }), default: undefined },
  },
  OPTIONS,
);
contentItemSchema.index(
  { tenantId: 1, link: 1 },
  { partialFilterExpression: { state: 'active', link: { $type: 'string' } } },
);
contentItemSchema.index(
  { tenantId: 1, 'platformRef.platform': 1, 'platformRef.workspaceId': 1, 'platformRef.id': 1 },
  { unique: true },
);
contentItemSchema.index({ tenantId: 1, groupId: 1, lastChangedAt: 1 });

const contributionEventSchema = new Schema<ContributionEventDocument>(
  {
    tenantId: String,
    platform: String,
    platformEventId: String,
    groupId: String,
    personId: String,
    kind: String,
    occurredAt: Date,
    threadId: String,
    asksQuestion: Boolean,
  },
  OPTIONS,
);
// A redelivered event is refused here, and so counted once.
contributionEventSchema.index({ tenantId: 1, platform: 1, platformEventId: 1 }, { unique: true });
// The retention job deletes a tenant's oldest raw events in batches.
contributionEventSchema.index({ tenantId: 1, occurredAt: 1 });

const groupDaySchema = new Schema<GroupDayDocument>(
  {
    tenantId: String,
    groupId: String,
    day: String,
    joins: Number,
    leaves: Number,
    posts: Number,
    replies: Number,
    reactions: Number,
    files: Number,
    answers: Number,
    questionsAsked: Number,
    questionsAnswered: Number,
    distinctContributors: Number,
  },
  OPTIONS,
);
// The rollup upserts filter on exactly these keys, so the server retries a racing upsert as an update.
groupDaySchema.index({ tenantId: 1, groupId: 1, day: 1 }, { unique: true });

const memberDaySchema = new Schema<MemberDayDocument>(
  {
    tenantId: String,
    groupId: String,
    day: String,
    personId: String,
    posts: Number,
    replies: Number,
    reactions: Number,
    files: Number,
    answers: Number,
  },
  OPTIONS,
);
memberDaySchema.index({ tenantId: 1, groupId: 1, day: 1, personId: 1 }, { unique: true });

const contributorSpanSchema = new Schema<ContributorSpanDocument>(
  { tenantId: String, groupId: String, personId: String, firstDay: String, lastDay: String },
  OPTIONS,
);
contributorSpanSchema.index({ tenantId: 1, groupId: 1, personId: 1 }, { unique: true });
// A person's spans: the platform they used last.
contributorSpanSchema.index({ tenantId: 1, personId: 1 });

const questionSchema = new Schema<QuestionDocument>(
  {
    tenantId: String,
    groupId: String,
    threadId: String,
    askerId: String,
    askedAt: Date,
    firstResponseAt: Date,
    escalation: String,
  },
  OPTIONS,
);
questionSchema.index({ tenantId: 1, groupId: 1, threadId: 1 }, { unique: true });
// Each group's unanswered questions by time asked: the weekly card's overdue questions.
questionSchema.index({ tenantId: 1, groupId: 1, firstResponseAt: 1, askedAt: 1 });
// Each group's questions by time asked: the dashboards' windows of questions.
questionSchema.index({ tenantId: 1, groupId: 1, askedAt: 1 });
// The tenant's open questions by age across its groups: the escalation ladder.
questionSchema.index({ tenantId: 1, firstResponseAt: 1, askedAt: 1, groupId: 1, threadId: 1 });

const groupHealthDaySchema = new Schema<GroupHealthDayDocument>(
  {
    tenantId: String,
    groupId: String,
    day: String,
    measuredAt: Date,
    score: Number,
    components: Schema.Types.Mixed,
    members: Number,
    weeklyActive: Number,
    monthlyActive: Number,
    activeRatio: Number,
    joined: Number,
    left: Number,
    questionsWaiting: Number,
    requestsWaiting: Number,
    contentDue: Number,
    activeOwners: Number,
    flags: [String],
  },
  OPTIONS,
);
// A day measured again replaces each group's row: saving upserts on exactly this key.
groupHealthDaySchema.index({ tenantId: 1, groupId: 1, day: 1 }, { unique: true });
// Every group's row of a day: the cross-group table.
groupHealthDaySchema.index({ tenantId: 1, day: 1 });

const healthSnapshotDaySchema = new Schema<HealthSnapshotDayDocument>(
  { tenantId: String, day: String, final: Boolean, measuredAt: Date, groups: Number },
  OPTIONS,
);
healthSnapshotDaySchema.index({ tenantId: 1, day: 1 }, { unique: true });

const weeklyHourSchema = new Schema<WeeklyHourDocument>(
  {
    tenantId: String,
    ownerId: String,
    week: String,
    status: String,
    createdAt: Date,
    cardSentAt: Date,
    firstActionAt: Date,
    doneAt: Date,
    snoozedUntil: Date,
    skipReason: String,
    delegateId: String,
    timeOff: Boolean,
  },
  OPTIONS,
);
// One record per owner and week: the claim upserts on exactly this key.
weeklyHourSchema.index({ tenantId: 1, ownerId: 1, week: 1 }, { unique: true });
weeklyHourSchema.index(
  { tenantId: 1, delegateId: 1, week: 1 },
  { partialFilterExpression: { delegateId: { $type: 'string' } } },
);

const weeklyHourScheduleSchema = new Schema<WeeklyHourScheduleDocument>(
  { tenantId: String, ownerId: String, dueAt: Date },
  OPTIONS,
);
// One row per owner: scheduling upserts on exactly this key.
weeklyHourScheduleSchema.index({ tenantId: 1, ownerId: 1 }, { unique: true });
// Due cards are picked across tenants, earliest first.
weeklyHourScheduleSchema.index({ dueAt: 1, tenantId: 1, ownerId: 1 });

const auditEntrySchema = new Schema<AuditEntryDocument>(
  {
    _id: String,
    tenantId: String,
    at: Date,
    actorId: String,
    action: String,
    subjectKind: String,
    subjectId: String,
    details: Schema.Types.Mixed,
  },
  OPTIONS,
);
auditEntrySchema.index({ tenantId: 1, at: -1, _id: 1 });
auditEntrySchema.index({ tenantId: 1, subjectId: 1, at: -1 });

const outboxMessageSchema = new Schema<OutboxMessageDocument>(
  {
    _id: String,
    tenantId: String,
    platform: String,
    operation: String,
    payload: Schema.Types.Mixed,
    workspaceId: String,
    groupId: String,
    dedupeKey: String,
    status: String,
    attempts: Number,
    createdAt: Date,
    notBefore: Date,
    lockedUntil: Date,
    doneAt: Date,
    result: Schema.Types.Mixed,
    lastError: String,
  },
  OPTIONS,
);
// Partial: messages without a key (stored as null) never collide.
outboxMessageSchema.index(
  { tenantId: 1, dedupeKey: 1 },
  { unique: true, partialFilterExpression: { dedupeKey: { $type: 'string' } } },
);
// The claim's filter and sort, across tenants, per platform lane; pending messages only, so it stays small.
outboxMessageSchema.index(
  { platform: 1, notBefore: 1, createdAt: 1, _id: 1 },
  { partialFilterExpression: { status: 'pending' } },
);
outboxMessageSchema.index({ tenantId: 1, doneAt: -1, _id: 1 }, { partialFilterExpression: { status: 'failed' } });
// The command line's list of cancelled messages, newest first (`steward outbox list --status cancelled`).
outboxMessageSchema.index({ doneAt: -1, _id: 1 }, { partialFilterExpression: { status: 'cancelled' } });
// A workspace's or group's pending messages, to cancel them on an uninstall.
outboxMessageSchema.index(
  { tenantId: 1, platform: 1, workspaceId: 1, groupId: 1 },
  { partialFilterExpression: { status: 'pending' } },
);

const inboxItemSchema = new Schema<InboxItemDocument>(
  {
    platform: String,
    workspaceId: String,
    eventId: String,
    kind: String,
    payload: Schema.Types.Mixed,
    receivedAt: Date,
    status: String,
    attempts: Number,
    notBefore: Date,
    lockedUntil: Date,
    lastError: String,
  },
  OPTIONS,
);
// A redelivered event is refused by this key.
inboxItemSchema.index({ platform: 1, workspaceId: 1, eventId: 1 }, { unique: true });
// The claim's filter and sort (ObjectIds grow in the order a process inserts them); pending items only.
inboxItemSchema.index({ notBefore: 1, receivedAt: 1, _id: 1 }, { partialFilterExpression: { status: 'pending' } });
inboxItemSchema.index({ receivedAt: 1, _id: 1 }, { partialFilterExpression: { status: 'parked' } });

const installationSchema = new Schema<InstallationDocument>(
  {
    platform: String,
    workspaceId: String,
    tenantId: String,
    enterpriseInstall: Boolean,
    installedAt: Date,
    secrets: Schema.Types.Mixed,
    revokedAt: Date,
    grantedScopes: { type: [String], default: undefined },
  },
  OPTIONS,
);
// One installation per workspace: saving upserts on exactly this key.
installationSchema.index({ platform: 1, workspaceId: 1 }, { unique: true });
installationSchema.index({ tenantId: 1 });

const conversationSchema = new Schema<ConversationDocument>(
  {
    platform: String,
    workspaceId: String,
    key: String,
    conversationId: String,
    serviceUrl: String,
    updatedAt: Date,
  },
  OPTIONS,
);
// One reference per chat or team: saving upserts on exactly this key.
conversationSchema.index({ platform: 1, workspaceId: 1, key: 1 }, { unique: true });

const roleGrantSchema = new Schema<RoleGrantDocument>(
  { tenantId: String, email: String, role: String, source: String, grantedAt: Date },
  OPTIONS,
);
// One grant per tenant, e-mail, role and source: granting upserts on exactly this key.
roleGrantSchema.index({ tenantId: 1, email: 1, role: 1, source: 1 }, { unique: true });

const sessionSchema = new Schema<SessionDocument>(
  { _id: String, tenantId: String, personId: String, createdAt: Date, idleExpiresAt: Date, expiresAt: Date },
  OPTIONS,
);
// The idle end is never past the absolute one: MongoDB's TTL monitor removes a session once it
// passes (within a minute or so; `find` checks the ends itself), beside `deleteExpired`.
sessionSchema.index({ idleExpiresAt: 1 }, { expireAfterSeconds: 0 });
sessionSchema.index({ tenantId: 1, personId: 1 });

const digestSchema = new Schema<DigestDocument>(
  { tenantId: String, personId: String, week: String, claimedAt: Date, sentAt: Date },
  OPTIONS,
);
// The claim: one digest per manager and week, however many jobs race.
digestSchema.index({ tenantId: 1, personId: 1, week: 1 }, { unique: true });

const groupIdleCheckSchema = new Schema<GroupIdleCheckDocument>(
  {
    tenantId: String,
    groupId: String,
    round: Number,
    warnings: Number,
    lastWarnedAt: Date,
    proposedAt: Date,
    checksFrom: Date,
    certifiedUntil: Date,
  },
  OPTIONS,
);
// One row of checks per group; the digest reads a tenant's proposals oldest first.
groupIdleCheckSchema.index({ tenantId: 1, groupId: 1 }, { unique: true });
groupIdleCheckSchema.index(
  { tenantId: 1, proposedAt: 1, groupId: 1 },
  { partialFilterExpression: { proposedAt: { $type: 'date' } } },
);

/** By collection name, as the PostgreSQL tables are named. */
const SCHEMAS: Readonly<Record<string, Schema>> = {
  tenants: tenantSchema,
  people: personSchema,
  groups: groupSchema,
  group_syncs: groupSyncSchema,
  memberships: membershipSchema,
  membership_requests: membershipRequestSchema,
  ownership_offers: ownershipOfferSchema,
  ownership_offer_candidates: ownershipOfferCandidateSchema,
  content_items: contentItemSchema,
  content_syncs: contentSyncSchema,
  group_backfills: groupBackfillSchema,
  contribution_events: contributionEventSchema,
  group_days: groupDaySchema,
  member_days: memberDaySchema,
  contributor_spans: contributorSpanSchema,
  questions: questionSchema,
  group_health_days: groupHealthDaySchema,
  health_snapshot_days: healthSnapshotDaySchema,
  weekly_hours: weeklyHourSchema,
  weekly_hour_schedule: weeklyHourScheduleSchema,
  audit_entries: auditEntrySchema,
  outbox: outboxMessageSchema,
  inbox: inboxItemSchema,
  installations: installationSchema,
  conversations: conversationSchema,
  role_grants: roleGrantSchema,
  sessions: sessionSchema,
  digests: digestSchema,
  group_idle_checks: groupIdleCheckSchema,
};

export interface Collections {
  readonly tenants: mongo.Collection<TenantDocument>;
  readonly people: mongo.Collection<PersonDocument>;
  readonly groups: mongo.Collection<GroupDocument>;
  readonly groupSyncs: mongo.Collection<GroupSyncDocument>;
  readonly memberships: mongo.Collection<MembershipDocument>;
  readonly membershipRequests: mongo.Collection<MembershipRequestDocument>;
  readonly ownershipOffers: mongo.Collection<OwnershipOfferDocument>;
  readonly ownershipOfferCandidates: mongo.Collection<OwnershipOfferCandidateDocument>;
  readonly contentItems: mongo.Collection<ContentItemDocument>;
  readonly contentSyncs: mongo.Collection<ContentSyncDocument>;
  readonly groupBackfills: mongo.Collection<GroupBackfillDocument>;
  readonly contributionEvents: mongo.Collection<ContributionEventDocument>;
  readonly groupDays: mongo.Collection<GroupDayDocument>;
  readonly memberDays: mongo.Collection<MemberDayDocument>;
  readonly contributorSpans: mongo.Collection<ContributorSpanDocument>;
  readonly questions: mongo.Collection<QuestionDocument>;
  readonly groupHealthDays: mongo.Collection<GroupHealthDayDocument>;
  readonly healthSnapshotDays: mongo.Collection<HealthSnapshotDayDocument>;
  readonly weeklyHours: mongo.Collection<WeeklyHourDocument>;
  readonly weeklyHourSchedule: mongo.Collection<WeeklyHourScheduleDocument>;
  readonly auditEntries: mongo.Collection<AuditEntryDocument>;
  readonly outbox: mongo.Collection<OutboxMessageDocument>;
  readonly inbox: mongo.Collection<InboxItemDocument>;
  readonly installations: mongo.Collection<InstallationDocument>;
  readonly conversations: mongo.Collection<ConversationDocument>;
  readonly roleGrants: mongo.Collection<RoleGrantDocument>;
  readonly sessions: mongo.Collection<SessionDocument>;
  readonly digests: mongo.Collection<DigestDocument>;
  readonly groupIdleChecks: mongo.Collection<GroupIdleCheckDocument>;
}

/**
 * Compiles the models on the connection and creates their indexes (an index that exists is left
 * as it is, so several processes may open the store at once), then hands out the collections.
 */
export async function openCollections(connection: Connection): Promise<Collections> {
  const db = connection.db;
  if (!db) throw new Error('the MongoDB connection is not open');
  await Promise.all(
    Object.entries(SCHEMAS).map(([name, schema]) => connection.model(name, schema, name).createIndexes()),
  );
  return {
    tenants: db.collection<TenantDocument>('tenants'),
    people: db.collection<PersonDocument>('people'),
    groups: db.collection<GroupDocument>('groups'),
    groupSyncs: db.collection<GroupSyncDocument>('group_syncs'),
    memberships: db.collection<MembershipDocument>('memberships'),
    membershipRequests: db.collection<MembershipRequestDocument>('membership_requests'),
    ownershipOffers: db.collection<OwnershipOfferDocument>('ownership_offers'),
    ownershipOfferCandidates: db.collection<OwnershipOfferCandidateDocument>('ownership_offer_candidates'),
    contentItems: db.collection<ContentItemDocument>('content_items'),
    contentSyncs: db.collection<ContentSyncDocument>('content_syncs'),
    groupBackfills: db.collection<GroupBackfillDocument>('group_backfills'),
    contributionEvents: db.collection<ContributionEventDocument>('contribution_events'),
    groupDays: db.collection<GroupDayDocument>('group_days'),
    memberDays: db.collection<MemberDayDocument>('member_days'),
    contributorSpans: db.collection<ContributorSpanDocument>('contributor_spans'),
    questions: db.collection<QuestionDocument>('questions'),
    groupHealthDays: db.collection<GroupHealthDayDocument>('group_health_days'),
    healthSnapshotDays: db.collection<HealthSnapshotDayDocument>('health_snapshot_days'),
    weeklyHours: db.collection<WeeklyHourDocument>('weekly_hours'),
    weeklyHourSchedule: db.collection<WeeklyHourScheduleDocument>('weekly_hour_schedule'),
    auditEntries: db.collection<AuditEntryDocument>('audit_entries'),
    outbox: db.collection<OutboxMessageDocument>('outbox'),
    inbox: db.collection<InboxItemDocument>('inbox'),
    installations: db.collection<InstallationDocument>('installations'),
    conversations: db.collection<ConversationDocument>('conversations'),
    roleGrants: db.collection<RoleGrantDocument>('role_grants'),
    sessions: db.collection<SessionDocument>('sessions'),
    digests: db.collection<DigestDocument>('digests'),
    groupIdleChecks: db.collection<GroupIdleCheckDocument>('group_idle_checks'),
  };
}
