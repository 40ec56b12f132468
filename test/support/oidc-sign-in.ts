import { BrowserSession } from './browser-session.ts';
import { FakeOidcProvider } from './fake-oidc.ts';

// Signing in for real, through the fake Entra ID and Slack OpenID providers: a server configured
// with `settings(...)` sends the browser to the fake, which brings it back with a code our
// callback trades for an id token, and the browser ends with the session cookie sign-in sets.

export const ENTRA_TENANT = '5c3e2a1f-8d2b-4c6e-9f10-2a3b4c5d6e7f';
export const ENTRA_APP = { id: '0b7d7a54-3c1e-4f0a-8a55-0d3f6f1a2b3c', secret: 'entra-secret' };
export const SLACK_APP = { id: '111.222', secret: 'slack-secret' };

/** An Entra id token's claims for a Teams user (`oid`) of ENTRA_TENANT. */
export const entraClaims = (oid: string, extra: Record<string, unknown> = {}) => ({
  sub: `pairwise-${oid}`,
  oid,
  tid: ENTRA_TENANT,
  name: 'Someone',
  ...extra,
});

/** A Sign in with Slack id token's claims for a user of a workspace (team). */
export const slackClaims = (team: string, user: string, extra: Record<string, unknown> = {}) => ({
  sub: user,
  'https://slack.com/user_id': user,
  'https://slack.com/team_id': team,
  name: 'Someone',
  ...extra,
});

export type SignInProvider = 'entra' | 'slack';

/** Both fake providers, and the settings that point a server's sign-in at them. */
export class FakeSignInProviders {
  readonly entra = new FakeOidcProvider({
    issuerPath: `/${ENTRA_TENANT}/v2.0`,
    clientId: ENTRA_APP.id,
    clientSecret: ENTRA_APP.secret,
  });
  readonly slack = new FakeOidcProvider({
    issuerPath: '',
    clientId: SLACK_APP.id,
    clientSecret: SLACK_APP.secret,
    slackStyle: true,
  });

  async start(): Promise<void> {
    await Promise.all([this.entra.start(), this.slack.start()]);
  }

  async close(): Promise<void> {
    await Promise.all([this.entra.close(), this.slack.close()]);
  }

  /** The environment (as `loadConfig` reads it) of a server at `publicUrl` that signs in through the fakes. */
  settings(publicUrl: string): Record<string, string> {
    return {
      STEWARD_PUBLIC_URL: publicUrl,
      ENTRA_CLIENT_ID: ENTRA_APP.id,
      ENTRA_CLIENT_SECRET: ENTRA_APP.secret,
      ENTRA_TENANT_ID: ENTRA_TENANT,
      ENTRA_AUTHORITY_URL: this.entra.origin,
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_CLIENT_ID: SLACK_APP.id,
      SLACK_CLIENT_SECRET: SLACK_APP.secret,
      SLACK_OPENID_URL: this.slack.origin,
    };
  }

  /** The whole round trip, as a browser makes it: our login, the provider, our callback. */
  async signIn(base: string, provider: SignInProvider, claims: Record<string, unknown>, init: RequestInit = {}) {
    const fake = this[provider];
    fake.person = claims;
    const browser = new BrowserSession();
    const { response, url: landing } = await browser.follow(
      `${base}/auth/login/${provider}?next=/dashboard`,
      [fake.origin, `${base}/auth/`],
      init,
    );
    return { browser, response, landing };
  }

  /** Signs a person in through `provider` and returns the browser holding `sessionCookie`; throws if sign-in did not set it. */
  async signedIn(
    base: string,
    provider: SignInProvider,
    claims: Record<string, unknown>,
    sessionCookie: string,
    who: string,
  ): Promise<BrowserSession> {
    const { browser, response } = await this.signIn(base, provider, claims);
    if (response.status !== 303 || !browser.cookie(sessionCookie))
      throw new Error(`${who} could not sign in: ${response.status}`);
    return browser;
  }
}
