import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import { eventually } from './eventually.ts';
import type { FakeSlack } from './fake-slack/index.ts';
import { SIGNING_SECRET } from './slack-requests.ts';

export interface StewardWithSlackOptions {
  /** A data folder to start on (kept by `dispose`); a fresh one, removed by `dispose`, otherwise. */
  readonly dataDir?: string;
  /** Resolve only once Slack answered the start (`/healthz` says slack ok); true unless told. */
  readonly waitForSlack?: boolean;
}

/** The whole server, as configured from the environment, on an embedded store, talking to `fake`. */
export async function startStewardWithSlack(
  fake: FakeSlack,
  slackSettings: Record<string, string>,
  options: StewardWithSlackOptions = {},
): Promise<{ steward: RunningSteward; dispose: () => Promise<void> }> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'steward-slack-')));
  const config = loadConfig({
    STEWARD_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    STEWARD_DEMO: 'false',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    ...slackSettings,
  });
  const steward = await startSteward(config, createLogger('silent', false));
  const dispose = async () => {
    await steward.stop();
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  if (options.waitForSlack ?? true) {
    try {
      await untilSlackAnswered(steward.url);
    } catch (error) {
      await dispose();
      throw error;
    }
  }
  return { steward, dispose };
}

/** Until the server's start has heard from Slack (auth.test): before, Slack's requests get a 401. */
export function untilSlackAnswered(url: string): Promise<void> {
  return eventually(async () => {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { platforms: { slack?: { state: string } } };
    if (health.platforms.slack?.state !== 'ok') throw new Error(`Slack is ${JSON.stringify(health.platforms.slack)}`);
  }, 10_000);
}
