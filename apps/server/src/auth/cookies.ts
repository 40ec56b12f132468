import type { SessionPolicy } from '@steward/core';
import type express from 'express';

/**
 * The cookies of the dashboard's sign-in.
 *
 * Served over https (any real install), the session cookie is `Secure; HttpOnly; SameSite=None`,
 * named with the `__Host-` prefix (no Domain, Path=/: a sibling sub-domain cannot plant one). The
 * dashboard is also the Teams personal tab, a frame inside teams.microsoft.com: a frame on another
 * site gets only SameSite=None cookies. It is not `Partitioned` (CHIPS), on purpose: Entra and
 * Slack refuse to be framed, so sign-in happens in a top-level window (the Teams client opens it
 * as a pop-up, `authentication.authenticate`), and a partitioned cookie set there would be keyed
 * to our own site and never reach the frame. Where a browser blocks third-party cookies outright
 * (Safari; Firefox in strict mode) the tab needs Teams single sign-on, which this does not do.
 * On a laptop the same cookie is a plain first-party one.
 *
 * Over plain http (only allowed for localhost: the demo), browsers refuse SameSite=None without
 * Secure, so it is `HttpOnly; SameSite=Lax`, no prefix.
 *
 * The sign-in's own state (state, nonce, PKCE verifier) travels in a second cookie for the ten
 * minutes between leaving for the provider and coming back: SameSite=Lax, since the provider
 * brings the browser back by a top-level GET, which Lax cookies accompany.
 */
export class SignInCookies {
  readonly #secure: boolean;
  readonly #session: string;
  readonly #flow: string;

  constructor(publicUrl: string | null) {
    this.#secure = publicUrl?.startsWith('https:') ?? false;
    const prefix = this.#secure ? '__Host-' : '';
    this.#session = `${prefix}steward_session`;
    this.#flow = `${prefix}steward_signin`;
  }

  /** The session cookie's name (`__Host-steward_session` over https), e.g. for the API's document. */
  get sessionName(): string {
    return this.#session;
  }

  session(request: express.Request): string | null {
    return readCookie(request.headers.cookie, this.#session);
  }

  setSession(response: express.Response, id: string, policy: SessionPolicy): void {
    response.cookie(this.#session, id, {
      ...this.#attributes(this.#secure ? 'none' : 'lax'),
      maxAge: policy.absoluteMs,
    });
  }

  clearSession(response: express.Response): void {
    response.clearCookie(this.#session, this.#attributes(this.#secure ? 'none' : 'lax'));
  }

  flow(request: express.Request): string | null {
    return readCookie(request.headers.cookie, this.#flow);
  }

  setFlow(response: express.Response, value: string, maxAgeMs: number): void {
    response.cookie(this.#flow, value, { ...this.#attributes('lax'), maxAge: maxAgeMs });
  }

  clearFlow(response: express.Response): void {
    response.clearCookie(this.#flow, this.#attributes('lax'));
  }

  #attributes(sameSite: 'none' | 'lax'): express.CookieOptions {
    return { httpOnly: true, secure: this.#secure, sameSite, path: '/' };
  }
}

/** The value of one cookie of a Cookie header (RFC 6265 §5.4), or null; never more than 4 KB read. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const value = pair.slice(at + 1).trim();
    return value === '' || value.length > 4096 ? null : value;
  }
  return null;
}
