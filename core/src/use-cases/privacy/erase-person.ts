import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../domain/audit-entry.ts';
import { newId } from '../../domain/ids.ts';
import type { Person } from '../../domain/person.ts';
import { ERASED } from '../../domain/privacy.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import type { PersonErasure, PersonErasureOutcome } from '../../ports/store/privacy.ts';
import type { CoreDeps } from '../deps.ts';
import { findPersonByEmail } from './find-person.ts';

/**
 * How an erasure is audited without keeping the e-mail: its SHA-256 with the tenant, so that "was
 * this address erased?" can be answered by someone who knows the address, and by nobody else who
 * has not guessed it.
 */
export function erasedEmailHash(tenantId: string, email: string): string {
  return createHash('sha256').update(`${tenantId}:${email.trim().toLowerCase()}`).digest('hex');
}

/**
 * The erasure of one person: the profile and identities go; every row that counts in a figure
 * names a fresh anonymous id instead, so each group still counts the same contributions, members
 * and weekly hours, and its figures do not change. An erased owner counts as an owner gone
 * (ownership coverage), as one who left the company. The audit entry keeps no e-mail or name.
 */
export function personErasure(person: Person, at: Date, actorId: string | null): PersonErasure {
  const emailSha256 = person.email ? erasedEmailHash(person.tenantId, person.email) : null;
  const audit: AuditEntry = {
    id: newId(),
    tenantId: person.tenantId,
    at,
    actorId,
    action: 'person.erased',
    subjectKind: 'erased_person',
    // Not the anonymous id: the entry must not tie the address's hash to the anonymous rows.
    subjectId: emailSha256 ?? newId(),
    details: { emailSha256, identities: person.identities.length },
  };
  return {
    tenantId: person.tenantId,
    personId: person.id,
    anonymousId: newId(),
    scrub: [person.email, person.displayName, ...person.identities.map((i) => i.userId)].filter(
      (v): v is string => !!v,
    ),
    replacement: ERASED,
    audit,
  };
}

export async function erasePerson(
  deps: CoreDeps,
  email: string,
  tenantId?: string,
  actorId: string | null = null,
): Promise<
  Result<PersonErasureOutcome, typeof ErrorCode.NotFound | typeof ErrorCode.Conflict | typeof ErrorCode.InvalidInput>
> {
  const found = await findPersonByEmail(deps, email, tenantId);
  if (!found.ok) return found;
  const outcome = await deps.store.privacy.erasePerson(personErasure(found.value, deps.clock.now(), actorId));
  return outcome ? ok(outcome) : fail(ErrorCode.NotFound, 'the person was erased meanwhile');
}
