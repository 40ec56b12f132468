import type { mongo } from 'mongoose';
import type { RoleSource } from '../../../domain/organisation.ts';
import type { Role } from '../../../domain/person.ts';
import type { RoleGrant, RoleGrantRepository } from '../../../ports/store/role-grants.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import type { RoleGrantDocument } from '../models.ts';

function toGrant(doc: RoleGrantDocument): RoleGrant {
  return { tenantId: doc.tenantId, email: doc.email, role: doc.role, source: doc.source, grantedAt: doc.grantedAt };
}

export class MongoRoleGrants implements RoleGrantRepository {
  readonly #grants: mongo.Collection<RoleGrantDocument>;
  constructor(grants: mongo.Collection<RoleGrantDocument>) {
    this.#grants = grants;
  }

  async grant(grant: RoleGrant): Promise<boolean> {
    // The filter is exactly the unique key: of racing grants one inserts, the others match it.
    const { upsertedCount } = await upsertRetryingRace(() =>
      this.#grants.updateOne(
        { tenantId: grant.tenantId, email: grant.email, role: grant.role, source: grant.source },
        { $setOnInsert: { grantedAt: grant.grantedAt } },
        { upsert: true },
      ),
    );
    return upsertedCount > 0;
  }

  async revoke(tenantId: string, email: string, role: Role, source: RoleSource): Promise<boolean> {
    const { deletedCount } = await this.#grants.deleteOne({ tenantId, email, role, source });
    return deletedCount > 0;
  }

  async list(tenantId: string): Promise<RoleGrant[]> {
    const docs = await this.#grants.find({ tenantId }).sort({ email: 1, role: 1, source: 1 }).toArray();
    return docs.map(toGrant);
  }

  async listForEmail(tenantId: string, email: string): Promise<RoleGrant[]> {
    const docs = await this.#grants.find({ tenantId, email }).sort({ role: 1, source: 1 }).toArray();
    return docs.map(toGrant);
  }
}
