import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { parse } from 'node:querystring';
import { HTTPModuleFunctions } from '@slack/bolt';
import type { Logger } from '@steward/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { judge, type SlackBody } from './shapes.ts';

export interface VerifyRequestOptions {
  readonly signingSecret: string;
  /** Bolt's own limit: a larger body is refused (413) before anything else. */
  readonly bodyLimit: number;
  readonly logger: Logger;
}

/** Slack's requests older (or newer) than this are replays: refused (PLATFORMS.md §c). */
const MAX_AGE_S = 5 * 60;

/**
 * Goes in front of Bolt on `/slack/events`, as the one check of Slack's signature (Bolt's own is
 * off: it would compute it again, three HMACs and random bytes for each request):
 * - not signed by Slack, or signed more than 5 minutes away from now: 401, nothing read further;
 * - signed, but its shape is not Slack's (a `null` body, an id that is an object): 400, since
 *   Bolt would throw on some (a 500) and pass others to listeners that would store them;
 * - signed and well-formed, but nothing Bolt would answer: an empty 200 at once;
 * - everything else goes on to Bolt, which reads the body kept here (`req.rawBody`), not the stream.
 */
export function verifyRequest(options: VerifyRequestOptions): RequestHandler {
  const { bodyLimit, logger } = options;
  const key = createSecretKey(Buffer.from(options.signingSecret));
  return async (request: Request, response: Response, next: NextFunction) => {
    let raw: string;
    try {
      raw = (await HTTPModuleFunctions.bufferIncomingMessage(request, bodyLimit)).rawBody.toString();
    } catch (error) {
      return next(error); // too large (413) or cut short (400): the server's error answer
    }
    if (!signedBySlack(key, raw, request, Math.floor(Date.now() / 1000)))
      return void response.status(401).json({ error: 'unauthorized' });
    const body = readBody(raw, request.headers['content-type']);
    if (!body) return void response.status(400).json({ error: 'bad_request' });
    const verdict = judge(body);
    if (verdict.kind === 'handle') return next();
    if (verdict.kind === 'nothing_to_do') return void response.status(200).end();
    // The fields at fault, never their values (which are whatever the sender chose).
    logger.warn(
      { kind: body.kind, fields: verdict.where.slice(0, 10) },
      'Slack request refused: its shape is not Slack’s',
    );
    response.status(400).json({ error: 'bad_request' });
  };
}

/** Slack's v0 signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}`, compared in constant time. */
function signedBySlack(key: KeyObject, body: string, request: Request, nowS: number): boolean {
  const signature = request.headers['x-slack-signature'];
  const timestamp = Number(request.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isInteger(timestamp) || Math.abs(nowS - timestamp) > MAX_AGE_S)
    return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', key).update(`v0:${timestamp}:${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The body as Bolt reads it (HTTPModuleFunctions.parseHTTPRequestBody), or null when it cannot be read. */
function readBody(raw: string, contentType: string | undefined): SlackBody | null {
  try {
    if (contentType !== 'application/x-www-form-urlencoded') return { kind: 'events', body: JSON.parse(raw) };
    const form = parse(raw);
    return typeof form['payload'] === 'string'
      ? { kind: 'interaction', body: JSON.parse(form['payload']) }
      : { kind: 'form', body: { ...form } };
  } catch {
    return null;
  }
}
