import type pg from 'pg';
import type { Store, StoreHealth } from '../../ports/store/index.ts';
import type { SecretKeyRing } from '../secret-keys.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { PostgresAuditLog } from './repositories/audit-log.ts';
import { PostgresContentItems } from './repositories/content-items.ts';
import { PostgresContentSyncs } from './repositories/content-syncs.ts';
import { PostgresContributions } from './repositories/contributions.ts';
import { PostgresConversations } from './repositories/conversations.ts';
import { PostgresDigests } from './repositories/digests.ts';
import { PostgresGroupBackfills } from './repositories/group-backfills.ts';
import { PostgresGroupSyncs } from './repositories/group-syncs.ts';
import { PostgresGroups } from './repositories/groups.ts';
import { PostgresHealthSnapshots } from './repositories/health-snapshots.ts';
import { PostgresIdleGroups } from './repositories/idle-groups.ts';
import { PostgresInbox } from './repositories/inbox.ts';
import { PostgresInstallations } from './repositories/installations.ts';
import { PostgresMembershipRequests } from './repositories/membership-requests.ts';
import { PostgresMemberships } from './repositories/memberships.ts';
import { PostgresMetrics } from './repositories/metrics.ts';
import { PostgresOutbox } from './repositories/outbox.ts';
import { PostgresOwnershipOffers } from './repositories/ownership-offers.ts';
import { PostgresPeople } from './repositories/people.ts';
import { PostgresPrivacy } from './repositories/privacy.ts';
import { PostgresQuestionEscalations } from './repositories/question-escalations.ts';
import { PostgresRoleGrants } from './repositories/role-grants.ts';
import { PostgresSessions } from './repositories/sessions.ts';
import { PostgresTenantMerges } from './repositories/tenant-merges.ts';
import { PostgresTenants } from './repositories/tenants.ts';
import { PostgresWeeklyHours } from './repositories/weekly-hours.ts';
import { createPool, createSql, type Sql } from './sql.ts';

export interface PostgresStoreOptions {
  /** The store's own pool of `maxConnections` (default 10) to this server… */
  readonly connectionString?: string;
  readonly maxConnections?: number;
  /** …or a pool made by `createPool` that the store uses and, on close, ends. */
  readonly pool?: pg.Pool;
  /** Reported by `health()`: "postgres", or "pglite" for the embedded database. */
  readonly kind?: string;
  /** Runs after the pool is closed (the embedded database closes itself here). */
  readonly onClose?: () => Promise<void>;
  /** Seal the platforms' tokens at rest; without, they are stored in clear (tests that hold none). */
  readonly secretKeys?: SecretKeyRing;
}

function connectionStringOf(options: PostgresStoreOptions): string {
  if (!options.connectionString) throw new Error('PostgresStore needs a connection string or a pool');
  return options.connectionString;
}

/** The Store on PostgreSQL, and on embedded PGlite reached through its socket server. */
export class PostgresStore implements Store {
  readonly tenants;
  readonly people;
  readonly groups;
  readonly groupSyncs;
  readonly groupBackfills;
  readonly memberships;
  readonly membershipRequests;
  readonly ownershipOffers;
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
  readonly digests;
  readonly questionEscalations;
  readonly idleGroups;
  readonly privacy;
  readonly #sql: Sql;
  readonly #kind: string;
  readonly #onClose: (() => Promise<void>) | undefined;

  private constructor(
    sql: Sql,
    kind: string,
    onClose: (() => Promise<void>) | undefined,
    secretKeys: SecretKeyRing | null,
  ) {
    this.#sql = sql;
    this.#kind = kind;
    this.#onClose = onClose;
    this.tenants = new PostgresTenants(sql);
    this.people = new PostgresPeople(sql);
    this.groups = new PostgresGroups(sql);
    this.groupSyncs = new PostgresGroupSyncs(sql);
    this.groupBackfills = new PostgresGroupBackfills(sql);
    this.memberships = new PostgresMemberships(sql);
    this.membershipRequests = new PostgresMembershipRequests(sql);
    this.contentItems = new PostgresContentItems(sql);
    this.contentSyncs = new PostgresContentSyncs(sql);
    this.contributions = new PostgresContributions(sql);
    this.metrics = new PostgresMetrics(sql);
    this.healthSnapshots = new PostgresHealthSnapshots(sql);
    this.weeklyHours = new PostgresWeeklyHours(sql);
    this.audit = new PostgresAuditLog(sql);
    this.outbox = new PostgresOutbox(sql);
    this.inbox = new PostgresInbox(sql);
    this.installations = new PostgresInstallations(sql, secretKeys);
    this.conversations = new PostgresConversations(sql);
    this.roleGrants = new PostgresRoleGrants(sql);
    this.tenantMerges = new PostgresTenantMerges(sql);
    this.sessions = new PostgresSessions(sql);
    this.ownershipOffers = new PostgresOwnershipOffers(sql);
    this.digests = new PostgresDigests(sql);
    this.questionEscalations = new PostgresQuestionEscalations(sql);
    this.idleGroups = new PostgresIdleGroups(sql);
    this.privacy = new PostgresPrivacy(sql);
  }

  /** Connects and applies pending migrations. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = options.pool ?? createPool(connectionStringOf(options), options.maxConnections ?? 10);
    const sql = createSql(pool);
    try {
      await migrate(sql, migrations);
    } catch (error) {
      await sql.end();
      throw error;
    }
    return new PostgresStore(sql, options.kind ?? 'postgres', options.onClose, options.secretKeys ?? null);
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.#sql.query('SELECT 1');
      return { ok: true, kind: this.#kind };
    } catch (error) {
      return { ok: false, kind: this.#kind, detail: (error as Error).message };
    }
  }

  /**
   * The schema versions applied to this database beside this code's (`steward doctor`): a version
   * applied but unknown here means a newer release has run on it.
   */
  async migrationState(): Promise<{ applied: number[]; known: number[] }> {
    const { rows } = await this.#sql.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    return { applied: rows.map((row) => row.version), known: migrations.map((m) => m.version) };
  }

  async maintain(): Promise<void> {
    if (this.#kind !== 'pglite') return;
    // Without statistics the planner may read a whole tenant's memberships per group; and the
    // inbox, whose rows are deleted as fast as they arrive, would otherwise only grow.
    await this.#sql.query('ANALYZE');
    await this.#sql.query('VACUUM inbox');
  }

  async close(): Promise<void> {
    await this.#sql.end();
    await this.#onClose?.();
  }
}
