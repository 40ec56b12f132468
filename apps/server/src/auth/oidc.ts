import type { SignInClaims } from '@steward/core';
import * as client from 'openid-client';
import type { OidcProviderConfig, SignInConfig } from './config.ts';
import type { ProviderName } from './signin-page.ts';

/** What a sign-in remembers between leaving for the provider and coming back (in its own cookie). */
export interface SignInFlow {
  readonly provider: ProviderName;
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly next: string;
}

/**
 * One OpenID Connect provider, through openid-client (certified relying party): authorization
 * code with PKCE (S256), state and nonce; the id token's signature, issuer, audience, expiry and
 * nonce are checked by the library. Its discovery document is read at the first sign-in, and again
 * after a failure, so that a provider down at start stops nothing else.
 */
export class OidcProvider {
  readonly name: ProviderName;
  readonly #config: OidcProviderConfig;
  readonly #redirectUri: string;
  readonly #claims: (claims: client.IDToken) => SignInClaims | null;
  #discovered: Promise<client.Configuration> | null = null;

  constructor(
    name: ProviderName,
    config: OidcProviderConfig,
    publicUrl: string,
    claims: (claims: client.IDToken) => SignInClaims | null,
  ) {
    this.name = name;
    this.#config = config;
    this.#redirectUri = `${publicUrl}/auth/callback/${name}`;
    this.#claims = claims;
  }

  /** Where to send the browser, and what to remember until it comes back. */
  async start(next: string): Promise<{ url: URL; flow: SignInFlow }> {
    const configuration = await this.#configuration();
    const flow: SignInFlow = {
      provider: this.name,
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      next,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.#redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url, flow };
  }

  /** The claims of whoever signed in; throws when the provider's answer does not check out. */
  async finish(search: string, flow: SignInFlow): Promise<SignInClaims | null> {
    const configuration = await this.#configuration();
    const tokens = await client.authorizationCodeGrant(configuration, new URL(`${this.#redirectUri}${search}`), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    return claims ? this.#claims(claims) : null;
  }

  #configuration(): Promise<client.Configuration> {
    this.#discovered ??= client
      .discovery(new URL(this.#config.issuer), this.#config.clientId, this.#config.clientSecret, undefined, {
        // Plain http only ever reaches a local stand-in (tests); real issuers are https.
        ...(this.#config.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        this.#discovered = null;
        throw error;
      });
    return this.#discovered;
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Entra ID (v2.0 id token, https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference):
 * `oid` is the user's object id, the id Teams and Graph know them by (aadObjectId), in the tenant
 * `tid`; that is how the Teams edge stores a person's identity. `email` is taken as the tenant's
 * directory holds it (never `preferred_username`, which Microsoft says not to authorise on).
 */
export function entraClaims(claims: client.IDToken): SignInClaims | null {
  const oid = text(claims['oid']);
  const tid = text(claims['tid']);
  if (!oid || !tid) return null;
  return {
    identities: [{ platform: 'teams', workspaceId: tid.toLowerCase(), userId: oid }],
    email: text(claims['email']),
  };
}

/**
 * Sign in with Slack (https://api.slack.com/authentication/sign-in-with-slack, discovery at
 * https://slack.com/.well-known/openid-configuration): `https://slack.com/user_id` (also `sub`) in
 * the workspace `https://slack.com/team_id`, and, for an Enterprise organisation, its
 * `https://slack.com/enterprise_id` (an organisation-wide install is keyed by it). The e-mail only
 * when `email_verified`.
 */
export function slackClaims(claims: client.IDToken): SignInClaims | null {
  const user = text(claims['https://slack.com/user_id']) ?? text(claims.sub);
  const team = text(claims['https://slack.com/team_id']);
  const enterprise = text(claims['https://slack.com/enterprise_id']);
  if (!user || !team) return null;
  return {
    identities: [team, ...(enterprise ? [enterprise] : [])].map((workspaceId) => ({
      platform: 'slack' as const,
      workspaceId,
      userId: user,
    })),
    email: claims['email_verified'] === true ? text(claims['email']) : null,
  };
}

/** The configured providers, by name. */
export function oidcProviders(config: SignInConfig): ReadonlyMap<ProviderName, OidcProvider> {
  const providers = new Map<ProviderName, OidcProvider>();
  if (config.publicUrl && config.entra)
    providers.set('entra', new OidcProvider('entra', config.entra, config.publicUrl, entraClaims));
  if (config.publicUrl && config.slack)
    providers.set('slack', new OidcProvider('slack', config.slack, config.publicUrl, slackClaims));
  return providers;
}

/**
 * Whether an error is an answer that does not check out (a forged state, an error from the provider,
 * a bad token: the browser's 4xx) rather than the provider being unreachable.
 */
export function isRefusedSignIn(error: unknown): boolean {
  return (
    error instanceof client.AuthorizationResponseError ||
    error instanceof client.ResponseBodyError ||
    error instanceof client.WWWAuthenticateChallengeError ||
    (error instanceof client.ClientError && !(error.cause instanceof TypeError))
  );
}
