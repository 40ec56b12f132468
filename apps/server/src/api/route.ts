import type { CoreDeps, DashboardScope, Result } from '@steward/core';
import type { z } from 'zod';
import type { Viewer } from './viewer.ts';

// One table of routes makes both the router and the OpenAPI document: what a route accepts and
// answers is said once, as zod schemas, and the document cannot drift from what is validated.

/** Who may call a route: any signed-in viewer, or community managers only. */
export type Access = 'viewer' | 'community_manager';

/** What a handler gets: the viewer, the groups they may see, and the validated input. */
export interface ApiContext<Q, P, B> {
  readonly deps: CoreDeps;
  readonly viewer: Viewer;
  readonly scope: DashboardScope;
  readonly query: Q;
  readonly params: P;
  readonly body: B;
}

/** A column of a CSV: its header (the JSON field it mirrors) and its cell of a row. */
export interface CsvColumn<R> {
  readonly header: string;
  readonly cell: (row: R) => string | number | boolean | null;
}

interface RouteBase<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  readonly method: 'get' | 'post';
  /** Express's path under /api/v1, e.g. `/groups/:id`. */
  readonly path: string;
  readonly summary: string;
  readonly access: Access;
  readonly query?: Q;
  readonly params?: P;
  readonly body?: B;
}

type Context<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> = ApiContext<
  z.output<Q>,
  z.output<P>,
  z.output<B>
>;

export interface JsonRoute<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType, S extends z.ZodType>
  extends RouteBase<Q, P, B> {
  readonly kind: 'json';
  /** The answer's shape (its dates are ISO strings in JSON and in the document). */
  readonly response: S;
  readonly handle: (context: Context<Q, P, B>) => Promise<Result<z.input<S>>>;
}

export interface CsvRoute<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType, R> extends RouteBase<Q, P, B> {
  readonly kind: 'csv';
  readonly filename: (context: Context<Q, P, B>) => string;
  readonly columns: readonly CsvColumn<R>[];
  /**
   * The rows, a page at a time. The first page is read before anything is sent, so that a
   * failure there (a group not found, a bad period) still gets its status.
   */
  readonly pages: (context: Context<Q, P, B>) => AsyncIterable<Result<readonly R[]>>;
}

// The table holds routes of every input and row type; each is checked where it is defined.
// biome-ignore lint/suspicious/noExplicitAny: a route's own types are checked where it is defined (above).
export type ApiRoute = JsonRoute<any, any, any, any> | CsvRoute<any, any, any, any>;

export function jsonRoute<
  Q extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  S extends z.ZodType = z.ZodType,
>(route: Omit<JsonRoute<Q, P, B, S>, 'kind'>): JsonRoute<Q, P, B, S> {
  return { kind: 'json', ...route };
}

export function csvRoute<R, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  route: Omit<CsvRoute<Q, P, z.ZodUndefined, R>, 'kind' | 'method'>,
): CsvRoute<Q, P, z.ZodUndefined, R> {
  return { kind: 'csv', method: 'get', ...route };
}
