import pino from 'pino';
import type { Config } from './config.ts';
import { requestLogFields } from './observability/request-context.ts';

/**
 * pino JSON lines; pretty-printed when a person is watching the terminal. `destination`: where
 * the lines go instead of standard output (tests read them).
 */
export function createLogger(
  level: Config['logLevel'],
  pretty: boolean,
  destination?: pino.DestinationStream,
): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'group-steward' },
    // Every line written while a request is handled names it (X-Request-Id).
    mixin: requestLogFields,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
