import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { startSteward, type RunningSteward } from '../../apps/server/src/steward.ts';
import type { FakeSlack } from './fake-slack/index.ts';
import { SIGNING_SECRET } from './slack-requests.ts';

/** The whole server, as configured from the environment, on a fresh embedded store, talking to `fake`. */
export async function startStewardWithSlack(
  fake: FakeSlack,
  slackSettings: Record<string, string>,
): Promise<{ steward: RunningSteward; dispose: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'steward-slack-'));
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
  return {
    steward,
    dispose: async () => {
      await steward.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
