import type { AuditLog } from './audit-log.ts';
import type { ContentItemRepository } from './content-items.ts';
import type { ContentSyncRepository } from './content-syncs.ts';
import type { ContributionRepository } from './contributions.ts';
import type { ConversationRepository } from './conversations.ts';
import type { DigestRepository } from './digests.ts';
import type { GroupBackfillRepository } from './group-backfills.ts';
import type { GroupSyncRepository } from './group-syncs.ts';
import type { GroupRepository } from './groups.ts';
import type { HealthSnapshotRepository } from './health-snapshots.ts';
import type { IdleGroupRepository } from './idle-groups.ts';
import type { InboxRepository } from './inbox.ts';
import type { InstallationRepository } from './installations.ts';
import type { MembershipRequestRepository } from './membership-requests.ts';
import type { MembershipRepository } from './memberships.ts';
import type { MetricsRepository } from './metrics.ts';
import type { OutboxRepository } from './outbox.ts';
import type { OwnershipOfferRepository } from './ownership-offers.ts';
import type { PersonRepository } from './people.ts';
import type { PrivacyRepository } from './privacy.ts';
import type { QuestionEscalationRepository } from './question-escalations.ts';
import type { RoleGrantRepository } from './role-grants.ts';
import type { SessionRepository } from './sessions.ts';
import type { TenantMergeRepository } from './tenant-merges.ts';
import type { TenantRepository } from './tenants.ts';
import type { WeeklyHourRepository } from './weekly-hours.ts';

export type * from './audit-log.ts';
export type * from './content-items.ts';
export type * from './content-syncs.ts';
export type * from './contributions.ts';
export type * from './conversations.ts';
export type * from './digests.ts';
export type * from './group-backfills.ts';
export type * from './group-syncs.ts';
export type * from './groups.ts';
export * from './health-snapshots.ts';
export type * from './idle-groups.ts';
export * from './inbox.ts';
export type * from './installations.ts';
export type * from './membership-requests.ts';
export type * from './memberships.ts';
export type * from './metrics.ts';
export * from './outbox.ts';
export type * from './ownership-offers.ts';
export type * from './people.ts';
export type * from './privacy.ts';
export type * from './question-escalations.ts';
export type * from './role-grants.ts';
export type * from './sessions.ts';
export type * from './tenant-merges.ts';
export type * from './tenants.ts';
export type * from './weekly-hours.ts';

export interface StoreHealth {
  readonly ok: boolean;
  /** "pglite", "postgres" or "mongodb". */
  readonly kind: string;
  readonly detail?: string;
}

/**
 * Everything Group Steward keeps. The guarantees that must hold under races (one event per
 * platform event id, one weekly-hour record per owner and week, one decision per request, one taker per ownership offer) come
 * from unique keys and conditional writes, never from timing.
 */
export interface Store {
  readonly tenants: TenantRepository;
  readonly people: PersonRepository;
  readonly groups: GroupRepository;
  readonly groupSyncs: GroupSyncRepository;
  /** How far each group's history backfill has read (`steward backfill`). */
  readonly groupBackfills: GroupBackfillRepository;
  readonly memberships: MembershipRepository;
  readonly membershipRequests: MembershipRequestRepository;
  readonly contentItems: ContentItemRepository;
  /** When each group's content inventory is next read from its platform. */
  readonly contentSyncs: ContentSyncRepository;
  readonly contributions: ContributionRepository;
  /** Reads of the rollups for the dashboards, many groups at once. */
  readonly metrics: MetricsRepository;
  readonly healthSnapshots: HealthSnapshotRepository;
  readonly weeklyHours: WeeklyHourRepository;
  readonly audit: AuditLog;
  readonly outbox: OutboxRepository;
  readonly inbox: InboxRepository;
  readonly installations: InstallationRepository;
  readonly conversations: ConversationRepository;
  readonly roleGrants: RoleGrantRepository;
  readonly tenantMerges: TenantMergeRepository;
  readonly sessions: SessionRepository;
  readonly ownershipOffers: OwnershipOfferRepository;
  /** The community managers' weekly digests, one per manager and week. */
  readonly digests: DigestRepository;
  /** Which step of the escalation ladder each open question reached. */
  readonly questionEscalations: QuestionEscalationRepository;
  /** The idle-group policy of each tenant and each group's idle checks. */
  readonly idleGroups: IdleGroupRepository;
  /** A person's export and erasure, and the raw events' retention. */
  readonly privacy: PrivacyRepository;
  health(): Promise<StoreHealth>;
  /**
   * Keeps what the database plans its queries with up to date where nothing else does (embedded
   * PGlite has no autovacuum, so no statistics); a no-op on servers that maintain themselves.
   */
  maintain(): Promise<void>;
  close(): Promise<void>;
}
