import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpRequest {
  readonly method: string;
  /** As received, percent-encoding kept: Teams ids (`19:…@thread.tacv2`, `a:…`) travel encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON unless `raw` is set; absent for 204. */
  readonly json?: unknown;
  readonly raw?: string;
}

/** `'drop'` closes the connection without an answer, as a network failure would. */
export type HttpHandler = (request: HttpRequest) => HttpAnswer | 'drop';

export interface LoopbackServer {
  /** e.g. `http://127.0.0.1:54321` */
  readonly origin: string;
  close(): Promise<void>;
}

/** A plain HTTP server on a free loopback port, for the fakes of the platforms' APIs. */
export async function listenOnLoopback(handler: HttpHandler): Promise<LoopbackServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      let answer: HttpAnswer | 'drop';
      try {
        answer = handler({
          method: request.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      } catch (error) {
        // A bug in the fake must not pass for a platform outage: say so in the body.
        answer = {
          status: 500,
          raw: `the fake itself failed: ${error instanceof Error ? error.stack : String(error)}`,
        };
      }
      if (answer === 'drop') {
        request.socket.destroy();
        return;
      }
      const body = answer.raw ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
      const type = answer.raw === undefined ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
      response.writeHead(answer.status, { ...(body === '' ? {} : { 'content-type': type }), ...answer.headers });
      response.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive; without this `close` would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
