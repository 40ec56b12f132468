import type { Connection } from 'mongoose';
import type { Store, StoreHealth } from '../../ports/store/index.ts';
import type { SecretKeyRing } from '../secret-keys.ts';
import type { Collections } from './models.ts';
import { MongoAuditLog } from './repositories/audit-log.ts';
import { MongoContentItems } from './repositories/content-items.ts';
import { MongoContentSyncs } from './repositories/content-syncs.ts';
import { MongoContributions } from './repositories/contributions.ts';
import { MongoConversations } from './repositories/conversations.ts';
import { MongoDigests } from './repositories/digests.ts';
import { MongoGroupBackfills } from './repositories/group-backfills.ts';
import { MongoGroupSyncs } from './repositories/group-syncs.ts';
import { MongoGroups } from './repositories/groups.ts';
import { MongoHealthSnapshots } from './repositories/health-snapshots.ts';
import { MongoIdleGroups } from './repositories/idle-groups.ts';
import { MongoInbox } from './repositories/inbox.ts';
import { MongoInstallations } from './repositories/installations.ts';
import { MongoMembershipRequests } from './repositories/membership-requests.ts';
import { MongoMemberships } from './repositories/memberships.ts';
import { MongoMetrics } from './repositories/metrics.ts';
import { MongoOutbox } from './repositories/outbox.ts';
import { MongoOwnershipOffers } from './repositories/ownership-offers.ts';
import { MongoPeople } from './repositories/people.ts';
import { MongoPrivacy } from './repositories/privacy.ts';
import { MongoQuestionEscalations } from './repositories/question-escalations.ts';
import { MongoRoleGrants } from './repositories/role-grants.ts';
import { MongoSessions } from './repositories/sessions.ts';
import { MongoTenantMerges } from './repositories/tenant-merges.ts';
import { MongoTenants } from './repositories/tenants.ts';
import { MongoWeeklyHours } from './repositories/weekly-hours.ts';

const KIND = 'mongodb';

/** The Store on MongoDB. Open it with `openMongoStore`, which also creates the indexes. */
export class MongoStore implements Store {
  readonly tenants;
  readonly people;
  readonly groups;
  readonly groupSyncs;
  readonly groupBackfills;
  readonly memberships;
  readonly membershipRequests;
  readonly contentItems;
  readonly contentSyncs;
  readonly contributions;
  readonly metrics;
  readonly healthSnapshots;
  readonly weeklyHours;
  readonly audit;
  readonly outbox;
  readonly inbox;
  readonly installations;
  readonly conversations;
  readonly roleGrants;
  readonly tenantMerges;
  readonly sessions;
  readonly ownershipOffers;
  readonly digests;
  readonly questionEscalations;
  readonly idleGroups;
  readonly privacy;
  readonly #connection: Connection;

  constructor(connection: Connection, collections: Collections, secretKeys: SecretKeyRing | null) {
    this.#connection = connection;
    this.tenants = new MongoTenants(collections.tenants);
    this.people = new MongoPeople(collections.people);
    this.groups = new MongoGroups(collections.groups);
    this.groupSyncs = new MongoGroupSyncs(collections.groupSyncs, collections.groups);
    this.groupBackfills = new MongoGroupBackfills(collections.groupBackfills);
    this.memberships = new MongoMemberships(collections.memberships);
    this.membershipRequests = new MongoMembershipRequests(collections.membershipRequests);
    this.contentItems = new MongoContentItems(collections.contentItems);
    this.contentSyncs = new MongoContentSyncs(collections.contentSyncs, collections.groups);
    this.contributions = new MongoContributions(collections);
    this.metrics = new MongoMetrics(collections);
    this.healthSnapshots = new MongoHealthSnapshots(collections);
    this.weeklyHours = new MongoWeeklyHours(collections);
    this.audit = new MongoAuditLog(collections.auditEntries);
    this.outbox = new MongoOutbox(collections.outbox);
    this.inbox = new MongoInbox(collections.inbox);
    this.installations = new MongoInstallations(collections.installations, secretKeys);
    this.conversations = new MongoConversations(collections.conversations);
    this.roleGrants = new MongoRoleGrants(collections.roleGrants);
    this.tenantMerges = new MongoTenantMerges(collections);
    this.sessions = new MongoSessions(collections.sessions);
    this.ownershipOffers = new MongoOwnershipOffers(collections.ownershipOffers, collections.ownershipOfferCandidates);
    this.digests = new MongoDigests(collections.digests);
    this.questionEscalations = new MongoQuestionEscalations(collections);
    this.idleGroups = new MongoIdleGroups(collections.tenants, collections.groupIdleChecks);
    this.privacy = new MongoPrivacy(collections);
  }

  /** MongoDB keeps its own statistics. */
  async maintain(): Promise<void> {}

  async health(): Promise<StoreHealth> {
    try {
      const db = this.#connection.db;
      if (!db) return { ok: false, kind: KIND, detail: 'not connected' };
      await db.command({ ping: 1 });
      return { ok: true, kind: KIND };
    } catch (error) {
      return { ok: false, kind: KIND, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.#connection.close();
  }
}
