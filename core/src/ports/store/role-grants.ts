import type { RoleSource } from '../../domain/organisation.ts';
import type { Role } from '../../domain/person.ts';

/**
 * A role given to whoever has an e-mail in a tenant, now or when they first appear. Kept apart
 * from the people's roles so that taking back what one source gave leaves what others gave.
 */
export interface RoleGrant {
  readonly tenantId: string;
  /** Normalised (`normaliseEmail`) by the caller. */
  readonly email: string;
  readonly role: Role;
  readonly source: RoleSource;
  readonly grantedAt: Date;
}

export interface RoleGrantRepository {
  /** True when the grant is new; an existing grant of the same tenant, e-mail, role and source is kept as it is. */
  grant(grant: RoleGrant): Promise<boolean>;
  /** True when there was such a grant. */
  revoke(tenantId: string, email: string, role: Role, source: RoleSource): Promise<boolean>;
  /** Ordered by e-mail, role, source. */
  list(tenantId: string): Promise<RoleGrant[]>;
  /** The grants of one normalised e-mail, ordered by role, source. */
  listForEmail(tenantId: string, email: string): Promise<RoleGrant[]>;
}
