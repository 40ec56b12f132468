import type { IncomingHttpHeaders } from 'node:http';

/** A method's arguments as Slack reads them, the token taken out. */
export type Params = Record<string, unknown>;

export interface ParsedRequest {
  readonly token: string | null;
  readonly params: Params;
}

// WebClient sends form fields and JSON-encodes the nested ones; Slack decodes these.
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'view']);

/**
 * Reads a Web API request as Slack does: a JSON body or a form body (plus query arguments), the
 * token from `Authorization: Bearer …` or else the `token` argument. Null for a malformed JSON body
 * (Slack answers `invalid_json`).
 */
export function parseRequest(headers: IncomingHttpHeaders, query: URLSearchParams, body: string): ParsedRequest | null {
  const params: Params = Object.fromEntries(query);
  if ((headers['content-type'] ?? '').includes('application/json')) {
    if (body.trim() !== '') {
      try {
        Object.assign(params, JSON.parse(body) as Params);
      } catch {
        return null;
      }
    }
  } else {
    for (const [name, value] of new URLSearchParams(body))
      params[name] = JSON_FIELDS.has(name) ? decodeJson(value) : value;
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  const token = bearer ?? (typeof params.token === 'string' && params.token !== '' ? params.token : null);
  delete params.token;
  return { token, params };
}

/** Malformed JSON stays a string, which the method then refuses (e.g. `invalid_blocks_format`). */
function decodeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
