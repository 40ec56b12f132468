import type { Person } from '../../../domain/person.ts';
import { ErrorCode, fail, ok, type Result } from '../../../errors.ts';
import type { TenantMerge, TenantMergeOutcome, TenantMergeRepository } from '../../../ports/store/tenant-merges.ts';
import type { Queryable, Sql } from '../sql.ts';

/** Every table with a tenant_id (all but tenants), in the order they move. */
export const TENANT_TABLES = [
  'people',
  'person_identities',
  'groups',
  'group_keys',
  'group_syncs',
  'group_backfills',
  'memberships',
  'membership_requests',
  'ownership_offers',
  'ownership_offer_candidates',
  'content_items',
  'content_syncs',
  'contribution_events',
  'group_days',
  'member_days',
  'contributor_spans',
  'questions',
  'weekly_hours',
  'weekly_hour_schedule',
  'audit_entries',
  'outbox',
  'installations',
  'role_grants',
  'group_health_days',
  'health_snapshot_days',
  'sessions',
  'digests',
  'group_idle_checks',
] as const;

/** Every column holding a person id, but groups.owner_ids (an array) and audit_entries.subject_id (text). */
export const PERSON_COLUMNS = [
  ['person_identities', 'person_id'],
  ['memberships', 'person_id'],
  ['membership_requests', 'requester_id'],
  ['membership_requests', 'decided_by'],
  ['ownership_offers', 'taken_by'],
  ['ownership_offer_candidates', 'person_id'],
  ['contribution_events', 'person_id'],
  ['member_days', 'person_id'],
  ['contributor_spans', 'person_id'],
  ['questions', 'asker_id'],
  ['weekly_hours', 'owner_id'],
  ['weekly_hours', 'delegate_id'],
  ['weekly_hour_schedule', 'owner_id'],
  ['audit_entries', 'actor_id'],
  ['sessions', 'person_id'],
  ['digests', 'person_id'],
  ['content_items', 'verifier_id'],
  ['content_items', 'author_id'],
  ['content_items', 'flagged_by'],
  ['people', 'time_off_cover_id'],
] as const;

// SQLSTATE 40P01: PostgreSQL broke a deadlock by aborting this transaction; nothing was changed.
const isDeadlock = (error: unknown) => (error as { code?: unknown } | null)?.code === '40P01';

/**
 * One transaction: the rows of the tenants merged, and their people, are locked against writers
 * for its length (readers go on), so nothing is written to a tenant between its rows' moves. The
 * foreign keys are checked at commit: a row and the row it refers to move in separate statements.
 */
export class PostgresTenantMerges implements TenantMergeRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async merge(plan: TenantMerge): Promise<Result<TenantMergeOutcome, typeof ErrorCode.Conflict>> {
    if (plan.from.length === 0) return ok({ weeklyHoursDropped: 0 });
    try {
      return await this.#sql.transaction(async (tx) => {
        if (!(await prepare(tx, plan))) return ok({ weeklyHoursDropped: 0 });
        if (await missesSomeone(tx, [plan.into, ...plan.from])) {
          return fail(ErrorCode.Conflict, 'someone new shares an e-mail across the tenants: plan the merge again');
        }
        const weeklyHoursDropped = await dropTwins(tx, plan);
        await repointPeople(tx, plan.from);
        await mergePeople(tx, plan);
        for (const table of TENANT_TABLES) {
          await tx.query(`UPDATE ${table} SET tenant_id = $1 WHERE tenant_id = ANY($2::uuid[])`, [
            plan.into,
            plan.from,
          ]);
        }
        await appendAudit(tx, plan);
        await tx.query('DELETE FROM tenants WHERE id = ANY($1::uuid[])', [plan.from]);
        return ok({ weeklyHoursDropped });
      });
    } catch (error) {
      if (isDeadlock(error)) return fail(ErrorCode.Conflict, 'the merge met a concurrent writer: plan it again');
      throw error;
    }
  }
}

/**
 * Locks, defers the foreign keys, and loads the people merged into a table of this transaction.
 * False when none of the tenants to merge is left: they were merged already.
 */
async function prepare(tx: Queryable, plan: TenantMerge): Promise<boolean> {
  await tx.query('SET CONSTRAINTS ALL DEFERRED');
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM tenants WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
    [[plan.into, ...plan.from]],
  );
  if (!rows.some((row) => plan.from.includes(row.id))) return false;
  await tx.query(`LOCK TABLE ${TENANT_TABLES.join(', ')} IN EXCLUSIVE MODE`);
  await tx.query(
    'CREATE TEMPORARY TABLE merged_people (from_id uuid PRIMARY KEY, into_id uuid NOT NULL) ON COMMIT DROP',
  );
  await tx.query('INSERT INTO merged_people SELECT * FROM unnest($1::uuid[], $2::uuid[])', [
    plan.people.map((p) => p.fromId),
    plan.people.map((p) => p.into.id),
  ]);
  return true;
}

/** Whether two people of these tenants share an e-mail and neither is merged away: the plan is stale. */
async function missesSomeone(tx: Queryable, tenantIds: readonly string[]): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM people a JOIN people b ON lower(a.email) = lower(b.email) AND a.tenant_id < b.tenant_id
     WHERE a.tenant_id = ANY($1::uuid[]) AND b.tenant_id = ANY($1::uuid[])
       AND NOT EXISTS (SELECT 1 FROM merged_people m WHERE m.from_id IN (a.id, b.id))
     LIMIT 1`,
    [tenantIds],
  );
  return rows.length > 0;
}

/**
 * Removes the rows the merge would make two of one key, keeping one (see the port); renames event
 * twins. Only the people merged can have twins among people-keyed rows; other keys are compared
 * with the tenant kept, and between the merged tenants. Returns the weekly-hour records dropped.
 */
async function dropTwins(tx: Queryable, plan: TenantMerge): Promise<number> {
  const all = [plan.into, ...plan.from];
  const merged = 'SELECT from_id FROM merged_people UNION SELECT into_id FROM merged_people';
  const { rowCount } = await tx.query(
    `WITH ranked AS (
       SELECT w.tenant_id, w.owner_id, w.week, row_number() OVER (
         PARTITION BY COALESCE(m.into_id, w.owner_id), w.week
         ORDER BY array_position($2::text[], w.status), w.created_at, w.tenant_id) AS rank
       FROM weekly_hours w LEFT JOIN merged_people m ON m.from_id = w.owner_id
       WHERE w.tenant_id = ANY($1::uuid[]) AND w.owner_id IN (${merged}))
     DELETE FROM weekly_hours w USING ranked r
     WHERE r.rank > 1 AND w.tenant_id = r.tenant_id AND w.owner_id = r.owner_id AND w.week = r.week`,
    [all, plan.weeklyHourPrecedence],
  );
  await tx.query(
    `WITH ranked AS (
       SELECT s.tenant_id, s.owner_id, row_number() OVER (
         PARTITION BY COALESCE(m.into_id, s.owner_id) ORDER BY s.due_at, s.tenant_id) AS rank
       FROM weekly_hour_schedule s LEFT JOIN merged_people m ON m.from_id = s.owner_id
       WHERE s.tenant_id = ANY($1::uuid[]) AND s.owner_id IN (${merged}))
     DELETE FROM weekly_hour_schedule s USING ranked r
     WHERE r.rank > 1 AND s.tenant_id = r.tenant_id AND s.owner_id = r.owner_id`,
    [all],
  );
  // One digest per person and week: the merged people's twin claims keep the one sent first.
  await tx.query(
    `WITH ranked AS (
       SELECT d.tenant_id, d.person_id, d.week, row_number() OVER (
         PARTITION BY COALESCE(m.into_id, d.person_id), d.week ORDER BY d.sent_at NULLS LAST, d.claimed_at, d.tenant_id) AS rank
       FROM digests d LEFT JOIN merged_people m ON m.from_id = d.person_id
       WHERE d.tenant_id = ANY($1::uuid[]) AND d.person_id IN (${merged}))
     DELETE FROM digests d USING ranked r
     WHERE r.rank > 1 AND d.tenant_id = r.tenant_id AND d.person_id = r.person_id AND d.week = r.week`,
    [all],
  );
  const keptFirst = (table: string, key: string) => `
    DELETE FROM ${table} o WHERE o.tenant_id = ANY($2::uuid[]) AND EXISTS (
      SELECT 1 FROM ${table} k WHERE ${key}
        AND (k.tenant_id = $1 OR (k.tenant_id = ANY($2::uuid[]) AND k.tenant_id < o.tenant_id)))`;
  await tx.query(keptFirst('outbox', 'o.dedupe_key IS NOT NULL AND k.dedupe_key = o.dedupe_key'), [
    plan.into,
    plan.from,
  ]);
  // Platform event ids are unique only per tenant: a twin is a distinct event, kept under its id
  // suffixed with its former tenant.
  await tx.query(
    `UPDATE contribution_events o SET platform_event_id = o.platform_event_id || ' ' || o.tenant_id
     WHERE o.tenant_id = ANY($2::uuid[]) AND EXISTS (
       SELECT 1 FROM contribution_events k WHERE k.platform = o.platform AND k.platform_event_id = o.platform_event_id
         AND (k.tenant_id = $1 OR (k.tenant_id = ANY($2::uuid[]) AND k.tenant_id < o.tenant_id)))`,
    [plan.into, plan.from],
  );
  await tx.query(keptFirst('role_grants', 'k.email = o.email AND k.role = o.role AND k.source = o.source'), [
    plan.into,
    plan.from,
  ]);
  // The merged tenant's days are measured again, with all its groups: no day counts as done.
  await tx.query('DELETE FROM health_snapshot_days WHERE tenant_id = ANY($1::uuid[])', [all]);
  return rowCount;
}

/** Every row of the merged tenants that names a person merged away names the person kept instead. */
async function repointPeople(tx: Queryable, from: readonly string[]): Promise<void> {
  for (const [table, column] of PERSON_COLUMNS) {
    await tx.query(
      `UPDATE ${table} t SET ${column} = m.into_id FROM merged_people m
       WHERE t.tenant_id = ANY($1::uuid[]) AND t.${column} = m.from_id`,
      [from],
    );
  }
  await tx.query(
    `UPDATE audit_entries t SET subject_id = m.into_id::text FROM merged_people m
     WHERE t.tenant_id = ANY($1::uuid[]) AND t.subject_id = m.from_id::text`,
    [from],
  );
  // Owners keep their order; a person merged into a co-owner of the same group is listed once.
  await tx.query(
    `UPDATE groups g SET owner_ids = ARRAY(
       SELECT owner FROM (
         SELECT COALESCE(m.into_id, u.owner) AS owner, min(u.position) AS position
         FROM unnest(g.owner_ids) WITH ORDINALITY AS u (owner, position)
         LEFT JOIN merged_people m ON m.from_id = u.owner GROUP BY 1) o
       ORDER BY position)
     WHERE g.tenant_id = ANY($1::uuid[]) AND g.owner_ids && ARRAY(SELECT from_id FROM merged_people)`,
    [from],
  );
}

/** The people merged away go (their identities went to the kept ones); the kept ones take their merged attributes. */
async function mergePeople(tx: Queryable, plan: TenantMerge): Promise<void> {
  await tx.query(
    'DELETE FROM people p USING merged_people m WHERE p.tenant_id = ANY($1::uuid[]) AND p.id = m.from_id',
    [plan.from],
  );
  const kept = [...new Map(plan.people.map((p) => [p.into.id, p.into])).values()];
  await tx.query(
    `UPDATE people p SET display_name = x.display_name, email = x.email, time_zone = x.time_zone, locale = x.locale,
       roles = ARRAY(SELECT jsonb_array_elements_text(x.roles)), weekly_hour_weekday = x.weekly_hour_weekday,
       weekly_hour_time = x.weekly_hour_time, preferred_platform = x.preferred_platform, deactivated_at = x.deactivated_at,
       time_off_from = x.time_off_from, time_off_until = x.time_off_until, time_off_cover_id = x.time_off_cover_id
     FROM jsonb_to_recordset($1::jsonb) AS x (id uuid, display_name text, email text, time_zone text, locale text,
       roles jsonb, weekly_hour_weekday smallint, weekly_hour_time text, preferred_platform text, deactivated_at timestamptz,
       time_off_from date, time_off_until date, time_off_cover_id uuid)
     WHERE p.tenant_id = ANY($2::uuid[]) AND p.id = x.id`,
    [JSON.stringify(kept.map(personRow)), [plan.into, ...plan.from]],
  );
}

function personRow(person: Person) {
  return {
    id: person.id,
    display_name: person.displayName,
    email: person.email,
    time_zone: person.timeZone,
    locale: person.locale,
    roles: person.roles,
    weekly_hour_weekday: person.weeklyHour?.weekday ?? null,
    weekly_hour_time: person.weeklyHour?.time ?? null,
    preferred_platform: person.preferredPlatform,
    deactivated_at: person.deactivatedAt?.toISOString() ?? null,
    time_off_from: person.timeOff?.from ?? null,
    time_off_until: person.timeOff?.until ?? null,
    time_off_cover_id: person.timeOff?.coverId ?? null,
  };
}

async function appendAudit(tx: Queryable, plan: TenantMerge): Promise<void> {
  if (plan.audit.length === 0) return;
  await tx.query(
    `INSERT INTO audit_entries (tenant_id, id, at, actor_id, action, subject_kind, subject_id, details)
     SELECT $1, x.id, x.at, x.actor_id, x.action, x.subject_kind, x.subject_id, x.details
     FROM jsonb_to_recordset($2::jsonb) AS x (id uuid, at timestamptz, actor_id uuid, action text, subject_kind text,
       subject_id text, details jsonb)`,
    [
      plan.into,
      JSON.stringify(
        plan.audit.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actor_id: e.actorId,
          action: e.action,
          subject_kind: e.subjectKind,
          subject_id: e.subjectId,
          details: e.details,
        })),
      ),
    ],
  );
}
