import { NO_ANSWER, PlatformError } from '@steward/core';

/** What Microsoft answered: the status, the headers, the body parsed as JSON when it is JSON. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, the text of anything else, or null for an empty body. */
  readonly body: unknown;
}

export interface HttpCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly token?: string;
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string>>;
}

// Well below the outbox's lock (two minutes): a call that hangs must end before another worker may
// take the same message.
const TIMEOUT_MS = 30_000;

/**
 * One HTTP exchange with plain `fetch`. Nothing is retried here: the outbox decides. A failure to
 * get any answer (connection refused or reset, DNS, timeout) is a transient NO_ANSWER (`request_failed`):
 * the call may have been carried out.
 */
export async function exchange(call: HttpCall): Promise<HttpAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.json !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(call.json);
  } else if (call.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(call.url, { method: call.method, headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    text = await response.text();
  } catch (error) {
    throw new PlatformError(NO_ANSWER, {
      permanent: false,
      message: `${call.method} ${call.url}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return {
    status: response.status,
    headers: response.headers,
    body: parseBody(text, response.headers.get('content-type')),
  };
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return null;
  if (!(contentType ?? '').includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function succeeded(answer: HttpAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}
