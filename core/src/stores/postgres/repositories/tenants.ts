import { HEALTH_COMPONENTS, type HealthComponent, type HealthWeights } from '../../../domain/health.ts';
import type { Locale } from '../../../domain/locale.ts';
import type { Tenant } from '../../../domain/tenant.ts';
import type { IsoWeekday } from '../../../domain/weekly-hour-slot.ts';
import type { TenantRepository } from '../../../ports/store/tenants.ts';
import type { Sql } from '../sql.ts';

interface TenantRow {
  [column: string]: unknown;
  id: string;
  name: string;
  default_weekday: number;
  default_time: string;
  default_time_zone: string;
  default_locale: string;
  escalation_co_owners_after_weeks: number;
  escalation_managers_after_weeks: number;
  request_expiry_days: number;
  created_at: Date;
}

const WEIGHT_COLUMNS: Readonly<Record<HealthComponent, string>> = {
  activity: 'health_weight_activity',
  growth: 'health_weight_growth',
  responsiveness: 'health_weight_responsiveness',
  freshness: 'health_weight_freshness',
  ownerEngagement: 'health_weight_owner_engagement',
  ownership: 'health_weight_ownership',
  purpose: 'health_weight_purpose',
};
const weightColumns = HEALTH_COMPONENTS.map((c) => WEIGHT_COLUMNS[c]);

const SAVE = `
INSERT INTO tenants (id, name, default_weekday, default_time, default_time_zone, default_locale,
  escalation_co_owners_after_weeks, escalation_managers_after_weeks, created_at, ${weightColumns.join(', ')}, request_expiry_days)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ${weightColumns.map((_, i) => `$${i + 10}`).join(', ')}, $${weightColumns.length + 10})
ON CONFLICT (id) DO UPDATE SET name = excluded.name, default_weekday = excluded.default_weekday,
  default_time = excluded.default_time, default_time_zone = excluded.default_time_zone,
  default_locale = excluded.default_locale,
  escalation_co_owners_after_weeks = excluded.escalation_co_owners_after_weeks,
  escalation_managers_after_weeks = excluded.escalation_managers_after_weeks,
  ${weightColumns.map((column) => `${column} = excluded.${column}`).join(', ')},
  request_expiry_days = excluded.request_expiry_days`;

const weightsOf = (row: TenantRow): HealthWeights =>
  Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, row[WEIGHT_COLUMNS[c]] as number])) as HealthWeights;

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    defaultWeeklyHour: { weekday: row.default_weekday as IsoWeekday, time: row.default_time },
    defaultTimeZone: row.default_time_zone,
    defaultLocale: row.default_locale as Locale,
    escalation: {
      coOwnersAfterWeeks: row.escalation_co_owners_after_weeks,
      managersAfterWeeks: row.escalation_managers_after_weeks,
    },
    healthWeights: weightsOf(row),
    requestExpiryDays: row.request_expiry_days,
    createdAt: row.created_at,
  };
}

export class PostgresTenants implements TenantRepository {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async save(tenant: Tenant): Promise<void> {
    await this.#sql.query(SAVE, [
      tenant.id,
      tenant.name,
      tenant.defaultWeeklyHour.weekday,
      tenant.defaultWeeklyHour.time,
      tenant.defaultTimeZone,
      tenant.defaultLocale,
      tenant.escalation.coOwnersAfterWeeks,
      tenant.escalation.managersAfterWeeks,
      tenant.createdAt,
      ...HEALTH_COMPONENTS.map((c) => tenant.healthWeights[c]),
      tenant.requestExpiryDays,
    ]);
  }

  async get(tenantId: string): Promise<Tenant | null> {
    const { rows } = await this.#sql.query<TenantRow>('SELECT * FROM tenants WHERE id = $1', [tenantId]);
    return rows[0] ? toTenant(rows[0]) : null;
  }

  async list(): Promise<Tenant[]> {
    const { rows } = await this.#sql.query<TenantRow>('SELECT * FROM tenants ORDER BY name, id');
    return rows.map(toTenant);
  }
}
