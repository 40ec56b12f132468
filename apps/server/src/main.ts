import { type Config, ConfigError } from './config.ts';
import { configFromEnvironment } from './environment.ts';
import { createLogger } from './logger.ts';
import { type RunningSteward, startSteward } from './steward.ts';

// The server's composition root reads the environment; nothing below it does.
let config: Config;
try {
  config = configFromEnvironment(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(2);
}

const logger = createLogger(config.logLevel, process.stdout.isTTY === true);
const started = Date.now();
let steward: RunningSteward;
try {
  steward = await startSteward(config, logger);
} catch (error) {
  logger.fatal({ err: error }, 'Group Steward could not start');
  process.exit(1);
}
logger.info({ ms: Date.now() - started }, 'started');

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) {
    logger.warn({ signal }, 'second signal: exiting without waiting');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, 'stopping');
  let code = 0;
  try {
    await steward.stop();
    logger.info({}, 'stopped cleanly');
  } catch (error) {
    logger.error({ err: error }, 'error while stopping');
    code = 1;
  }
  // Everything is closed and written; agenda may still hold an idle lock-renewal timer.
  process.exit(code);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
