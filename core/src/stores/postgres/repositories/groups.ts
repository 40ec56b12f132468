import type { Group, GroupState, MembershipPolicy } from '../../../domain/group.ts';
import type { Platform, PlatformRef } from '../../../domain/platform.ts';
import type { GroupRepository } from '../../../ports/store/groups.ts';
import { firstOfEach } from '../../first-of-each.ts';
import type { Sql } from '../sql.ts';

interface GroupRow {
  [column: string]: unknown;
  tenant_id: string;
  id: string;
  name: string;
  platform: string;
  workspace_id: string;
  platform_id: string;
  purpose: string | null;
  owner_ids: string[];
  membership_policy: string;
  review_interval_days: number;
  response_target_hours: number;
  welcome_text: string | null;
  request_deadline_hours: number;
  state: string;
  created_at: Date;
}

function toGroup(row: GroupRow): Group {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    platformRef: { platform: row.platform as Platform, workspaceId: row.workspace_id, id: row.platform_id },
    purpose: row.purpose,
    ownerIds: row.owner_ids,
    membershipPolicy: row.membership_policy as MembershipPolicy,
    reviewIntervalDays: row.review_interval_days,
    responseTargetHours: row.response_target_hours,
    welcomeText: row.welcome_text,
    requestDeadlineHours: row.request_deadline_hours,
    state: row.state as GroupState,
    createdAt: row.created_at,
  };
}

export class PostgresGroups implements GroupRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async save(group: Group): Promise<void> {
    await this.#sql.query(
      `INSERT INTO groups (tenant_id, id, name, platform, workspace_id, platform_id, purpose, owner_ids,
         membership_policy, review_interval_days, response_target_hours, welcome_text, state, created_at,
         request_deadline_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, platform = excluded.platform,
         workspace_id = excluded.workspace_id, platform_id = excluded.platform_id, purpose = excluded.purpose,
         owner_ids = excluded.owner_ids, membership_policy = excluded.membership_policy,
         review_interval_days = excluded.review_interval_days,
         response_target_hours = excluded.response_target_hours, welcome_text = excluded.welcome_text,
         state = excluded.state, request_deadline_hours = excluded.request_deadline_hours`,
      [
        group.tenantId,
        group.id,
        group.name,
        group.platformRef.platform,
        group.platformRef.workspaceId,
        group.platformRef.id,
        group.purpose,
        group.ownerIds,
        group.membershipPolicy,
        group.reviewIntervalDays,
        group.responseTargetHours,
        group.welcomeText,
        group.state,
        group.createdAt,
        group.requestDeadlineHours,
      ],
    );
  }

  async get(tenantId: string, groupId: string): Promise<Group | null> {
    const { rows } = await this.#sql.query<GroupRow>('SELECT * FROM groups WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      groupId,
    ]);
    return rows[0] ? toGroup(rows[0]) : null;
  }

  async getMany(tenantId: string, groupIds: readonly string[]): Promise<Group[]> {
    if (groupIds.length === 0) return [];
    const { rows } = await this.#sql.query<GroupRow>(
      'SELECT * FROM groups WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [tenantId, groupIds],
    );
    return rows.map(toGroup);
  }

  async findByPlatformRef(tenantId: string, ref: PlatformRef): Promise<Group | null> {
    // One round trip whichever key the activity carries: the group's own, or another of its keys.
    const { rows } = await this.#sql.query<GroupRow>(
      `SELECT * FROM groups WHERE tenant_id = $1 AND platform = $2 AND workspace_id = $3 AND platform_id = $4
       UNION ALL
       SELECT g.* FROM group_keys k JOIN groups g ON g.tenant_id = k.tenant_id AND g.id = k.group_id
       WHERE k.tenant_id = $1 AND k.platform = $2 AND k.workspace_id = $3 AND k.key = $4
       LIMIT 1`,
      [tenantId, ref.platform, ref.workspaceId, ref.id],
    );
    return rows[0] ? toGroup(rows[0]) : null;
  }

  async addKeys(tenantId: string, groupId: string, keys: readonly PlatformRef[]): Promise<void> {
    if (keys.length === 0) return;
    const unique = firstOfEach(keys, (key) => JSON.stringify([key.platform, key.workspaceId, key.id]));
    await this.#sql.query(
      `INSERT INTO group_keys (tenant_id, group_id, platform, workspace_id, key)
       SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[])
       ON CONFLICT (tenant_id, platform, workspace_id, key) DO UPDATE SET group_id = excluded.group_id`,
      [tenantId, groupId, unique.map((k) => k.platform), unique.map((k) => k.workspaceId), unique.map((k) => k.id)],
    );
  }

  async list(tenantId: string): Promise<Group[]> {
    const { rows } = await this.#sql.query<GroupRow>('SELECT * FROM groups WHERE tenant_id = $1 ORDER BY name, id', [
      tenantId,
    ]);
    return rows.map(toGroup);
  }

  async listOwnedBy(tenantId: string, ownerId: string): Promise<Group[]> {
    const { rows } = await this.#sql.query<GroupRow>(
      `SELECT * FROM groups WHERE tenant_id = $1 AND owner_ids @> ARRAY[$2::uuid] AND state = 'active'
       ORDER BY name, id`,
      [tenantId, ownerId],
    );
    return rows.map(toGroup);
  }

  async listOwnedByAny(tenantId: string, ownerIds: readonly string[]): Promise<Group[]> {
    const { rows } = await this.#sql.query<GroupRow>(
      `SELECT * FROM groups WHERE tenant_id = $1 AND owner_ids && $2::uuid[] AND state = 'active'
       ORDER BY name, id`,
      [tenantId, ownerIds],
    );
    return rows.map(toGroup);
  }
}
