import type { Person } from '../../domain/person.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import type { CoreDeps } from '../deps.ts';

/**
 * The person with this e-mail (case-insensitive), in `tenantId` when given, else in whichever
 * tenant has them. The same e-mail in several tenants (workspaces not linked into one
 * organisation) is refused with `conflict`, naming the tenants, so that the caller picks one.
 */
export async function findPersonByEmail(
  { store }: CoreDeps,
  email: string,
  tenantId?: string,
): Promise<Result<Person, typeof ErrorCode.NotFound | typeof ErrorCode.Conflict | typeof ErrorCode.InvalidInput>> {
  const wanted = email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(wanted)) return fail(ErrorCode.InvalidInput, 'not an e-mail address');
  const tenantIds = tenantId ? [tenantId] : (await store.tenants.list()).map((t) => t.id);
  const found = (await Promise.all(tenantIds.map((id) => store.people.findByEmail(id, wanted)))).filter(
    (p): p is Person => p !== null,
  );
  const [person, ...others] = found;
  if (!person) return fail(ErrorCode.NotFound, 'nobody has this e-mail');
  if (others.length > 0) {
    const tenants = found.map((p) => p.tenantId).join(', ');
    return fail(ErrorCode.Conflict, `this e-mail is in several tenants (${tenants}): name one`, { tenants });
  }
  return ok(person);
}
