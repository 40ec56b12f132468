import type { Tenant } from '../../domain/tenant.ts';

export interface TenantRepository {
  /** Inserts or replaces the tenant with this id. */
  save(tenant: Tenant): Promise<void>;
  get(tenantId: string): Promise<Tenant | null>;
  list(): Promise<Tenant[]>;
}
