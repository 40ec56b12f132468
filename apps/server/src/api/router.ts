import { type CoreDeps, dashboardScope, ErrorCode, type Failure, type Logger, ok } from '@steward/core';
import express, { type Request, type Response } from 'express';
import type { z } from 'zod';
import { streamCsv } from './csv.ts';
import { openApiDocument } from './openapi.ts';
import type { ApiContext, ApiRoute, CsvRoute, JsonRoute } from './route.ts';
import { viewerOf } from './viewer.ts';

export interface ApiRouterOptions {
  readonly deps: CoreDeps;
  readonly logger: Logger;
  readonly routes: readonly ApiRoute[];
  /** The name of sign-in's session cookie, for the document's security scheme. */
  readonly sessionCookie: string;
}

/**
 * The HTTP status of each failure a use case can return. A record over every code, so that a new
 * code cannot go unmapped. Another person's group is "not found", never "forbidden": ids do not leak.
 */
const STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.InvalidInput]: 400,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.GroupNotVisible]: 404,
  [ErrorCode.NotAnOwner]: 404,
  [ErrorCode.NotAPerson]: 404,
  [ErrorCode.NotAViewer]: 403,
  [ErrorCode.NotAManager]: 403,
  [ErrorCode.NotAnAdministrator]: 403,
  [ErrorCode.OwnsNoGroup]: 403,
  [ErrorCode.NotYourCard]: 403,
  [ErrorCode.AlreadyDecided]: 409,
  [ErrorCode.AlreadyMember]: 409,
  [ErrorCode.RequestPending]: 409,
  [ErrorCode.GroupIsOpen]: 409,
  [ErrorCode.WrongWeek]: 409,
  [ErrorCode.AlreadyActed]: 409,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.LastOwner]: 409,
  [ErrorCode.NoOwner]: 409,
  [ErrorCode.CannotArchive]: 409,
};

/**
 * The /api/v1 router: every route of the table, each behind the viewer check and its input's
 * validation, and the OpenAPI document at /openapi.json (public: it says nothing of the data).
 */
export function createApiRouter({ deps, logger, routes, sessionCookie }: ApiRouterOptions): express.Router {
  const router = express.Router();
  const document = openApiDocument(routes, sessionCookie);
  router.get('/openapi.json', (_request, response) => void response.json(document));
  router.use(express.json({ limit: '64kb' }));
  for (const route of routes) router[route.method](route.path, handlerOf(route, deps, logger));
  router.use((_request: Request, response: Response) => response.status(404).json({ error: 'not_found' }));
  return router;
}

function handlerOf(route: ApiRoute, deps: CoreDeps, logger: Logger) {
  return async (request: Request, response: Response) => {
    const viewer = viewerOf(response);
    if (!viewer) return void response.status(401).json({ error: 'unauthenticated' });
    if (route.access === 'community_manager' && viewer.role !== 'community_manager')
      return void response.status(403).json({ error: 'forbidden' });
    const input = inputOf(route, request);
    if ('field' in input) return void response.status(400).json({ error: ErrorCode.InvalidInput, field: input.field });
    const context: ApiContext<unknown, unknown, unknown> = {
      deps,
      viewer,
      scope: await dashboardScope(deps, viewer),
      ...input,
    };
    if (route.kind === 'json') await answerJson(route, context, response);
    else await answerCsv(route, context, response, logger);
  };
}

type Input = { query: unknown; params: unknown; body: unknown } | { field: string };

/** The route's query, path parameters and body, each checked by its schema; the first field that is wrong otherwise. */
function inputOf(route: ApiRoute, request: Request): Input {
  const parts = {
    query: [route.query, request.query],
    params: [route.params, request.params],
    body: [route.body, request.body],
  } as const;
  const input: Record<string, unknown> = {};
  for (const [part, [schema, value]] of Object.entries(parts) as [
    keyof typeof parts,
    readonly [z.ZodType | undefined, unknown],
  ][]) {
    if (!schema) {
      input[part] = undefined;
      continue;
    }
    const parsed = schema.safeParse(value ?? {});
    if (!parsed.success) return { field: String(parsed.error.issues[0]?.path[0] ?? part) };
    input[part] = parsed.data;
  }
  return input as Input;
}

function answerFailure(response: Response, failure: Failure) {
  const field = failure.params?.['field'];
  response.status(STATUS[failure.code]).json({ error: failure.code, ...(field ? { field } : {}) });
}

async function answerJson(
  route: JsonRoute<z.ZodType, z.ZodType, z.ZodType, z.ZodType>,
  context: ApiContext<unknown, unknown, unknown>,
  response: Response,
) {
  const result = await route.handle(context);
  if (!result.ok) return answerFailure(response, result);
  response.setHeader('Cache-Control', 'no-store');
  response.json(result.value);
}

async function answerCsv(
  route: CsvRoute<z.ZodType, z.ZodType, z.ZodType, unknown>,
  context: ApiContext<unknown, unknown, unknown>,
  response: Response,
  logger: Logger,
) {
  const pages = route.pages(context)[Symbol.asyncIterator]();
  const first = await pages.next();
  const firstRows = first.done ? ok([]) : first.value;
  if (!firstRows.ok) return answerFailure(response, firstRows);
  const rest = (async function* () {
    for (let page = await pages.next(); !page.done; page = await pages.next()) {
      // A failure after the first page (the data changed under the export) cuts the file.
      if (!page.value.ok) throw new Error(`CSV page failed: ${page.value.code} ${page.value.detail}`);
      yield page.value.value;
    }
  })();
  try {
    await streamCsv(response, route.filename(context), route.columns, firstRows.value, rest);
  } catch (error) {
    logger.warn({ err: error, path: route.path }, 'CSV export cut short');
  }
}
