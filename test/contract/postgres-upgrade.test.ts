import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_TARGET_HOURS } from '../../core/src/domain/group.ts';
import { newId } from '../../core/src/domain/ids.ts';
import { DEFAULT_ESCALATION } from '../../core/src/domain/tenant.ts';
import {
  createPool,
  type EmbeddedDatabase,
  openEmbeddedDatabase,
  PostgresStore,
} from '../../core/src/stores/postgres/index.ts';
import { migrate } from '../../core/src/stores/postgres/migrate.ts';
import { migrations } from '../../core/src/stores/postgres/migrations/index.ts';
import { createSql } from '../../core/src/stores/postgres/sql.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';

// Rows written before a migration must read back as the domain expects after it: a database is
// upgraded in place, never recreated. Each test starts from an empty database of its own.
describe('PostgreSQL store upgraded from an earlier schema', { timeout: 60_000 }, () => {
  let dataDir: string;
  let database: EmbeddedDatabase;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'steward-upgrade-'));
    database = await openEmbeddedDatabase({ dataDir, maxConnections: 4 });
  });
  afterEach(async () => {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives tenants, people and groups of before the weekly hour its defaults, and groups of before registration the active state', async () => {
    const tenant = aTenant();
    const person = aPerson(tenant.id);
    const group = aGroup(tenant.id, [person.id]);
    const before = createSql(createPool(database.connectionString, 1));
    try {
      await migrate(
        before,
        migrations.filter((m) => m.version <= 3),
      );
      await before.query(
        `INSERT INTO tenants (id, name, default_weekday, default_time, default_time_zone, default_locale, created_at)
         VALUES ($1, $2, 1, '09:00', 'Europe/Paris', 'en', $3)`,
        [tenant.id, tenant.name, tenant.createdAt],
      );
      await before.query(
        `INSERT INTO people (tenant_id, id, display_name, email, time_zone, locale) VALUES ($1, $2, $3, $4, 'Europe/Paris', 'en')`,
        [tenant.id, person.id, person.displayName, person.email],
      );
      await before.query(
        `INSERT INTO groups (tenant_id, id, name, platform, workspace_id, platform_id, owner_ids, membership_policy,
           review_interval_days, created_at)
         VALUES ($1, $2, $3, 'slack', 'T1', $4, $5, 'approval', 90, $6)`,
        [tenant.id, group.id, group.name, group.platformRef.id, group.ownerIds, group.createdAt],
      );
    } finally {
      await before.end();
    }

    const store = await PostgresStore.open({ connectionString: database.connectionString, maxConnections: 1 });
    try {
      expect((await store.tenants.get(tenant.id))?.escalation).toEqual(DEFAULT_ESCALATION);
      expect((await store.people.get(tenant.id, person.id))?.preferredPlatform).toBeNull();
      expect(await store.groups.get(tenant.id, group.id)).toMatchObject({
        responseTargetHours: DEFAULT_RESPONSE_TARGET_HOURS,
        welcomeText: null,
        state: 'active',
      });
    } finally {
      await store.close();
    }
  });
  it('gives outbox messages of before 0006 their workspace and group, and keeps installations live', async () => {
    const tenant = aTenant();
    const card = { title: 'Hi' };
    const rows = [
      {
        id: newId(),
        operation: 'send_card',
        payload: { to: { platform: 'slack', workspaceId: 'T1', userId: 'U1' }, card },
      },
      {
        id: newId(),
        operation: 'post_in_group',
        payload: { group: { platform: 'slack', workspaceId: 'T1', id: 'C1' }, card },
      },
      {
        id: newId(),
        operation: 'update_card',
        payload: { sent: { platform: 'slack', workspaceId: 'T2', conversationId: 'D1', messageId: '1' }, card },
      },
    ];
    const before = createSql(createPool(database.connectionString, 1));
    try {
      await migrate(
        before,
        migrations.filter((m) => m.version <= 4),
      );
      await before.query(
        `INSERT INTO tenants (id, name, default_weekday, default_time, default_time_zone, default_locale, created_at)
         VALUES ($1, $2, 1, '09:00', 'Europe/Paris', 'en', $3)`,
        [tenant.id, tenant.name, tenant.createdAt],
      );
      for (const row of rows) {
        await before.query(
          `INSERT INTO outbox (tenant_id, id, platform, operation, payload, status, attempts, created_at, not_before)
           VALUES ($1, $2, 'slack', $3, $4, 'pending', 0, now(), now())`,
          [tenant.id, row.id, row.operation, JSON.stringify(row.payload)],
        );
      }
      await before.query(
        `INSERT INTO installations (platform, workspace_id, tenant_id, enterprise_install, installed_at, secrets)
         VALUES ('slack', 'T1', $1, false, now(), '{}')`,
        [tenant.id],
      );
    } finally {
      await before.end();
    }

    const store = await PostgresStore.open({ connectionString: database.connectionString, maxConnections: 1 });
    try {
      const read = await Promise.all(rows.map((row) => store.outbox.get(tenant.id, row.id)));
      expect(read.map((m) => [m?.workspaceId, m?.groupId])).toEqual([
        ['T1', null],
        ['T1', 'C1'],
        ['T2', null],
      ]);
      expect((await store.installations.find('slack', 'T1'))?.revokedAt).toBeNull();
      expect(
        await store.outbox.cancelPending(
          tenant.id,
          { platform: 'slack', workspaceId: 'T1' },
          new Date(),
          'app_uninstalled',
        ),
      ).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('gives tenants, groups and pending requests of before 0014 their request deadlines: the default target after the request', async () => {
    const tenant = aTenant();
    const person = aPerson(tenant.id);
    const asker = aPerson(tenant.id);
    const group = aGroup(tenant.id, [person.id]);
    const requestId = newId();
    const decidedId = newId();
    const before = createSql(createPool(database.connectionString, 1));
    try {
      await migrate(
        before,
        migrations.filter((m) => m.version <= 13),
      );
      await before.query(
        `INSERT INTO tenants (id, name, default_weekday, default_time, default_time_zone, default_locale, created_at)
         VALUES ($1, $2, 1, '09:00', 'Europe/Paris', 'en', $3)`,
        [tenant.id, tenant.name, tenant.createdAt],
      );
      for (const p of [person, asker]) {
        await before.query(
          `INSERT INTO people (tenant_id, id, display_name, time_zone, locale) VALUES ($1, $2, $3, 'Europe/Paris', 'en')`,
          [tenant.id, p.id, p.displayName],
        );
      }
      await before.query(
        `INSERT INTO groups (tenant_id, id, name, platform, workspace_id, platform_id, owner_ids, membership_policy, review_interval_days, created_at)
         VALUES ($1, $2, $3, 'slack', 'T1', $4, $5, 'approval', 90, $6)`,
        [tenant.id, group.id, group.name, group.platformRef.id, group.ownerIds, group.createdAt],
      );
      await before.query(
        `INSERT INTO membership_requests (tenant_id, id, group_id, requester_id, requested_at, status, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, '2026-03-01T10:00:00Z', 'pending', NULL, NULL), ($1, $5, $3, $4, '2026-02-01T10:00:00Z', 'approved', $6, '2026-02-02T10:00:00Z')`,
        [tenant.id, requestId, group.id, asker.id, decidedId, person.id],
      );
    } finally {
      await before.end();
    }

    const store = await PostgresStore.open({ connectionString: database.connectionString, maxConnections: 1 });
    try {
      expect((await store.tenants.get(tenant.id))?.requestExpiryDays).toBe(14);
      expect((await store.groups.get(tenant.id, group.id))?.requestDeadlineHours).toBe(48);
      expect(await store.membershipRequests.get(tenant.id, requestId)).toMatchObject({
        deadlineStep: null,
        deadlineAt: new Date('2026-03-03T10:00:00Z'),
      });
      expect(await store.membershipRequests.get(tenant.id, decidedId)).toMatchObject({
        deadlineStep: null,
        deadlineAt: null,
      });
      expect(
        (await store.membershipRequests.listDeadlinesDue(new Date('2026-03-03T10:00:00Z'), 10)).map((r) => r.id),
      ).toEqual([requestId]);
    } finally {
      await store.close();
    }
  });
});
