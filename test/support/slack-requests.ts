import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SIGNING_SECRET = 'test-signing-secret-8f14e45fceea167a5a36dedd4bea2543';

/** Slack's v0 signature over `v0:{timestamp}:{raw body}` (PLATFORMS.md §c). */
export function slackSignature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A recorded payload from test/fixtures/slack, with placeholders filled. */
export function slackFixture(name: string, fill: Record<string, string> = {}): string {
  let text = readFileSync(join(import.meta.dirname, '../fixtures/slack', name), 'utf8');
  for (const [placeholder, value] of Object.entries(fill)) text = text.replaceAll(placeholder, value);
  return text;
}

export interface SignedPost {
  readonly body: string;
  readonly contentType: string;
  /** Seconds since the epoch; defaults to now. */
  readonly timestamp?: number;
  readonly secret?: string;
  readonly retryNum?: number;
}

/** POSTs to our Slack endpoint exactly as Slack does: raw body, timestamp and signature headers. */
export async function postToSlackEndpoint(url: string, request: SignedPost): Promise<Response> {
  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': request.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(request.body, timestamp, request.secret),
  };
  if (request.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(request.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(`${url}/slack/events`, { method: 'POST', headers, body: request.body });
}

export const asEvent = (body: string): SignedPost => ({ body, contentType: 'application/json' });

/** Interactivity payloads and slash commands arrive form-encoded. */
export const asForm = (fields: Record<string, string>): SignedPost => ({
  body: new URLSearchParams(fields).toString(),
  contentType: 'application/x-www-form-urlencoded',
});
