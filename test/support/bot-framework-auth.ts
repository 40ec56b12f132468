import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Bot Framework's token issuer, played locally: an OpenID metadata document and its JWKS on a
 * loopback port, and a key that signs service tokens the way the Bot Connector signs its requests.
 * The Teams SDK validates them through its real JWT path, only pointed at this metadata URL.
 */
export class LocalBotFrameworkIssuer {
  static readonly ISSUER = 'https://api.botframework.com';
  readonly #kid = 'local-test-key';
  readonly #privateKey: KeyObject;
  readonly #jwk: Record<string, unknown>;
  #server: Server | null = null;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.#privateKey = privateKey;
    this.#jwk = { ...publicKey.export({ format: 'jwk' }), kid: this.#kid, use: 'sig', alg: 'RS256' };
  }

  /** Starts serving; returns the metadata URL to give the SDK as `openIdMetadataUrl`. */
  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const path = request.url ?? '';
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const body = path.endsWith('/openidconfiguration')
        ? {
            issuer: LocalBotFrameworkIssuer.ISSUER,
            jwks_uri: `${origin}/v1/.well-known/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }
        : path.endsWith('/keys')
          ? { keys: [this.#jwk] }
          : null;
      response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /** A service token for `appId`, bound to the activity's service URL, as the connector sends. */
  serviceToken(
    appId: string,
    serviceUrl: string,
    options: { expiresInSeconds?: number; key?: KeyObject } = {},
  ): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.#kid };
    const payload = {
      iss: LocalBotFrameworkIssuer.ISSUER,
      aud: appId,
      serviceurl: serviceUrl,
      nbf: now - 60,
      iat: now - 60,
      exp: now + (options.expiresInSeconds ?? 3600),
    };
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode(header)}.${encode(payload)}`;
    const signature = sign('RSA-SHA256', Buffer.from(unsigned), options.key ?? this.#privateKey).toString('base64url');
    return `${unsigned}.${signature}`;
  }

  /** A key the issuer does not publish: tokens signed with it must be refused. */
  static strangerKey(): KeyObject {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
  }
}
