import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type express from 'express';

interface RequestContext {
  readonly requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

/** A caller's own id (a load balancer's, a platform's retry) is kept when it is a plain token. */
const CALLER_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives each request an id, answers it in `X-Request-Id`, and holds it for everything the request
 * runs, so that every log line written on its behalf (the core's too) carries it.
 */
export function requestIds(): express.RequestHandler {
  return (request, response, next) => {
    const given = request.get('x-request-id');
    const requestId = given && CALLER_ID.test(given) ? given : randomUUID();
    response.setHeader('x-request-id', requestId);
    context.run({ requestId }, next);
  };
}

/** For pino's `mixin`: the fields the request under way adds to a log line. */
export function requestLogFields(): Partial<RequestContext> {
  const current = context.getStore();
  return current ? { requestId: current.requestId } : {};
}
