import type { HttpAnswer, HttpRequest } from '../loopback-server.ts';
import type { FaultQueue } from './faults.ts';
import type { MethodLimit } from './limits.ts';
import { SlackFailure } from './methods/context.ts';
import { type FakeMethod, isFakeMethod, METHODS } from './methods/index.ts';
import type { FakeRateLimiter } from './rate-limiter.ts';
import { type Params, parseRequest } from './request.ts';
import type { FakeWorld } from './world.ts';

/** One call as the fake received it. */
export interface FakeCall {
  readonly method: string;
  /** The arguments, JSON fields (`blocks`, `view`…) parsed back; the token is not among them. */
  readonly params: Params;
  readonly token: string | null;
  readonly at: Date;
  /** "ok", Slack's error code, "ratelimited", "http_500"… or "network_drop". */
  readonly outcome: string;
}

export interface RouterState {
  readonly world: FakeWorld;
  readonly limits: Readonly<Partial<Record<FakeMethod, MethodLimit | null>>>;
  readonly limiter: FakeRateLimiter;
  readonly faults: FaultQueue;
  readonly calls: FakeCall[];
  /** The fake's clock in Slack milliseconds (scaled). */
  readonly now: () => number;
}

function json(body: Record<string, unknown>, status = 200, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers, json: body };
}

/**
 * Slack names a token's scopes in the `x-oauth-scopes` header of every Web API answer
 * (https://api.slack.com/legacy/scopes, "Working with scopes"; `auth.test` is the usual call to
 * read it). A token of every scope (null) lists every scope a method of the fake needs.
 */
function grantedScopes(scopes: readonly string[] | null): string {
  return (scopes ?? [...new Set(Object.values(METHODS).flatMap((m) => m.scopes))].sort()).join(',');
}

/** Where the fake's slash-command response URLs live (Slack's are https://hooks.slack.com/commands/…). */
export const RESPONSE_URL_PREFIX = '/commands/';

/**
 * A message posted to a slash command's `response_url`: JSON with `text` or `blocks` and a
 * `response_type` (https://docs.slack.dev/interactivity/handling-user-interaction, "Message
 * responses"). It needs no token: the URL is the secret.
 */
function respond(state: RouterState, request: HttpRequest): HttpAnswer {
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return { status: 400, raw: 'invalid_payload' };
  }
  if (typeof body !== 'object' || body === null) return { status: 400, raw: 'invalid_payload' };
  state.world.responses.push({ path: request.path, body: body as Record<string, unknown> });
  return { status: 200, raw: 'ok' };
}

/**
 * Answers one request as slack.com/api would, in Slack's order: unknown method, injected fault,
 * authentication, rate limit, scopes, then the method itself. Every call is recorded.
 */
export function route(state: RouterState, request: HttpRequest): HttpAnswer | 'drop' {
  if (request.method === 'POST' && request.path.startsWith(RESPONSE_URL_PREFIX)) return respond(state, request);
  if (!request.path.startsWith('/api/')) return { status: 404, raw: 'Not Found' };
  const method = request.path.slice('/api/'.length);
  const parsed = parseRequest(request.headers, request.query, request.body);
  const record = (outcome: string) =>
    state.calls.push({ method, params: parsed?.params ?? {}, token: parsed?.token ?? null, at: new Date(), outcome });
  const refuse = (error: string, extra: Record<string, unknown> = {}): HttpAnswer => {
    record(error);
    return json({ ok: false, error, ...extra });
  };

  if (!parsed) return refuse('invalid_json');
  if (!isFakeMethod(method)) return refuse('unknown_method');

  const fault = state.faults.take(method, state.now());
  if (fault && 'networkDrop' in fault) {
    record('network_drop');
    return 'drop';
  }
  if (fault && 'status' in fault) {
    record(fault.status === 429 ? 'ratelimited' : `http_${fault.status}`);
    return fault.status === 429
      ? json({ ok: false, error: 'ratelimited' }, 429, { 'retry-after': String(fault.retryAfter ?? 1) })
      : { status: fault.status, raw: '<html><body>Slack is having trouble</body></html>' };
  }
  if (fault) return refuse(fault.error);

  if (parsed.token === null) return refuse('not_authed');
  if (state.world.revokedTokens.has(parsed.token)) return refuse('token_revoked');
  const workspace = state.world.workspaces.get(parsed.token);
  if (!workspace) return refuse('invalid_auth');

  const limit = state.limits[method];
  const channel = typeof parsed.params.channel === 'string' ? parsed.params.channel : null;
  const retryAfter = limit ? state.limiter.admit(limit, `${workspace.id}:${method}`, channel, state.now()) : null;
  if (retryAfter !== null) {
    record('ratelimited');
    return json({ ok: false, error: 'ratelimited' }, 429, { 'retry-after': String(retryAfter) });
  }

  const { handler, scopes } = METHODS[method];
  if (workspace.scopes && scopes.length > 0 && !scopes.some((scope) => workspace.scopes?.includes(scope))) {
    return refuse('missing_scope', { needed: scopes.join(','), provided: workspace.scopes.join(',') });
  }

  try {
    const answer = handler({ world: state.world, params: parsed.params, workspace });
    record('ok');
    return json({ ok: true, ...answer }, 200, { 'x-oauth-scopes': grantedScopes(workspace.scopes) });
  } catch (error) {
    if (!(error instanceof SlackFailure)) throw error;
    return refuse(error.error, error.extra);
  }
}
