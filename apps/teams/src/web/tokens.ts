import { type Clock, PlatformError } from '@steward/core';
import { exchange, succeeded } from './http.ts';
import { platformErrorFrom } from './platform-errors.ts';

export const BOT_CONNECTOR_SCOPE = 'https://api.botframework.com/.default';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

// Entra's tokens last about an hour; one is renewed this long before it ends, so that a call
// waiting on a rate limit does not set off with a token about to expire.
const RENEW_BEFORE_MS = 5 * 60_000;

export interface AppTokensOptions {
  readonly appId: string;
  readonly appPassword: string;
  /** `https://login.microsoftonline.com` unless a test points it elsewhere. */
  readonly tokenUrl: string;
  readonly clock: Clock;
}

interface CachedToken {
  readonly token: string;
  readonly renewAt: number;
}

/**
 * App-only tokens (OAuth client credentials) per tenant and scope, kept until shortly before they
 * expire. Concurrent callers share one request to the token endpoint.
 */
export class AppTokens {
  readonly #options: AppTokensOptions;
  readonly #cached = new Map<string, CachedToken>();
  readonly #pending = new Map<string, Promise<string>>();

  constructor(options: AppTokensOptions) {
    this.#options = options;
  }

  async get(tenant: string, scope: string): Promise<string> {
    const key = `${tenant} ${scope}`;
    const cached = this.#cached.get(key);
    if (cached && cached.renewAt > this.#options.clock.now().getTime()) return cached.token;
    const pending =
      this.#pending.get(key) ?? this.#request(key, tenant, scope).finally(() => this.#pending.delete(key));
    this.#pending.set(key, pending);
    return pending;
  }

  /** The service refused the token (401): the next call asks for a new one. */
  forget(tenant: string, scope: string): void {
    this.#cached.delete(`${tenant} ${scope}`);
  }

  async #request(key: string, tenant: string, scope: string): Promise<string> {
    const { appId, appPassword, tokenUrl, clock } = this.#options;
    const requestedAt = clock.now().getTime();
    const answer = await exchange({
      method: 'POST',
      url: `${tokenUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
      form: { grant_type: 'client_credentials', client_id: appId, client_secret: appPassword, scope },
    });
    if (!succeeded(answer)) throw platformErrorFrom('token', answer);
    const { access_token: token, expires_in: expiresIn } = (answer.body ?? {}) as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (typeof token !== 'string' || typeof expiresIn !== 'number') {
      throw new PlatformError('unexpected_answer', {
        permanent: false,
        message: 'the token endpoint answered without access_token or expires_in',
      });
    }
    this.#cached.set(key, { token, renewAt: requestedAt + expiresIn * 1000 - RENEW_BEFORE_MS });
    return token;
  }
}
