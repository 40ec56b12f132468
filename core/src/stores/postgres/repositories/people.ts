import type { Locale } from '../../../domain/locale.ts';
import type { Person, PlatformIdentity, Role } from '../../../domain/person.ts';
import type { Platform } from '../../../domain/platform.ts';
import type { IsoWeekday } from '../../../domain/weekly-hour-slot.ts';
import { InvariantViolation } from '../../../errors.ts';
import type { Page, PersonRepository } from '../../../ports/store/people.ts';
import { isUniqueViolation, type Sql } from '../sql.ts';

interface PersonRow {
  [column: string]: unknown;
  id: string;
  tenant_id: string;
  display_name: string;
  email: string | null;
  time_zone: string;
  locale: string;
  roles: string[];
  weekly_hour_weekday: number | null;
  weekly_hour_time: string | null;
  preferred_platform: string | null;
  deactivated_at: Date | null;
  time_off_from: string | null;
  time_off_until: string | null;
  time_off_cover_id: string | null;
  identities: { platform: Platform; workspaceId: string; userId: string }[];
}

// One row per person with its identities folded in, so a read is one round trip.
const SELECT_PEOPLE = `
  SELECT p.*, COALESCE((
    SELECT json_agg(json_build_object('platform', i.platform, 'workspaceId', i.workspace_id, 'userId', i.user_id)
                    ORDER BY i.platform, i.workspace_id, i.user_id)
    FROM person_identities i WHERE i.tenant_id = p.tenant_id AND i.person_id = p.id), '[]') AS identities
  FROM people p`;

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    displayName: row.display_name,
    email: row.email,
    identities: row.identities,
    timeZone: row.time_zone,
    locale: row.locale as Locale,
    roles: row.roles as Role[],
    weeklyHour:
      row.weekly_hour_weekday === null || row.weekly_hour_time === null
        ? null
        : { weekday: row.weekly_hour_weekday as IsoWeekday, time: row.weekly_hour_time },
    preferredPlatform: row.preferred_platform as Platform | null,
    deactivatedAt: row.deactivated_at,
    timeOff:
      row.time_off_from === null || row.time_off_until === null
        ? null
        : { from: row.time_off_from, until: row.time_off_until, coverId: row.time_off_cover_id },
  };
}

export class PostgresPeople implements PersonRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async save(person: Person): Promise<void> {
    try {
      await this.#sql.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO people (tenant_id, id, display_name, email, time_zone, locale, roles,
             weekly_hour_weekday, weekly_hour_time, preferred_platform, deactivated_at,
             time_off_from, time_off_until, time_off_cover_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           ON CONFLICT (tenant_id, id) DO UPDATE SET display_name = excluded.display_name,
             email = excluded.email, time_zone = excluded.time_zone, locale = excluded.locale,
             roles = excluded.roles, weekly_hour_weekday = excluded.weekly_hour_weekday,
             weekly_hour_time = excluded.weekly_hour_time, preferred_platform = excluded.preferred_platform,
             deactivated_at = excluded.deactivated_at, time_off_from = excluded.time_off_from,
             time_off_until = excluded.time_off_until, time_off_cover_id = excluded.time_off_cover_id`,
          [
            person.tenantId,
            person.id,
            person.displayName,
            person.email,
            person.timeZone,
            person.locale,
            person.roles,
            person.weeklyHour?.weekday ?? null,
            person.weeklyHour?.time ?? null,
            person.preferredPlatform,
            person.deactivatedAt,
            person.timeOff?.from ?? null,
            person.timeOff?.until ?? null,
            person.timeOff?.coverId ?? null,
          ],
        );
        await tx.query('DELETE FROM person_identities WHERE tenant_id = $1 AND person_id = $2', [
          person.tenantId,
          person.id,
        ]);
        if (person.identities.length > 0) {
          await tx.query(
            `INSERT INTO person_identities (tenant_id, person_id, platform, workspace_id, user_id)
             SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[])`,
            [
              person.tenantId,
              person.id,
              person.identities.map((i) => i.platform),
              person.identities.map((i) => i.workspaceId),
              person.identities.map((i) => i.userId),
            ],
          );
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new InvariantViolation(`person ${person.id}: e-mail or platform identity belongs to another person`);
      }
      throw error;
    }
  }

  async get(tenantId: string, personId: string): Promise<Person | null> {
    const { rows } = await this.#sql.query<PersonRow>(`${SELECT_PEOPLE} WHERE p.tenant_id = $1 AND p.id = $2`, [
      tenantId,
      personId,
    ]);
    return rows[0] ? toPerson(rows[0]) : null;
  }

  async findByIdentity(tenantId: string, identity: PlatformIdentity): Promise<Person | null> {
    const { rows } = await this.#sql.query<PersonRow>(
      `${SELECT_PEOPLE} JOIN person_identities f ON f.tenant_id = p.tenant_id AND f.person_id = p.id
       WHERE f.tenant_id = $1 AND f.platform = $2 AND f.workspace_id = $3 AND f.user_id = $4`,
      [tenantId, identity.platform, identity.workspaceId, identity.userId],
    );
    return rows[0] ? toPerson(rows[0]) : null;
  }

  async findByIdentities(tenantId: string, identities: readonly PlatformIdentity[]): Promise<Person[]> {
    if (identities.length === 0) return [];
    const { rows } = await this.#sql.query<PersonRow>(
      `${SELECT_PEOPLE} WHERE p.tenant_id = $1 AND p.id IN (
         SELECT f.person_id FROM person_identities f
         JOIN unnest($2::text[], $3::text[], $4::text[]) AS w (platform, workspace_id, user_id)
           ON f.platform = w.platform AND f.workspace_id = w.workspace_id AND f.user_id = w.user_id
         WHERE f.tenant_id = $1)`,
      [
        tenantId,
        identities.map((i) => i.platform),
        identities.map((i) => i.workspaceId),
        identities.map((i) => i.userId),
      ],
    );
    return rows.map(toPerson);
  }

  async findByEmail(tenantId: string, email: string): Promise<Person | null> {
    const { rows } = await this.#sql.query<PersonRow>(
      `${SELECT_PEOPLE} WHERE p.tenant_id = $1 AND lower(p.email) = lower($2)`,
      [tenantId, email.trim()],
    );
    return rows[0] ? toPerson(rows[0]) : null;
  }

  async getMany(tenantId: string, personIds: readonly string[]): Promise<Person[]> {
    if (personIds.length === 0) return [];
    const { rows } = await this.#sql.query<PersonRow>(
      `${SELECT_PEOPLE} WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`,
      [tenantId, personIds],
    );
    return rows.map(toPerson);
  }

  async list(tenantId: string, page: Page = { limit: 1000, offset: 0 }): Promise<Person[]> {
    const { rows } = await this.#sql.query<PersonRow>(
      `${SELECT_PEOPLE} WHERE p.tenant_id = $1 ORDER BY p.display_name, p.id LIMIT $2 OFFSET $3`,
      [tenantId, page.limit, page.offset],
    );
    return rows.map(toPerson);
  }

  async listWithRole(tenantId: string, role: Role): Promise<Person[]> {
    // "roles <> '{}'" is the condition of the index of people with a role.
    const { rows } = await this.#sql.query<PersonRow>(
      `${SELECT_PEOPLE} WHERE p.tenant_id = $1 AND p.roles <> '{}' AND $2 = ANY(p.roles) AND p.deactivated_at IS NULL
       ORDER BY p.display_name, p.id`,
      [tenantId, role],
    );
    return rows.map(toPerson);
  }

  async listSharingEmail(tenantIds: readonly string[]): Promise<Person[]> {
    // Each tenant has at most one person per e-mail (people_email), so a shared e-mail is one seen twice.
    const { rows } = await this.#sql.query<PersonRow>(
      `${SELECT_PEOPLE} WHERE p.tenant_id = ANY($1::uuid[]) AND lower(p.email) IN (
         SELECT lower(email) FROM people WHERE tenant_id = ANY($1::uuid[]) AND email IS NOT NULL
         GROUP BY lower(email) HAVING count(*) > 1)
       ORDER BY lower(p.email) COLLATE "C", p.tenant_id`,
      [tenantIds],
    );
    return rows.map(toPerson);
  }
}
