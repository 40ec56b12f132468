// Reliability: 10,000 hostile requests across every route the server mounts — the list read from the
// app's own router (RunningSteward.routes), so that a route added later is flooded too. Wrong types,
// huge bodies, broken JSON, unicode, deep nesting, bad signatures, stale timestamps, bad tokens and
// cookies, and a valid Slack signature or Bot Framework token on a garbage payload. Not one 5xx, no
// stack or path in an error's answer, not one write (a digest of every table before and after), and
// the server's memory bounded during the flood and given back after it (measured in this process,
// where the server runs). The server takes requests only (the web role), so that nothing runs
// behind them. On PostgreSQL when TEST_DATABASE_URL is set, else on embedded PGlite.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import { LocalBotFrameworkIssuer } from '../support/bot-framework-auth.ts';
import { databaseDigest, type Queryable } from '../support/database-digest.ts';
import { currentEmbeddedPool } from '../support/embedded-pool.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_APP, FakeTeams } from '../support/fake-teams/index.ts';
import { fakeSlackSettings, fakeTeamsSettings } from '../support/platform-settings.ts';
import { aServerDatabase, type ServerDatabase } from '../support/server-database.ts';
import { slackSignature } from '../support/slack-requests.ts';
import { untilSlackAnswered } from '../support/steward-with-slack.ts';
import { printFigures } from './figures.ts';

// The embedded store's tables are read through the server's own connection (embedded-pool.ts).
vi.mock('../../core/src/stores/postgres/index.ts', async (original) =>
  (await import('../support/embedded-pool.ts')).capturingEmbeddedPool(
    await original<typeof import('../../core/src/stores/postgres/index.ts')>(),
  ),
);

const REQUESTS = 10_000;
const CONCURRENCY = 16;
const MB = 1024 * 1024;
/** What a stack trace or a source path looks like in an answer. */
const LEAK = /\s+at \S+ \(|\.[cm]?[jt]s:\d+|node_modules|\/work\/|\/home\/|\/tmp\/|Error:/;
const serverUrl = process.env['TEST_DATABASE_URL'];

// What fills a route's parameters: odd ids, traversal, NUL, a long one, an injection, an operator.
const PARAMS = [
  '0',
  '-1',
  'null',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(3_000),
  '%F0%9F%92%A9',
  "'%20OR%201=1--",
  '%7B%22%24gt%22%3A%22%22%7D',
  '00000000-0000-0000-0000-000000000000',
];

interface Body {
  readonly name: string;
  readonly contentType: string | null;
  readonly body: () => string | null;
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const BODIES: readonly Body[] = [
  { name: 'no body', contentType: null, body: () => null },
  { name: 'broken JSON', contentType: 'application/json', body: () => '{"type": "event_callback", "event": ' },
  { name: 'JSON null', contentType: 'application/json', body: () => 'null' },
  { name: 'JSON number', contentType: 'application/json', body: () => '42' },
  { name: 'JSON string', contentType: 'application/json', body: () => '"hello"' },
  { name: 'JSON array', contentType: 'application/json', body: () => '[{"type":"message"}]' },
  {
    name: 'operators for values',
    contentType: 'application/json',
    body: () => '{"type":{"$gt":""},"tenantId":{"$ne":null},"value":[1,2],"id":{"$where":"1"}}',
  },
  {
    name: 'wrong types',
    contentType: 'application/json',
    body: () => '{"type":7,"text":{},"value":true,"from":"x","conversation":[],"weekday":"Monday","time":99}',
  },
  {
    name: 'unicode',
    contentType: 'application/json',
    body: () =>
      JSON.stringify({ type: '\u202emessage', text: '\u0000\ud800🎉𝕏\uFEFFЖ'.repeat(50), name: 'ﷺ'.repeat(200) }),
  },
  { name: 'deep nesting', contentType: 'application/json', body: () => nested(5_000) },
  { name: 'deep arrays', contentType: 'application/json', body: () => `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
  {
    name: 'prototype pollution',
    contentType: 'application/json',
    body: () => '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}',
  },
  {
    name: 'broken form',
    contentType: 'application/x-www-form-urlencoded',
    body: () => 'payload=%7B%22type%22%3A&payload=%E0%A4%A',
  },
  {
    name: 'form with JSON garbage',
    contentType: 'application/x-www-form-urlencoded',
    body: () =>
      `payload=${encodeURIComponent('{"type":"block_actions","actions":[{"action_id":{"$gt":""}}]}')}&command=%2Fsteward&text=${'%00'.repeat(100)}`,
  },
  {
    name: 'XML',
    contentType: 'application/xml',
    body: () => '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  },
  { name: 'text', contentType: 'text/plain', body: () => 'just words' },
  {
    name: 'bogus multipart',
    contentType: 'multipart/form-data; boundary=xyz',
    body: () => '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n',
  },
];
/** Every hundredth request carries a body of 1.2 MB, above every limit the server sets. */
const HUGE: Body = { name: 'huge', contentType: 'application/json', body: () => `{"pad":"${'x'.repeat(1.2 * MB)}"}` };

type Credentials =
  | 'none'
  | 'bad slack signature'
  | 'stale slack signature'
  | 'valid slack signature'
  | 'garbage bearer'
  | 'stranger bearer'
  | 'valid teams token'
  | 'garbage cookie';
const CREDENTIALS: readonly Credentials[] = [
  'none',
  'bad slack signature',
  'stale slack signature',
  'valid slack signature',
  'garbage bearer',
  'stranger bearer',
  'valid teams token',
  'garbage cookie',
];

describe(`10,000 bad inputs across every route (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slack = new FakeSlack();
  const teams = new FakeTeams();
  const issuer = new LocalBotFrameworkIssuer();
  const strangerKey = LocalBotFrameworkIssuer.strangerKey();
  let database: ServerDatabase;
  let steward: RunningSteward;
  let tables: Queryable;
  let closeTables = async () => {};

  beforeAll(async () => {
    const openIdMetadataUrl = await issuer.start();
    await slack.start();
    await teams.start();
    slack.addWorkspace({ id: 'T0FLOOD', token: 'xoxb-flood' });
    database = await aServerDatabase('steward-flood-');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      STEWARD_DEMO: 'false',
      STEWARD_ROLE: 'web',
      ...database.env,
      ...fakeSlackSettings(slack, 'xoxb-flood'),
      ...fakeTeamsSettings(teams, openIdMetadataUrl),
    });
    steward = await startSteward(config, createLogger('silent', false));
    // The workspace becomes a tenant once Slack answered the start: before the 'before' digest.
    await untilSlackAnswered(steward.url);
    if (database.env['DATABASE_URL']) {
      const client = new pg.Client({ connectionString: database.env['DATABASE_URL'] });
      await client.connect();
      tables = client;
      closeTables = () => client.end();
    } else tables = currentEmbeddedPool();
  }, 120_000);

  afterAll(async () => {
    await closeTables();
    await steward?.stop();
    await database?.drop();
    await slack.stop();
    await teams.stop();
    await issuer.stop();
  });

  /** The headers a credential makes for this body. */
  const headersFor = (credentials: Credentials, body: string): Record<string, string> => {
    const now = Math.floor(Date.now() / 1000);
    switch (credentials) {
      case 'none':
        return {};
      case 'bad slack signature':
        return { 'x-slack-request-timestamp': String(now), 'x-slack-signature': `v0=${'0'.repeat(64)}` };
      case 'stale slack signature':
        return { 'x-slack-request-timestamp': String(now - 600), 'x-slack-signature': slackSignature(body, now - 600) };
      case 'valid slack signature':
        return { 'x-slack-request-timestamp': String(now), 'x-slack-signature': slackSignature(body, now) };
      case 'garbage bearer':
        return { authorization: 'Bearer not.a.jwt\u00ff' };
      case 'stranger bearer':
        return {
          authorization: `Bearer ${issuer.serviceToken(FAKE_APP.id, teams.serviceUrl(), { key: strangerKey })}`,
        };
      case 'valid teams token':
        return { authorization: `Bearer ${issuer.serviceToken(FAKE_APP.id, teams.serviceUrl())}` };
      case 'garbage cookie':
        return { cookie: `steward_session=${'%'.repeat(40)}; other=${'a'.repeat(4_000)}` };
    }
  };

  it('answers every one with a 4xx or a 2xx, never a 5xx, writes nothing and gives its memory back', async () => {
    const routes = steward.routes;
    // The list is the router's: each edge, the API, the dashboard, sign-in and health must be in it.
    for (const expected of ['/slack/events', '/api/messages', '/api/v1/', '/dashboard', '/auth/', '/healthz']) {
      expect(
        routes.some((route) => route.path.startsWith(expected)),
        `a route under ${expected}`,
      ).toBe(true);
    }
    const gc = collector();
    gc();
    const before = process.memoryUsage();
    const digestBefore = await databaseDigest(tables);

    const peak = { rss: before.rss, heapUsed: before.heapUsed };
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    }, 50);
    const byStatus = new Map<number, number>();
    const fiveHundreds: string[] = [];
    const leaks: string[] = [];
    const resets: string[] = [];
    const failures: string[] = [];
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const sent = await send(i);
        const { label, response } = sent;
        // The server may close the connection on a body above its limit before reading it all.
        if (!response) {
          resets.push(label);
          continue;
        }
        const text = await response.text();
        byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
        if (response.status >= 500) fiveHundreds.push(`${response.status} ${label}`);
        if (response.status >= 400 && LEAK.test(text)) leaks.push(`${label}: ${text.slice(0, 200)}`);
      }
    };
    const send = async (i: number) => {
      const route = routes[i % routes.length]!;
      const kind = i % 100 === 99 ? HUGE : BODIES[Math.floor(i / routes.length) % BODIES.length]!;
      const credentials = CREDENTIALS[(i * 7 + Math.floor(i / routes.length)) % CREDENTIALS.length]!;
      // One request in eleven uses a method the route does not have.
      const method = i % 11 === 10 ? (route.method === 'GET' ? 'POST' : 'GET') : route.method;
      const path = route.path
        .replace(/:(\w+)/g, () => PARAMS[i % PARAMS.length]!)
        .replace(/\*\w*/g, PARAMS[(i + 3) % PARAMS.length]!);
      const query =
        i % 5 === 0
          ? `?${PARAMS[i % PARAMS.length]}=${PARAMS[(i + 1) % PARAMS.length]}&from=yesterday&limit=-1&limit=9e99`
          : '';
      const body = method === 'GET' || method === 'HEAD' ? null : kind.body();
      const headers: Record<string, string> = {
        ...headersFor(credentials, body ?? ''),
        ...(kind.contentType && body !== null ? { 'content-type': kind.contentType } : {}),
      };
      const label = `${method} ${route.path} [${kind.name}, ${credentials}]`;
      const response = await fetch(`${steward.url}${path}${query}`, {
        method,
        headers,
        body,
        redirect: 'manual',
      }).catch((error: unknown) => {
        failures.push(`${label}: ${describeFailure(error)}`);
        return null;
      });
      return { label, response };
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    // A moment for anything an edge does after its answer, then the memory once collected.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    gc();
    gc();
    const after = process.memoryUsage();
    const digestAfter = await databaseDigest(tables);
    const changedTables = Object.keys(digestAfter).filter((table) => digestAfter[table] !== digestBefore[table]);
    const count = (test: (status: number) => boolean) =>
      [...byStatus].filter(([status]) => test(status)).reduce((sum, [, n]) => sum + n, 0);

    printFigures(`10,000 bad inputs across every route (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, [
      { name: 'routes (from the router)', value: routes.length },
      { name: 'requests', value: REQUESTS },
      { name: 'answers 2xx/3xx', value: count((status) => status < 400) },
      { name: 'answers 4xx', value: count((status) => status >= 400 && status < 500) },
      { name: 'connections closed on a huge body', value: resets.length },
      {
        name: 'connections closed on anything else',
        value: resets.filter((label) => !label.includes('[huge')).length,
        expected: '0',
      },
      { name: 'answers 5xx', value: count((status) => status >= 500), expected: '0' },
      { name: 'error answers naming a stack or path', value: leaks.length, expected: '0' },
      { name: 'tables written', value: changedTables.length, expected: '0' },
      { name: 'RSS before (MB)', value: (before.rss / MB).toFixed(0) },
      { name: 'RSS at peak (MB)', value: (peak.rss / MB).toFixed(0), expected: `≤ before + 512` },
      { name: 'RSS after GC (MB)', value: (after.rss / MB).toFixed(0) },
      { name: 'heap before (MB)', value: (before.heapUsed / MB).toFixed(0) },
      { name: 'heap at peak (MB)', value: (peak.heapUsed / MB).toFixed(0) },
      { name: 'heap after GC (MB)', value: (after.heapUsed / MB).toFixed(0), expected: '≤ before + 48' },
      { name: 'requests per second', value: (REQUESTS / seconds).toFixed(0) },
      { name: 'wall time of the flood (s)', value: seconds.toFixed(1) },
    ]);
    console.log(`  answers by status: ${JSON.stringify(Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)))}`);
    if (changedTables.length > 0) console.log(`  tables written: ${changedTables.join(', ')}`);
    if (failures.length > 0) console.log(`  connections closed: ${failures.join('; ')}`);

    expect(fiveHundreds.slice(0, 10)).toEqual([]);
    expect(leaks.slice(0, 5)).toEqual([]);
    expect(resets.filter((label) => !label.includes('[huge')).slice(0, 5)).toEqual([]);
    expect(changedTables).toEqual([]);
    expect(peak.rss - before.rss).toBeLessThan(512 * MB);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(48 * MB);
  }, 600_000);
});

/** What fetch said when it got no answer: undici puts the socket's error in `cause`. */
function describeFailure(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return [cause?.code, cause?.message ?? String(error)].filter(Boolean).join(' ');
}

/** V8's collector, exposed at run time: the suite runs without --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
