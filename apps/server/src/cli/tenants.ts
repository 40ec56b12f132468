import { isId, type Store, type Tenant } from '@steward/core';
import { UsageError } from './command.ts';

/** The tenants to show: all of them, or the one asked for (which must exist). */
export async function tenantsOf(store: Store, tenantId: string | undefined): Promise<Tenant[]> {
  if (tenantId === undefined) return store.tenants.list();
  const tenant = isId(tenantId) ? await store.tenants.get(tenantId) : null;
  if (!tenant) throw new UsageError(`no tenant ${tenantId} (steward organisation lists them)`);
  return [tenant];
}
