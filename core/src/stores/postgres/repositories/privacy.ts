import { SENT_PAYLOAD_TEXTS } from '../../../domain/outbox-texts.ts';
import type {
  PersonErasure,
  PersonErasureOutcome,
  PersonRecords,
  PrivacyRepository,
  RawEventRetention,
} from '../../../ports/store/privacy.ts';
import type { Queryable, Sql } from '../sql.ts';
import { PERSON_COLUMNS } from './tenant-merges.ts';

/** Rows of these go with the person: nothing in them is a figure. */
const REMOVED_WITH_PERSON = new Set(['person_identities', 'sessions', 'weekly_hour_schedule', 'digests']);

/** Every column naming a person whose rows an erasure keeps, under the anonymous id. */
const ANONYMISED = PERSON_COLUMNS.filter(([table]) => !REMOVED_WITH_PERSON.has(table));

/** The person's columns, by table: what an export reads (raw events are counted, not listed). */
const EXPORTED = Map.groupBy(
  PERSON_COLUMNS.filter(([table]) => table !== 'contribution_events'),
  ([table]) => table,
);

interface ErasedPerson {
  email: string | null;
  userIds: string[];
  conversationKeys: string[];
  workspaceIds: string[];
}

export class PostgresPrivacy implements PrivacyRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async personRecords(tenantId: string, personId: string): Promise<PersonRecords> {
    const records: Record<string, Record<string, unknown>[]> = {};
    for (const [table, columns] of EXPORTED) {
      const where = columns.map(([, column]) => `${column} = $2`).join(' OR ');
      records[table] = (
        await this.#sql.query(`SELECT * FROM ${table} WHERE tenant_id = $1 AND (${where})`, [tenantId, personId])
      ).rows;
    }
    const read = async (sql: string, params: unknown[]) => (await this.#sql.query(sql, params)).rows;
    records['groups_owned'] = await read(
      `SELECT id, name, platform, platform_id, created_at FROM groups WHERE tenant_id = $1 AND owner_ids @> ARRAY[$2::uuid]`,
      [tenantId, personId],
    );
    records['audit_entries_about'] = await read(
      'SELECT * FROM audit_entries WHERE tenant_id = $1 AND subject_id = $2',
      [tenantId, personId],
    );
    records['contribution_events'] = await read(
      `SELECT kind, count(*)::int AS events, min(occurred_at) AS first, max(occurred_at) AS last
       FROM contribution_events WHERE tenant_id = $1 AND person_id = $2 GROUP BY kind ORDER BY kind`,
      [tenantId, personId],
    );
    records['role_grants'] = await read(
      `SELECT r.* FROM role_grants r JOIN people p ON p.tenant_id = r.tenant_id AND lower(p.email) = r.email
       WHERE p.tenant_id = $1 AND p.id = $2`,
      [tenantId, personId],
    );
    records['outbox'] = await read(
      `SELECT o.* FROM outbox o WHERE o.tenant_id = $1 AND EXISTS (
         SELECT 1 FROM person_identities i WHERE i.tenant_id = $1 AND i.person_id = $2
           AND i.user_id IN (o.payload -> 'to' ->> 'userId', o.payload -> 'person' ->> 'userId'))
       ORDER BY o.created_at`,
      [tenantId, personId],
    );
    records['conversations'] = await read(
      `SELECT c.* FROM conversations c JOIN person_identities i ON c.platform = i.platform AND c.workspace_id = i.workspace_id
         AND c.key = 'user:' || i.user_id
       WHERE i.tenant_id = $1 AND i.person_id = $2`,
      [tenantId, personId],
    );
    return records;
  }

  async erasePerson(erasure: PersonErasure): Promise<PersonErasureOutcome | null> {
    return this.#sql.transaction(async (tx) => {
      const person = await lockPerson(tx, erasure);
      if (!person) return null;
      const removed = await removeWithPerson(tx, erasure, person);
      await forgetTexts(tx, erasure);
      const anonymised = await anonymise(tx, erasure);
      await scrub(tx, erasure);
      await tx.query(
        `INSERT INTO audit_entries (tenant_id, id, at, actor_id, action, subject_kind, subject_id, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          erasure.tenantId,
          erasure.audit.id,
          erasure.audit.at,
          erasure.audit.actorId,
          erasure.audit.action,
          erasure.audit.subjectKind,
          erasure.audit.subjectId,
          JSON.stringify(erasure.audit.details),
        ],
      );
      return { rowsAnonymised: anonymised, rowsRemoved: removed };
    });
  }

  async rawEventRetentions(): Promise<RawEventRetention[]> {
    const { rows } = await this.#sql.query<{ tenantId: string; months: number }>(
      'SELECT id AS "tenantId", raw_event_retention_months AS months FROM tenants ORDER BY id',
    );
    return rows;
  }

  async setRawEventRetention(tenantId: string, months: number): Promise<void> {
    await this.#sql.query('UPDATE tenants SET raw_event_retention_months = $2 WHERE id = $1', [tenantId, months]);
  }

  async deleteRawEventsBefore(tenantId: string, before: Date, limit: number): Promise<number> {
    // The oldest first, through (tenant_id, occurred_at): each batch reads only the rows it deletes.
    const { rowCount } = await this.#sql.query(
      `DELETE FROM contribution_events e USING (
         SELECT platform, platform_event_id FROM contribution_events
         WHERE tenant_id = $1 AND occurred_at < $2 ORDER BY occurred_at LIMIT $3) old
       WHERE e.tenant_id = $1 AND e.platform = old.platform AND e.platform_event_id = old.platform_event_id`,
      [tenantId, before, limit],
    );
    return rowCount;
  }
}

/** The person's e-mail and platform ids, their row locked against a concurrent change; null when gone. */
async function lockPerson(tx: Queryable, { tenantId, personId }: PersonErasure): Promise<ErasedPerson | null> {
  const { rows } = await tx.query<{ email: string | null }>(
    'SELECT email FROM people WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
    [tenantId, personId],
  );
  if (!rows[0]) return null;
  const identities = await tx.query<{ user_id: string; workspace_id: string }>(
    'SELECT user_id, workspace_id FROM person_identities WHERE tenant_id = $1 AND person_id = $2',
    [tenantId, personId],
  );
  return {
    email: rows[0].email,
    userIds: identities.rows.map((i) => i.user_id),
    workspaceIds: identities.rows.map((i) => i.workspace_id),
    conversationKeys: identities.rows.map((i) => `user:${i.user_id}`),
  };
}

/** The profile and what only reaches or signs in the person; messages still waiting for them are cancelled. */
async function removeWithPerson(tx: Queryable, erasure: PersonErasure, person: ErasedPerson): Promise<number> {
  const { tenantId, personId } = erasure;
  let removed = 0;
  for (const table of ['sessions', 'weekly_hour_schedule', 'digests']) {
    const column = table === 'weekly_hour_schedule' ? 'owner_id' : 'person_id';
    removed += (await tx.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND ${column} = $2`, [tenantId, personId]))
      .rowCount;
  }
  removed += (
    await tx.query(
      `DELETE FROM conversations WHERE platform IN ('slack', 'teams') AND (workspace_id, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [person.workspaceIds, person.conversationKeys],
    )
  ).rowCount;
  if (person.email) {
    removed += (
      await tx.query('DELETE FROM role_grants WHERE tenant_id = $1 AND email = lower($2)', [tenantId, person.email])
    ).rowCount;
  }
  await tx.query(
    `UPDATE outbox SET status = 'cancelled', done_at = $3, last_error = 'person_erased', locked_until = NULL,
       payload = payload - $4::text[]
     WHERE tenant_id = $1 AND status = 'pending'
       AND (payload -> 'to' ->> 'userId' = ANY($2::text[]) OR payload -> 'person' ->> 'userId' = ANY($2::text[]))`,
    [tenantId, person.userIds, erasure.audit.at, SENT_PAYLOAD_TEXTS],
  );
  // The identities go with the profile (ON DELETE CASCADE).
  removed += (
    await tx.query('DELETE FROM person_identities WHERE tenant_id = $1 AND person_id = $2', [tenantId, personId])
  ).rowCount;
  removed += (await tx.query('DELETE FROM people WHERE tenant_id = $1 AND id = $2', [tenantId, personId])).rowCount;
  return removed;
}

/**
 * What the person wrote, or was written about their requests, goes. A skip reason is kept as
 * empty: a week skipped with a reason counts as looked after (owner engagement), and still does.
 */
async function forgetTexts(tx: Queryable, { tenantId, personId }: PersonErasure): Promise<void> {
  await tx.query(
    'UPDATE membership_requests SET note = NULL, reason = NULL WHERE tenant_id = $1 AND requester_id = $2',
    [tenantId, personId],
  );
  await tx.query(
    `UPDATE weekly_hours SET skip_reason = '' WHERE tenant_id = $1 AND owner_id = $2 AND skip_reason IS NOT NULL`,
    [tenantId, personId],
  );
  await tx.query('UPDATE content_items SET flag_note = NULL WHERE tenant_id = $1 AND flagged_by = $2', [
    tenantId,
    personId,
  ]);
}

/** Every row that names the person names the anonymous id instead; returns how many. */
async function anonymise(tx: Queryable, { tenantId, personId, anonymousId }: PersonErasure): Promise<number> {
  let rows = 0;
  for (const [table, column] of ANONYMISED) {
    rows += (
      await tx.query(`UPDATE ${table} SET ${column} = $3 WHERE tenant_id = $1 AND ${column} = $2`, [
        tenantId,
        personId,
        anonymousId,
      ])
    ).rowCount;
  }
  rows += (
    await tx.query('UPDATE audit_entries SET subject_id = $3 WHERE tenant_id = $1 AND subject_id = $2', [
      tenantId,
      personId,
      anonymousId,
    ])
  ).rowCount;
  rows += (
    await tx.query(
      `UPDATE groups SET owner_ids = array_replace(owner_ids, $2::uuid, $3::uuid) WHERE tenant_id = $1 AND owner_ids @> ARRAY[$2::uuid]`,
      [tenantId, personId, anonymousId],
    )
  ).rowCount;
  return rows;
}

/**
 * The values naming the person, wherever an audit detail or an outbox message holds one as a
 * whole JSON string (compared as JSON text, so a value is never cut out of a longer one).
 */
async function scrub(tx: Queryable, { tenantId, scrub: values, replacement }: PersonErasure): Promise<void> {
  const quoted = JSON.stringify(replacement);
  for (const value of new Set(values)) {
    if (value === '') continue;
    const needle = JSON.stringify(value);
    await tx.query(
      `UPDATE audit_entries SET details = replace(details::text, $2, $3)::jsonb WHERE tenant_id = $1 AND strpos(details::text, $2) > 0`,
      [tenantId, needle, quoted],
    );
    await tx.query(
      `UPDATE outbox SET payload = replace(payload::text, $2, $3)::jsonb,
         result = replace(result::text, $2, $3)::jsonb
       WHERE tenant_id = $1 AND (strpos(payload::text, $2) > 0 OR strpos(coalesce(result::text, ''), $2) > 0)`,
      [tenantId, needle, quoted],
    );
  }
}
