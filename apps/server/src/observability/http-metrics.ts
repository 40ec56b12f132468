import type express from 'express';
import type { StewardMetrics } from './metrics.ts';

/** Times each request under its route's pattern (`/api/v1/groups/:groupId`), never its raw path. */
export function timeRequests(metrics: StewardMetrics): express.RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const pattern = (request.route as { path?: unknown } | undefined)?.path;
      const route = typeof pattern === 'string' ? `${request.baseUrl}${pattern}` : 'unmatched';
      metrics.observeRequest(
        { method: request.method, route, status: response.statusCode },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
}
