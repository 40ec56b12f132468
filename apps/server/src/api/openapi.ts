import { z } from 'zod';
import type { ApiRoute } from './route.ts';

// The OpenAPI 3.1 document of /api/v1, made from the same table and zod schemas the router
// validates with: a parameter or a field cannot be added to one and forgotten in the other.

export const API_BASE = '/api/v1';

/** Named schemas: the document's `components.schemas`, referred to from each answer. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

/** What every failure answers: a stable code, and the input field at fault for `invalid_input`. */
export const ErrorAnswer = z
  .object({
    error: z.string().describe('A stable code: unauthenticated, forbidden, invalid_input, not_found, …'),
    field: z
      .string()
      .optional()
      .describe('For invalid_input: the query parameter or body field at fault (`period` for from/to together).'),
  })
  .register(apiSchemas, { id: 'Error' });

/** JSON Schema as OpenAPI 3.1 takes it: dates are ISO strings, as JSON carries them. */
const JSON_SCHEMA_OPTIONS = {
  target: 'draft-2020-12',
  io: 'output',
  unrepresentable: 'any',
  uri: (id: string) => `#/components/schemas/${id}`,
  override: (context: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }) => {
    if (context.zodSchema._zod.def.type === 'date')
      Object.assign(context.jsonSchema, { type: 'string', format: 'date-time' });
  },
} as const;

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { ...JSON_SCHEMA_OPTIONS, metadata: apiSchemas }) as Record<
    string,
    unknown
  >;
  return json;
}

/** A registered schema by reference to the document's components; any other inline. */
function schemaOf(schema: z.ZodType): Record<string, unknown> {
  const id = apiSchemas.get(schema)?.id;
  return id ? { $ref: `#/components/schemas/${id}` } : jsonSchemaOf(schema);
}

/** `/groups/:id` in Express is `/groups/{id}` in OpenAPI. */
export function openApiPath(path: string): string {
  return API_BASE + path.replace(/:(\w+)/g, '{$1}');
}

type Parameter = {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  schema: unknown;
  description?: string;
  style?: string;
  explode?: boolean;
};

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path'): Parameter[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(typeof description === 'string' ? { description } : {}),
    // A repeatable parameter is written `flag=idle&flag=ownerless`.
    ...(property['type'] === 'array' ? { style: 'form', explode: true } : {}),
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operationOf(route: ApiRoute) {
  const success =
    route.kind === 'json'
      ? { description: 'OK', content: { 'application/json': { schema: schemaOf(route.response) } } }
      : {
          description: `A CSV file (RFC 4180, UTF-8 with a byte order mark), streamed. Columns: ${route.columns.map((c) => c.header).join(', ')}.`,
          headers: { 'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="…"' } },
          content: { 'text/csv': { schema: { type: 'string' } } },
        };
  return {
    summary: route.summary,
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m: string, c: string | undefined) => (c ?? '').toUpperCase())}`,
    parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } } }
      : {}),
    security: [{ session: [] }],
    responses: {
      '200': success,
      ...(route.query || route.params || route.body
        ? { '400': errorResponse('A parameter or field is not valid (`invalid_input`, with the `field`).') }
        : {}),
      '401': errorResponse('Not signed in (`unauthenticated`).'),
      ...(route.access === 'community_manager'
        ? { '403': errorResponse('For community managers only (`forbidden`).') }
        : {}),
      ...(route.params ? { '404': errorResponse('No such group, or not one the viewer may see (`not_found`).') } : {}),
    },
  };
}

/** The whole document, for the routes of the router; `sessionCookie` is the cookie sign-in sets. */
export function openApiDocument(routes: readonly ApiRoute[], sessionCookie: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operationOf(route) };
  }
  paths[`${API_BASE}/openapi.json`] = {
    get: {
      summary: 'This document.',
      operationId: 'getOpenapiJson',
      security: [],
      responses: {
        '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  };
  const { schemas } = z.toJSONSchema(apiSchemas, JSON_SCHEMA_OPTIONS) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  return {
    openapi: '3.1.1',
    info: {
      title: 'Group Steward API',
      version: '1.0.0',
      description:
        'Read-only figures of the groups a signed-in viewer may see (a community manager: every group of the organisation; an owner: their groups), as JSON and as CSV for Excel and Power BI, and the one action of the dashboard: message the owners of selected groups.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
      ),
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: sessionCookie,
          description:
            'The session cookie that signing in sets (/auth/login/{provider}, or POST /auth/demo on the demo).',
        },
      },
    },
  };
}
