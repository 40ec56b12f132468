import type { ContentFlag, ContentItem, ContentKind, ContentState } from '../../../domain/content-item.ts';
import type { Platform, PlatformRef } from '../../../domain/platform.ts';
import type { ContentItemRepository } from '../../../ports/store/content-items.ts';
import type { Sql } from '../sql.ts';

interface ContentRow {
  [column: string]: unknown;
  tenant_id: string;
  id: string;
  group_id: string;
  kind: string;
  platform: string;
  workspace_id: string;
  platform_id: string;
  title: string;
  link: string | null;
  last_changed_at: Date;
  last_reviewed_at: Date | null;
  review_interval_days: number | null;
  state: string;
  verifier_id: string | null;
  author_id: string | null;
  flagged_by: string | null;
  flagged_at: Date | null;
  flag_note: string | null;
}

function toItem(row: ContentRow): ContentItem {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    groupId: row.group_id,
    kind: row.kind as ContentKind,
    platformRef: { platform: row.platform as Platform, workspaceId: row.workspace_id, id: row.platform_id },
    title: row.title,
    link: row.link,
    lastChangedAt: row.last_changed_at,
    lastReviewedAt: row.last_reviewed_at,
    reviewIntervalDays: row.review_interval_days,
    state: row.state as ContentState,
    verifierId: row.verifier_id,
    authorId: row.author_id,
    flag: row.flagged_by && row.flagged_at ? { byId: row.flagged_by, at: row.flagged_at, note: row.flag_note } : null,
  };
}

export class PostgresContentItems implements ContentItemRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async save(item: ContentItem): Promise<ContentItem> {
    // Keyed by the platform reference: the inventory sync sees the same item again and again. An
    // item's own interval is the owners' choice: a sync that brings none keeps it.
    const { rows } = await this.#sql.query<ContentRow>(
      `INSERT INTO content_items (tenant_id, id, group_id, kind, platform, workspace_id, platform_id, title, link,
         last_changed_at, last_reviewed_at, review_interval_days, state,
         verifier_id, author_id, flagged_by, flagged_at, flag_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (tenant_id, platform, workspace_id, platform_id) DO UPDATE SET group_id = excluded.group_id,
         kind = excluded.kind, title = excluded.title, link = excluded.link,
         last_changed_at = excluded.last_changed_at, state = excluded.state,
         review_interval_days = COALESCE(excluded.review_interval_days, content_items.review_interval_days),
         last_reviewed_at = GREATEST(content_items.last_reviewed_at, excluded.last_reviewed_at),
         author_id = COALESCE(excluded.author_id, content_items.author_id)
       RETURNING *`,
      [
        item.tenantId,
        item.id,
        item.groupId,
        item.kind,
        item.platformRef.platform,
        item.platformRef.workspaceId,
        item.platformRef.id,
        item.title,
        item.link,
        item.lastChangedAt,
        item.lastReviewedAt,
        item.reviewIntervalDays,
        item.state,
        // The verifier and a flag are people's choices: written on insert, kept by every later save.
        item.verifierId ?? null,
        item.authorId ?? null,
        item.flag?.byId ?? null,
        item.flag?.at ?? null,
        item.flag?.note ?? null,
      ],
    );
    return toItem(rows[0] as ContentRow);
  }

  async get(tenantId: string, itemId: string): Promise<ContentItem | null> {
    const { rows } = await this.#sql.query<ContentRow>('SELECT * FROM content_items WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      itemId,
    ]);
    return rows[0] ? toItem(rows[0]) : null;
  }

  async listByGroup(tenantId: string, groupId: string, state?: ContentState): Promise<ContentItem[]> {
    const { rows } = await this.#sql.query<ContentRow>(
      `SELECT * FROM content_items WHERE tenant_id = $1 AND group_id = $2 AND ($3::text IS NULL OR state = $3)
       ORDER BY last_changed_at, id`,
      [tenantId, groupId, state ?? null],
    );
    return rows.map(toItem);
  }

  async listActiveIn(tenantId: string, groupIds: readonly string[]): Promise<ContentItem[]> {
    const { rows } = await this.#sql.query<ContentRow>(
      `SELECT * FROM content_items WHERE tenant_id = $1 AND group_id = ANY($2::uuid[]) AND state = 'active'
       ORDER BY last_changed_at, id`,
      [tenantId, groupIds],
    );
    return rows.map(toItem);
  }

  async markReviewed(tenantId: string, itemId: string, at: Date): Promise<ContentItem | null> {
    const { rows } = await this.#sql.query<ContentRow>(
      `UPDATE content_items SET last_reviewed_at = $3, flagged_by = NULL, flagged_at = NULL, flag_note = NULL
       WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, itemId, at],
    );
    return rows[0] ? toItem(rows[0]) : null;
  }

  async archive(tenantId: string, itemId: string, at: Date): Promise<ContentItem | null> {
    const { rows } = await this.#sql.query<ContentRow>(
      `UPDATE content_items SET state = 'archived', last_changed_at = $3
       WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, itemId, at],
    );
    return rows[0] ? toItem(rows[0]) : null;
  }

  async archiveMissing(
    tenantId: string,
    groupId: string,
    kinds: readonly ContentKind[],
    presentIds: readonly string[],
    at: Date,
  ): Promise<number> {
    // One statement for the group, whatever its size: the index on (tenant_id, group_id) finds it.
    const { rows } = await this.#sql.query<{ id: string }>(
      `UPDATE content_items SET state = 'archived', last_changed_at = $5
       WHERE tenant_id = $1 AND group_id = $2 AND state = 'active' AND kind = ANY($3::text[])
         AND NOT (platform_id = ANY($4::text[]))
       RETURNING id`,
      [tenantId, groupId, kinds, presentIds, at],
    );
    return rows.length;
  }

  // Content review.

  async setReviewInterval(tenantId: string, itemId: string, days: number | null): Promise<ContentItem | null> {
    return this.#updateOne('review_interval_days = $3', [tenantId, itemId, days]);
  }

  async setVerifier(tenantId: string, itemId: string, verifierId: string | null): Promise<ContentItem | null> {
    return this.#updateOne('verifier_id = $3', [tenantId, itemId, verifierId]);
  }

  async flag(tenantId: string, itemId: string, flag: ContentFlag): Promise<ContentItem | null> {
    return this.#updateOne(
      'flagged_by = $3, flagged_at = $4, flag_note = $5',
      [tenantId, itemId, flag.byId, flag.at, flag.note],
      "AND state = 'active'",
    );
  }

  async findActive(
    tenantId: string,
    by: { readonly refs: readonly PlatformRef[]; readonly links: readonly string[] },
  ): Promise<ContentItem[]> {
    if (by.refs.length === 0 && by.links.length === 0) return [];
    const { rows } = await this.#sql.query<ContentRow>(
      `SELECT c.* FROM content_items c
       WHERE c.tenant_id = $1 AND c.state = 'active' AND (
         c.link = ANY($2::text[])
         OR (c.platform, c.workspace_id, c.platform_id) IN (
           SELECT * FROM unnest($3::text[], $4::text[], $5::text[])))
       ORDER BY c.last_changed_at, c.id`,
      [tenantId, by.links, by.refs.map((r) => r.platform), by.refs.map((r) => r.workspaceId), by.refs.map((r) => r.id)],
    );
    return rows.map(toItem);
  }

  async #updateOne(set: string, params: readonly unknown[], where = ''): Promise<ContentItem | null> {
    const { rows } = await this.#sql.query<ContentRow>(
      `UPDATE content_items SET ${set} WHERE tenant_id = $1 AND id = $2 ${where} RETURNING *`,
      [...params],
    );
    return rows[0] ? toItem(rows[0]) : null;
  }
}
