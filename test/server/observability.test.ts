import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../apps/server/src/http.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { StewardMetrics } from '../../apps/server/src/observability/metrics.ts';
import type { RunningSteward } from '../../apps/server/src/steward.ts';
import { type ChatPlatform, PlatformError, type Store, systemClock } from '../../core/src/index.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { eventually } from '../support/eventually.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { fakeSlackSettings } from '../support/platform-settings.ts';
import { asEvent, postToSlackEndpoint } from '../support/slack-requests.ts';
import { startStewardWithSlack } from '../support/steward-with-slack.ts';

// What an operator scrapes (/metrics, Prometheus's text format), asks a load balancer to poll
// (/readyz), and follows through the logs (X-Request-Id), on the whole server with a fake Slack.

const SLACK_TEAM = 'T0METRICS';

/** The value of one series in Prometheus's text exposition format; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const scrape = async (url: string) => {
  const response = await fetch(`${url}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
};

describe('Observability of the running server', () => {
  const slack = new FakeSlack();
  let steward: RunningSteward;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    await slack.start();
    slack.addWorkspace({ id: SLACK_TEAM, token: 'xoxb-metrics-test' });
    slack.addUser({ id: 'U0OPAL', realName: 'Opal Operator', email: 'opal@northwind.example' });
    ({ steward, dispose } = await startStewardWithSlack(slack, fakeSlackSettings(slack, 'xoxb-metrics-test')));
  }, 60_000);
  afterAll(async () => {
    await dispose?.();
    await slack.stop();
  });

  const openHome = (eventId: string) =>
    postToSlackEndpoint(
      steward.url,
      // https://docs.slack.dev/reference/events/app_home_opened
      asEvent(
        JSON.stringify({
          team_id: SLACK_TEAM,
          api_app_id: 'A0STEWARD',
          type: 'event_callback',
          event_id: eventId,
          event_time: 1_772_470_000,
          event: {
            type: 'app_home_opened',
            user: 'U0OPAL',
            channel: 'D0OPAL',
            tab: 'home',
            event_ts: '1772470000.000100',
          },
        }),
      ),
    );

  it('counts the events it stored and acknowledged, and times the requests by route', async () => {
    const before = await scrape(steward.url);
    const acknowledged = sample(before, 'steward_events_acknowledged_total{platform="slack"}') ?? 0;
    expect((await openHome('Ev0METRICS1')).status).toBe(200);
    expect((await openHome('Ev0METRICS2')).status).toBe(200);

    const after = await scrape(steward.url);
    expect(sample(after, 'steward_events_acknowledged_total{platform="slack"}')).toBe(acknowledged + 2);
    expect(
      sample(after, 'steward_http_request_duration_seconds_count{method="POST",route="/slack/events",status="200"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(after).toMatch(/^# TYPE steward_http_request_duration_seconds histogram$/m);
    expect(sample(after, 'steward_store_up')).toBe(1);
    expect(sample(after, 'steward_inbox_items{status="parked"}')).toBe(0);
    expect(sample(after, 'steward_ingest_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(after).toMatch(/^steward_process_resident_memory_bytes \d+/m);
  });

  it('counts each delivery attempt by outcome, a 429 as throttled, and the outbox waiting by platform', async () => {
    // https://docs.slack.dev/apis/web-api/rate-limits: 429 with Retry-After.
    slack.failNext('views.publish', { status: 429, retryAfter: 1 });
    expect((await openHome('Ev0METRICS3')).status).toBe(200);
    const text = await eventually(async () => {
      const scraped = await scrape(steward.url);
      expect(
        sample(
          scraped,
          'steward_delivery_attempts_total{platform="slack",operation="publishHome",outcome="throttled"}',
        ),
      ).toBe(1);
      expect(
        sample(scraped, 'steward_delivery_attempts_total{platform="slack",operation="publishHome",outcome="ok"}'),
      ).toBeGreaterThanOrEqual(1);
      return scraped;
    }, 20_000);
    expect(text).toMatch(/^# TYPE steward_outbox_messages gauge$/m);
    expect(
      slack.callsTo('views.publish').filter((call) => call.params['user_id'] === 'U0OPAL').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('times the scheduled jobs by name', async () => {
    await eventually(async () => {
      expect(
        sample(
          await scrape(steward.url),
          'steward_job_duration_seconds_count{job="weekly_hour.due_cards",outcome="ok"}',
        ),
      ).toBeGreaterThanOrEqual(1);
    }, 30_000);
  });

  it('says it is ready while the store answers', async () => {
    const response = await fetch(`${steward.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', store: true, stopping: false });
  });

  it('answers every request with an id: the caller’s own when it is a plain token, a new one otherwise', async () => {
    const given = await fetch(`${steward.url}/readyz`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const hostile = await fetch(`${steward.url}/readyz`, { headers: { 'x-request-id': 'x"} <script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('Readiness, request ids and delivery outcomes, on the parts alone', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()), 60_000);
  afterAll(() => dispose?.());

  it('says not ready once the process is stopping, and each log line written for a request carries its id', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const logger = createLogger('info', false, sink);
    let stopping = false;
    const routes = express.Router().get('/work', (_request, response) => {
      // Later in the request, after an await: the id must follow.
      void Promise.resolve().then(() => {
        logger.info({ step: 'working' }, 'doing the work');
        response.json({ ok: true });
      });
    });
    const app = createHttpApp({
      store,
      scheduler: null,
      routers: [routes],
      platforms: {},
      logger,
      metrics: new StewardMetrics(store, systemClock),
      stopping: () => stopping,
    });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const worked = await fetch(`${url}/work`);
      const id = worked.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines.find((line) => line['step'] === 'working')).toMatchObject({ requestId: id, msg: 'doing the work' });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      stopping = true;
      const draining = await fetch(`${url}/readyz`);
      expect(draining.status).toBe(503);
      expect(await draining.json()).toEqual({ status: 'not_ready', store: true, stopping: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('counts a platform call that failed for good apart from one to try again', async () => {
    const metrics = new StewardMetrics(store, systemClock);
    const calls = [
      new PlatformError('channel_not_found', { permanent: true }),
      new PlatformError('internal_error', { permanent: false }),
      null,
    ];
    const platform = metrics.countDeliveries('teams', {
      sendCard: async () => {
        const next = calls.shift();
        if (next) throw next;
        return { platform: 'teams', workspaceId: 't', conversationId: 'c', messageId: 'm' };
      },
    } as unknown as ChatPlatform);
    for (let i = 0; i < 3; i++)
      await platform
        .sendCard(
          { platform: 'teams', workspaceId: 't', userId: 'u' },
          { locale: 'en', title: 't', summary: 's', blocks: [] },
        )
        .catch(() => null);
    const text = await metrics.registry.metrics();
    for (const outcome of ['failed', 'retry', 'ok']) {
      expect(
        sample(text, `steward_delivery_attempts_total{platform="teams",operation="sendCard",outcome="${outcome}"}`),
      ).toBe(1);
    }
  });
});
