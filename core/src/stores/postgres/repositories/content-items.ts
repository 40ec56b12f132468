import type { ContentItem, ContentKind, ContentState } from '../../../domain/content-item.ts';
import type { Platform } from '../../../domain/platform.ts';
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
         last_changed_at, last_reviewed_at, review_interval_days, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (tenant_id, platform, workspace_id, platform_id) DO UPDATE SET group_id = excluded.group_id,
         kind = excluded.kind, title = excluded.title, link = excluded.link,
         last_changed_at = excluded.last_changed_at, state = excluded.state,
         review_interval_days = COALESCE(excluded.review_interval_days, content_items.review_interval_days),
         last_reviewed_at = GREATEST(content_items.last_reviewed_at, excluded.last_reviewed_at)
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
      'UPDATE content_items SET last_reviewed_at = $3 WHERE tenant_id = $1 AND id = $2 RETURNING *',
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

  async archiveMissing(tenantId: string, groupId: string, kinds: readonly ContentKind[], presentIds: readonly string[], at: Date): Promise<number> {
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
}
