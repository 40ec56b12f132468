import { randomBytes, randomUUID } from 'node:crypto';
import type { HttpAnswer, HttpRequest } from '../loopback-server.ts';
import type { FakeWorld } from './world.ts';

/** The resources the fake issues tokens for, by their `.default` scope. */
export const AUDIENCES = {
  'https://api.botframework.com/.default': 'https://api.botframework.com',
  'https://graph.microsoft.com/.default': 'https://graph.microsoft.com',
} as const satisfies Record<string, string>;

export type Audience = (typeof AUDIENCES)[keyof typeof AUDIENCES];

/** The multi-tenant authority that issues Bot Connector tokens. */
export const BOT_FRAMEWORK_TENANT = 'botframework.com';

export interface IssuedToken {
  readonly appId: string;
  /** `botframework.com` or a customer tenant id. */
  readonly tenantId: string;
  readonly audience: Audience;
  /** In the fake's (scaled) milliseconds. */
  readonly expiresAt: number;
}

function isScope(scope: string): scope is keyof typeof AUDIENCES {
  return Object.hasOwn(AUDIENCES, scope);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The Microsoft identity platform's client-credentials grant (`POST /{tenant}/oauth2/v2.0/token`),
 * and the tokens it issued, which the Bot Connector and Graph fakes accept. Tokens look like
 * Entra's JWTs (header.payload.signature, with `exp`), as SDKs that read the expiry want; nothing
 * verifies the signature.
 */
export class FakeTokenIssuer {
  readonly #issued = new Map<string, IssuedToken>();
  readonly #lifetimeSeconds: number;

  constructor(lifetimeSeconds: number) {
    this.#lifetimeSeconds = lifetimeSeconds;
  }

  /** The token behind an `Authorization: Bearer …` header, if the fake issued it and it is still valid. */
  verify(authorization: string | undefined, audience: Audience, now: number): IssuedToken | null {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const issued = token === undefined ? undefined : this.#issued.get(token);
    return issued && issued.audience === audience && issued.expiresAt > now ? issued : null;
  }

  /** Every token issued so far stops working, as at expiry. */
  expireAll(): void {
    for (const [token, issued] of this.#issued) this.#issued.set(token, { ...issued, expiresAt: -Infinity });
  }

  reset(): void {
    this.#issued.clear();
  }

  /** Answers a token request; errors carry Entra's AADSTS codes. */
  answer(world: FakeWorld, tenant: string, request: HttpRequest, now: number): HttpAnswer {
    const form = new URLSearchParams(request.body);
    const scope = form.get('scope') ?? '';
    const knownTenant = tenant === BOT_FRAMEWORK_TENANT ? undefined : world.tenants.get(tenant);
    if (form.get('grant_type') !== 'client_credentials') {
      return oauthError(
        400,
        'unsupported_grant_type',
        'AADSTS70003: The app requested an unsupported grant type.',
        70003,
      );
    }
    if (tenant !== BOT_FRAMEWORK_TENANT && !knownTenant) {
      return oauthError(400, 'invalid_request', `AADSTS90002: Tenant '${tenant}' not found.`, 90002);
    }
    // A single-tenant app exists in its own tenant only, which it asks for every token, the Bot
    // Connector's included (learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
    const singleTenantElsewhere = world.app.tenantId !== undefined && tenant !== world.app.tenantId;
    if (form.get('client_id') !== world.app.id || knownTenant?.consented === false || singleTenantElsewhere) {
      return oauthError(
        400,
        'unauthorized_client',
        `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory '${tenant}'.`,
        700016,
      );
    }
    if (form.get('client_secret') !== world.app.secret) {
      return oauthError(
        401,
        'invalid_client',
        `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${world.app.id}'.`,
        7000215,
      );
    }
    if (!isScope(scope)) {
      return oauthError(
        400,
        'invalid_scope',
        `AADSTS1002012: The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        1002012,
      );
    }

    const audience = AUDIENCES[scope];
    const issuedAt = Math.floor(Date.now() / 1000);
    const payload = {
      aud: audience,
      iss: tenant === BOT_FRAMEWORK_TENANT ? 'https://api.botframework.com' : `https://sts.windows.net/${tenant}/`,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + this.#lifetimeSeconds,
      appid: world.app.id,
      tid: tenant === BOT_FRAMEWORK_TENANT ? 'd6d49420-f39b-4df7-a1dc-d59a935871db' : tenant,
      ...(audience === 'https://graph.microsoft.com' ? { roles: knownTenant?.permissions ?? [] } : {}),
    };
    const accessToken = `${base64url({ typ: 'JWT', alg: 'RS256', kid: 'fake-teams' })}.${base64url(payload)}.${randomBytes(32).toString('base64url')}`;
    this.#issued.set(accessToken, {
      appId: world.app.id,
      tenantId: tenant,
      audience,
      expiresAt: now + this.#lifetimeSeconds * 1000,
    });
    return {
      status: 200,
      json: {
        token_type: 'Bearer',
        expires_in: this.#lifetimeSeconds,
        ext_expires_in: this.#lifetimeSeconds,
        access_token: accessToken,
      },
    };
  }
}

/** An OAuth error as Entra words it. */
export function oauthError(status: number, error: string, description: string, code: number): HttpAnswer {
  return {
    status,
    json: {
      error,
      error_description: description,
      error_codes: [code],
      timestamp: new Date()
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z'),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  };
}
