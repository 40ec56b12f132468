import type { mongo } from 'mongoose';
import { DEFAULT_HEALTH_WEIGHTS } from '../../../domain/health.ts';
import { DEFAULT_REQUEST_EXPIRY_DAYS } from '../../../domain/request-deadlines.ts';
import { DEFAULT_ESCALATION, type Tenant } from '../../../domain/tenant.ts';
import type { TenantRepository } from '../../../ports/store/tenants.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import type { TenantDocument } from '../models.ts';

function toTenant(doc: TenantDocument): Tenant {
  return {
    id: doc._id,
    name: doc.name,
    defaultWeeklyHour: { weekday: doc.defaultWeeklyHour.weekday, time: doc.defaultWeeklyHour.time },
    defaultTimeZone: doc.defaultTimeZone,
    defaultLocale: doc.defaultLocale,
    escalation: doc.escalation
      ? { coOwnersAfterWeeks: doc.escalation.coOwnersAfterWeeks, managersAfterWeeks: doc.escalation.managersAfterWeeks }
      : DEFAULT_ESCALATION,
    healthWeights: { ...DEFAULT_HEALTH_WEIGHTS, ...doc.healthWeights },
    requestExpiryDays: doc.requestExpiryDays ?? DEFAULT_REQUEST_EXPIRY_DAYS,
    createdAt: doc.createdAt,
  };
}

export class MongoTenants implements TenantRepository {
  readonly #tenants: mongo.Collection<TenantDocument>;
  constructor(tenants: mongo.Collection<TenantDocument>) {
    this.#tenants = tenants;
  }

  async save(tenant: Tenant): Promise<void> {
    // The creation date is the first save's, as in the PostgreSQL store.
    await upsertRetryingRace(() =>
      this.#tenants.updateOne(
        { _id: tenant.id },
        {
          $set: {
            name: tenant.name,
            defaultWeeklyHour: { weekday: tenant.defaultWeeklyHour.weekday, time: tenant.defaultWeeklyHour.time },
            defaultTimeZone: tenant.defaultTimeZone,
            defaultLocale: tenant.defaultLocale,
            escalation: {
              coOwnersAfterWeeks: tenant.escalation.coOwnersAfterWeeks,
              managersAfterWeeks: tenant.escalation.managersAfterWeeks,
            },
            healthWeights: { ...tenant.healthWeights },
            requestExpiryDays: tenant.requestExpiryDays,
          },
          $setOnInsert: { createdAt: tenant.createdAt },
        },
        { upsert: true },
      ),
    );
  }

  async get(tenantId: string): Promise<Tenant | null> {
    const doc = await this.#tenants.findOne({ _id: tenantId });
    return doc ? toTenant(doc) : null;
  }

  async list(): Promise<Tenant[]> {
    const docs = await this.#tenants.find().sort({ name: 1, _id: 1 }).toArray();
    return docs.map(toTenant);
  }
}
