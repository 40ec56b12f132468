import type { Person } from '../../domain/person.ts';
import type { ErrorCode, Result } from '../../errors.ts';
import type { PersonRecords } from '../../ports/store/privacy.ts';
import type { CoreDeps } from '../deps.ts';
import { findPersonByEmail } from './find-person.ts';

/** Everything stored about a person: their profile and identities, and every row that names them. */
export interface PersonExport {
  readonly exportedAt: Date;
  readonly tenantId: string;
  /** The profile, with the identities on each platform. */
  readonly person: Person;
  /**
   * By table (or collection): memberships, requests, contributions by day and their spans,
   * questions, weekly hours, content items they authored, verified or flagged, audit entries
   * they made (`audit_entries`) or are about (`audit_entries_about`), sessions, digests, role
   * grants, messages to them, groups they own; raw contribution events counted by kind.
   */
  readonly records: PersonRecords;
}

/** The export of the person with this e-mail (see `findPersonByEmail` for `tenantId`). */
export async function exportPerson(
  deps: CoreDeps,
  email: string,
  tenantId?: string,
): Promise<
  Result<PersonExport, typeof ErrorCode.NotFound | typeof ErrorCode.Conflict | typeof ErrorCode.InvalidInput>
> {
  const found = await findPersonByEmail(deps, email, tenantId);
  if (!found.ok) return found;
  const person = found.value;
  const records = await deps.store.privacy.personRecords(person.tenantId, person.id);
  return { ok: true, value: { exportedAt: deps.clock.now(), tenantId: person.tenantId, person, records } };
}
