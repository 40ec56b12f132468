import type { HttpAnswer, HttpRequest } from '../loopback-server.ts';
import { CONNECTOR_OPERATIONS, type ConnectorOperation, connectorError } from './bot-connector.ts';
import type { Fault, FaultQueue } from './faults.ts';
import { GRAPH_OPERATIONS, type GraphOperation, graphError } from './graph.ts';
import type { LimitOverrides } from './limits.ts';
import type { FakeRateLimiter } from './rate-limiter.ts';
import { matchOperation, type Operation, ServiceFailure } from './service.ts';
import { type Audience, type FakeTokenIssuer, oauthError } from './tokens.ts';
import type { FakeWorld } from './world.ts';

export type FakeService = 'token' | 'connector' | 'graph';
export type FakeOperation = 'token' | ConnectorOperation | GraphOperation;

/** One call as the fake received it. */
export interface FakeCall {
  readonly service: FakeService;
  /** Null when no operation matched the method and path. */
  readonly operation: FakeOperation | null;
  readonly method: string;
  /** As sent, percent-encoding kept, "//" made "/", the service's prefix included (`/bot/emea/v3/…`). */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The JSON body, the form fields of a token request, or null. */
  readonly body: unknown;
  readonly at: Date;
  /** The status answered; 0 for a dropped connection. */
  readonly status: number;
}

export interface RouterState {
  readonly world: FakeWorld;
  readonly tokens: FakeTokenIssuer;
  readonly limits: Readonly<LimitOverrides>;
  readonly limiter: FakeRateLimiter;
  readonly faults: FaultQueue;
  readonly calls: FakeCall[];
  readonly origin: () => string;
  /** The fake's clock in Microsoft milliseconds (scaled). */
  readonly now: () => number;
}

// One loopback server answers for three hosts, told apart by the first path segment.
const TOKEN_PATH = /^\/login\/([^/]+)\/oauth2\/v2\.0\/token$/;
/** A service URL is `/bot/` plus any region segments (`/bot/emea/`), as Teams' are per region. */
const CONNECTOR_PATH = /^\/bot(?:\/[^/]+)*?(\/v3\/.*)$/;
const GRAPH_PATH = /^\/graph(\/v1\.0\/.*)$/;

interface Service<Name extends string> {
  readonly name: Exclude<FakeService, 'token'>;
  readonly audience: Audience;
  readonly operations: readonly Operation<Name>[];
  readonly error: (status: number, code: string, message: string, headers?: Record<string, string>) => HttpAnswer;
  readonly unauthorized: HttpAnswer;
  /** What a 429 of the service's says, and its body for an injected status. */
  readonly throttled: (retryAfter: number) => HttpAnswer;
  readonly outage: (status: number) => HttpAnswer;
}

const CONNECTOR: Service<ConnectorOperation> = {
  name: 'connector',
  audience: 'https://api.botframework.com',
  operations: CONNECTOR_OPERATIONS,
  error: connectorError,
  unauthorized: connectorError(401, 'Unauthorized', 'Authorization has been denied for this request.'),
  throttled: (retryAfter) =>
    connectorError(429, 'Throttled', 'Too many requests.', { 'retry-after': String(retryAfter) }),
  outage: (status) => connectorError(status, 'ServiceError', 'An error occurred while processing the request.'),
};

const GRAPH_SERVICE: Service<GraphOperation> = {
  name: 'graph',
  audience: 'https://graph.microsoft.com',
  operations: GRAPH_OPERATIONS,
  error: graphError,
  unauthorized: graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'),
  throttled: (retryAfter) =>
    graphError(429, 'TooManyRequests', 'Too many requests.', { 'retry-after': String(retryAfter) }),
  outage: (status) =>
    graphError(
      status,
      status === 503 ? 'serviceNotAvailable' : 'generalException',
      'The service is temporarily unavailable.',
    ),
};

function parseJson(body: string): Record<string, unknown> | null | 'invalid' {
  if (body.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** The answer to an injected fault, in the service's shape. */
function faultAnswer(
  fault: Extract<Fault, { status: number }>,
  throttled: (retryAfter: number) => HttpAnswer,
  outage: (status: number) => HttpAnswer,
): HttpAnswer {
  const retryAfter: Record<string, string> =
    fault.status === 429 || fault.status === 503 ? { 'retry-after': String(fault.retryAfter ?? 1) } : {};
  if (fault.html !== undefined) return { status: fault.status, headers: retryAfter, raw: fault.html };
  if (fault.error !== undefined) return { status: fault.status, headers: retryAfter, json: wrapError(fault.error) };
  const answer = fault.status === 429 ? throttled(fault.retryAfter ?? 1) : outage(fault.status);
  return { ...answer, headers: { ...answer.headers, ...retryAfter } };
}

/** Bot Connector and Graph nest the error under `error`; a given OAuth error is sent as it is. */
function wrapError(error: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return typeof error.error === 'string' ? { ...error } : { error: { ...error } };
}

/**
 * Answers one request as Microsoft would, in its order: injected fault, authentication, rate limit,
 * then the operation itself. Every call is recorded with the status it got.
 */
export function route(state: RouterState, received: HttpRequest): HttpAnswer | 'drop' {
  // SDKs join `${serviceUrl}/v3/…`, and service URLs end with "/": Microsoft's hosts take "//".
  const request = { ...received, path: received.path.replace(/\/{2,}/g, '/') };
  const token = TOKEN_PATH.exec(request.path);
  if (token && request.method === 'POST') return routeToken(state, request, decodeURIComponent(token[1] ?? ''));
  const connector = CONNECTOR_PATH.exec(request.path);
  if (connector) return routeService(state, CONNECTOR, request, connector[1] ?? '');
  const graph = GRAPH_PATH.exec(request.path);
  if (graph) return routeService(state, GRAPH_SERVICE, request, graph[1] ?? '');
  return { status: 404, raw: 'Not Found' };
}

function recorder(
  state: RouterState,
  service: FakeService,
  operation: FakeOperation | null,
  request: HttpRequest,
  body: unknown,
) {
  return (answer: HttpAnswer | 'drop'): HttpAnswer | 'drop' => {
    state.calls.push({
      service,
      operation,
      method: request.method,
      path: request.path,
      query: Object.fromEntries(request.query),
      body,
      at: new Date(),
      status: answer === 'drop' ? 0 : answer.status,
    });
    return answer;
  };
}

function routeToken(state: RouterState, request: HttpRequest, tenant: string): HttpAnswer | 'drop' {
  const form = Object.fromEntries(new URLSearchParams(request.body));
  const record = recorder(state, 'token', 'token', request, form);
  const fault = state.faults.take('token', state.now());
  if (fault && !('status' in fault)) return record('drop');
  if (fault) {
    return record(
      faultAnswer(
        fault,
        (retryAfter) => ({
          ...oauthError(
            429,
            'temporarily_unavailable',
            'AADSTS50196: The server terminated an operation because it encountered a loop.',
            50196,
          ),
          headers: { 'retry-after': String(retryAfter) },
        }),
        (status) =>
          oauthError(
            status,
            'temporarily_unavailable',
            'AADSTS90033: A transient error has occurred. Please try again.',
            90033,
          ),
      ),
    );
  }
  return record(state.tokens.answer(state.world, tenant, request, state.now()));
}

function routeService<Name extends FakeOperation>(
  state: RouterState,
  service: Service<Name>,
  request: HttpRequest,
  path: string,
): HttpAnswer | 'drop' {
  const parsed = parseJson(request.body);
  const body = parsed === 'invalid' ? request.body : parsed;
  const matched = matchOperation(service.operations, request.method, path);
  const record = recorder(state, service.name, matched?.operation.name ?? null, request, body);
  if (!matched) return record(service.error(404, 'NotFound', `No route for ${request.method} ${path}.`));

  const fault = state.faults.take(matched.operation.name, state.now());
  if (fault && 'networkDrop' in fault) return record('drop');
  if (fault && 'status' in fault) return record(faultAnswer(fault, service.throttled, service.outage));

  const issued = state.tokens.verify(request.headers.authorization, service.audience, state.now());
  if (!issued) return record(service.unauthorized);
  if (parsed === 'invalid') return record(service.error(400, 'BadRequest', 'The request body is not valid JSON.'));

  const call = {
    request,
    params: matched.params,
    body: parsed,
    token: issued,
    world: state.world,
    origin: state.origin(),
  };
  try {
    const budgets = matched.operation.draws(call).flatMap(({ limit, key }) => {
      const windows = state.limits[limit];
      return windows ? [{ key, windows }] : [];
    });
    const retryAfter = state.limiter.admit(budgets, state.now());
    if (retryAfter !== null) return record(service.throttled(retryAfter));
    const answer = record(matched.operation.handle(call));
    // Carried out, and recorded with the status it would have had; the caller hears nothing.
    return fault && 'answerLost' in fault ? 'drop' : answer;
  } catch (error) {
    if (!(error instanceof ServiceFailure)) throw error;
    return record(service.error(error.status, error.code, error.message));
  }
}
