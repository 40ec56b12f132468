import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { type HttpAnswer, type HttpRequest, type LoopbackServer, listenOnLoopback } from './loopback-server.ts';

// A stand-in for an OpenID Connect provider (Microsoft Entra ID, Sign in with Slack), following:
// - OpenID Connect Discovery 1.0 §3-4 (the document at <issuer>/.well-known/openid-configuration);
// - OpenID Connect Core 1.0 §3.1 (authorization code flow: §3.1.2.5 the redirect with code and
//   state, §3.1.3.3 the token response, §2 and §3.1.3.7 the id token's claims: iss, sub, aud, exp,
//   iat, nonce), RS256-signed as a JWS (RFC 7515) whose key is in the JWKS (RFC 7517);
// - RFC 7636 §4.6 (PKCE S256: BASE64URL(SHA256(code_verifier)) must equal the code_challenge);
// - RFC 6749 §2.3.1 (client_secret_post or client_secret_basic).
// Entra's shape: https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc (issuer
// https://login.microsoftonline.com/<tenant>/v2.0) and id-token-claims-reference (oid, tid, email).
// Slack's: https://api.slack.com/authentication/sign-in-with-slack and
// https://slack.com/.well-known/openid-configuration (issuer https://slack.com, claims
// https://slack.com/user_id and https://slack.com/team_id; its token answer also carries "ok": true).

export interface FakeOidcOptions {
  /** The issuer's path on the fake's origin: "/<tenant>/v2.0" for Entra, "" for Slack. */
  readonly issuerPath: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Slack adds `"ok": true` to its token answer. */
  readonly slackStyle?: boolean;
}

interface IssuedCode {
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string | undefined;
  readonly claims: Readonly<Record<string, unknown>>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class FakeOidcProvider {
  readonly #options: FakeOidcOptions;
  readonly #key: KeyObject;
  readonly #kid = `key-${randomBytes(4).toString('hex')}`;
  readonly #codes = new Map<string, IssuedCode>();
  #server: LoopbackServer | null = null;
  /** Who signs in at the authorization endpoint next: the claims of their id token. */
  person: Readonly<Record<string, unknown>> = {};
  /** Token requests answered with an id token. */
  tokensIssued = 0;

  constructor(options: FakeOidcOptions) {
    this.#options = options;
    this.#key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  get issuer(): string {
    if (!this.#server) throw new Error('the fake OpenID provider is not started');
    return `${this.#server.origin}${this.#options.issuerPath}`;
  }

  /** The origin, e.g. to stand for https://login.microsoftonline.com. */
  get origin(): string {
    if (!this.#server) throw new Error('the fake OpenID provider is not started');
    return this.#server.origin;
  }

  async start(): Promise<void> {
    this.#server = await listenOnLoopback((request) => this.#handle(request));
  }

  async close(): Promise<void> {
    await this.#server?.close();
  }

  #handle(request: HttpRequest): HttpAnswer {
    const path = request.path.slice(this.#options.issuerPath.length);
    if (!request.path.startsWith(this.#options.issuerPath)) return { status: 404, json: { error: 'not_found' } };
    if (request.method === 'GET' && path === '/.well-known/openid-configuration')
      return { status: 200, json: this.#discovery() };
    if (request.method === 'GET' && path === '/keys') return { status: 200, json: { keys: [this.#publicJwk()] } };
    if (request.method === 'GET' && path === '/authorize') return this.#authorize(request.query);
    if (request.method === 'POST' && path === '/token') return this.#token(request);
    return { status: 404, json: { error: 'not_found' } };
  }

  #discovery() {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      jwks_uri: `${this.issuer}/keys`,
      scopes_supported: ['openid', 'profile', 'email'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      code_challenge_methods_supported: ['S256'],
    };
  }

  #publicJwk() {
    const jwk = this.#key.export({ format: 'jwk' });
    return { kty: jwk.kty, n: jwk.n, e: jwk.e, kid: this.#kid, alg: 'RS256', use: 'sig' };
  }

  /** The person signs in at once and is sent back with a one-time code (Core §3.1.2.5). */
  #authorize(query: URLSearchParams): HttpAnswer {
    const redirectUri = query.get('redirect_uri');
    const challenge = query.get('code_challenge');
    const scopes = (query.get('scope') ?? '').split(' ');
    const valid =
      query.get('client_id') === this.#options.clientId &&
      query.get('response_type') === 'code' &&
      scopes.includes('openid') &&
      redirectUri !== null &&
      challenge !== null &&
      query.get('code_challenge_method') === 'S256';
    if (!valid || !redirectUri || !challenge) return { status: 400, json: { error: 'invalid_request' } };
    const code = randomBytes(16).toString('hex');
    this.#codes.set(code, { redirectUri, challenge, nonce: query.get('nonce') ?? undefined, claims: this.person });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return { status: 302, headers: { location: back.href } };
  }

  #token(request: HttpRequest): HttpAnswer {
    const form = new URLSearchParams(request.body);
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic
      ? Buffer.from(basic, 'base64')
          .toString('utf8')
          .split(':')
          .map((part) => decodeURIComponent(part))
      : [form.get('client_id'), form.get('client_secret')];
    if (basicId !== this.#options.clientId || basicSecret !== this.#options.clientSecret)
      return { status: 401, json: { error: 'invalid_client' } };
    const code = form.get('code') ?? '';
    const issued = this.#codes.get(code);
    this.#codes.delete(code); // One use only (RFC 6749 §4.1.2).
    const verifier = form.get('code_verifier') ?? '';
    const pkce = base64url(createHash('sha256').update(verifier).digest());
    if (
      form.get('grant_type') !== 'authorization_code' ||
      !issued ||
      issued.redirectUri !== form.get('redirect_uri') ||
      pkce !== issued.challenge
    ) {
      return { status: 400, json: { error: 'invalid_grant' } };
    }
    this.tokensIssued += 1;
    const now = Math.floor(Date.now() / 1000);
    const idToken = this.#sign({
      iss: this.issuer,
      aud: this.#options.clientId,
      iat: now,
      nbf: now,
      exp: now + 3600,
      ...(issued.nonce ? { nonce: issued.nonce } : {}),
      ...issued.claims,
    });
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      json: {
        ...(this.#options.slackStyle ? { ok: true } : {}),
        access_token: randomBytes(16).toString('hex'),
        token_type: 'Bearer',
        expires_in: 3600,
        id_token: idToken,
      },
    };
  }

  #sign(payload: Record<string, unknown>): string {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.#kid }));
    const body = base64url(JSON.stringify(payload));
    const signature = sign('sha256', Buffer.from(`${header}.${body}`), this.#key);
    return `${header}.${body}.${base64url(signature)}`;
  }
}
