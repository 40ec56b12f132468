import { normaliseEmail, type Person, type PlatformIdentity } from '../domain/person.ts';
import { hashSessionId, openSession, type SessionPolicy, sessionRenewal } from '../domain/session.ts';
import { ErrorCode, fail, type Result } from '../errors.ts';
import { type DashboardViewer, dashboardViewer } from './dashboard-access.ts';
import type { CoreDeps } from './deps.ts';

/** What an identity provider vouched for about who signed in. */
export interface SignInClaims {
  /**
   * How the person is known on the platform, most precise first: a Slack user in their workspace,
   * then in their Enterprise organisation (an organisation-wide install is keyed by it); an Entra
   * user (`oid`) in their tenant (`tid`), which is how Teams knows them.
   */
  readonly identities: readonly PlatformIdentity[];
  /** Only an address the provider verified, or that its tenant's directory holds. */
  readonly email: string | null;
}

/**
 * The person who signed in, and who they are to the dashboard. The tenant is the one the app is
 * installed for in their workspace: a person is only ever found in it, so an account of another
 * organisation never becomes a viewer of this one. Then by identity, else by e-mail, but never a
 * person the platform knows under another account of that same workspace.
 */
export async function signInViewer(
  deps: CoreDeps,
  claims: SignInClaims,
): Promise<Result<DashboardViewer, typeof ErrorCode.NotFound | typeof ErrorCode.NotAViewer>> {
  for (const identity of claims.identities) {
    const installation = await deps.store.installations.find(identity.platform, identity.workspaceId);
    if (!installation) continue;
    const person = await personSigningIn(deps, installation.tenantId, identity, claims.email);
    if (!person)
      return fail(
        ErrorCode.NotFound,
        `nobody in tenant ${installation.tenantId} is ${identity.platform} ${identity.userId}`,
      );
    return dashboardViewer(deps, person.tenantId, person.id);
  }
  return fail(ErrorCode.NotFound, 'the app is installed in none of the workspaces the sign-in names');
}

async function personSigningIn(
  deps: CoreDeps,
  tenantId: string,
  identity: PlatformIdentity,
  email: string | null,
): Promise<Person | null> {
  const known = await deps.store.people.findByIdentity(tenantId, identity);
  if (known || !email) return known;
  const byEmail = await deps.store.people.findByEmail(tenantId, normaliseEmail(email));
  const otherAccount = byEmail?.identities.some(
    (i) => i.platform === identity.platform && i.workspaceId === identity.workspaceId && i.userId !== identity.userId,
  );
  return otherAccount ? null : byEmail;
}

/** A new session for a viewer; the id is for the cookie and is stored nowhere. */
export async function startSession(deps: CoreDeps, viewer: DashboardViewer, policy: SessionPolicy): Promise<string> {
  const { id, session } = openSession(viewer.tenantId, viewer.personId, deps.clock.now(), policy);
  await deps.store.sessions.create(session);
  return id;
}

/**
 * The viewer a session id (from a cookie) stands for, as the person is now; null when the session
 * is unknown or over, or the person is no viewer any more. Each use pushes its idle end forward.
 */
export async function sessionViewer(
  deps: CoreDeps,
  sessionId: string,
  policy: SessionPolicy,
): Promise<DashboardViewer | null> {
  const now = deps.clock.now();
  const session = await deps.store.sessions.find(hashSessionId(sessionId), now);
  if (!session) return null;
  const renewal = sessionRenewal(session, now, policy);
  if (renewal) await deps.store.sessions.touch(session.idHash, renewal);
  const viewer = await dashboardViewer(deps, session.tenantId, session.personId);
  return viewer.ok ? viewer.value : null;
}

export async function endSession(deps: CoreDeps, sessionId: string): Promise<void> {
  await deps.store.sessions.delete(hashSessionId(sessionId));
}
