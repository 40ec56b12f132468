import { parse } from 'node:querystring';
import { HTTPModuleFunctions, isValidSlackRequest } from '@slack/bolt';
import type { Logger } from '@steward/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { judge, type SlackBody } from './shapes.ts';

export interface RefuseMalformedOptions {
  readonly signingSecret: string;
  /** Bolt's own limit: a larger body is refused (413) before anything else. */
  readonly bodyLimit: number;
  readonly logger: Logger;
}

/**
 * Goes in front of Bolt on `/slack/events`: a request signed by Slack whose shape is not Slack's
 * (a `null` body, an id that is an object) is refused with a 400 before Bolt reads it, since Bolt
 * would throw on some (a 500) and pass others to listeners that would store them. A well-formed
 * request Bolt would leave unanswered is answered with an empty 200. Everything else goes on to
 * Bolt, which verifies the signature again and answers what is unsigned (401) or unreadable (400)
 * as it always does: it reads the body this middleware kept (`req.rawBody`), not the stream.
 */
export function refuseMalformed(options: RefuseMalformedOptions): RequestHandler {
  const { signingSecret, bodyLimit, logger } = options;
  return async (request: Request, response: Response, next: NextFunction) => {
    let raw: string;
    try {
      raw = (await HTTPModuleFunctions.bufferIncomingMessage(request, bodyLimit)).rawBody.toString();
    } catch (error) {
      return next(error); // too large (413) or cut short (400): the server's error answer
    }
    if (!signedBySlack(signingSecret, raw, request)) return next();
    const body = readBody(raw, request.headers['content-type']);
    if (!body) return next();
    const verdict = judge(body);
    if (verdict.kind === 'handle') return next();
    if (verdict.kind === 'nothing_to_do') return void response.status(200).end();
    // The fields at fault, never their values (which are whatever the sender chose).
    logger.warn({ kind: body.kind, fields: verdict.where.slice(0, 10) }, 'Slack request refused: its shape is not Slack’s');
    response.status(400).json({ error: 'bad_request' });
  };
}

function signedBySlack(signingSecret: string, body: string, request: Request): boolean {
  const signature = request.headers['x-slack-signature'];
  const timestamp = Number(request.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return false;
  return isValidSlackRequest({ signingSecret, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } });
}

/** The body as Bolt reads it (HTTPModuleFunctions.parseHTTPRequestBody), or null when it cannot be read. */
function readBody(raw: string, contentType: string | undefined): SlackBody | null {
  try {
    if (contentType !== 'application/x-www-form-urlencoded') return { kind: 'events', body: JSON.parse(raw) };
    const form = parse(raw);
    return typeof form['payload'] === 'string' ? { kind: 'interaction', body: JSON.parse(form['payload']) } : { kind: 'form', body: { ...form } };
  } catch {
    return null;
  }
}
