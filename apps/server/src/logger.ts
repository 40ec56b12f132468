import pino from 'pino';
import type { Config } from './config.ts';

/** pino JSON lines; pretty-printed when a person is watching the terminal. */
export function createLogger(level: Config['logLevel'], pretty: boolean): pino.Logger {
  return pino({
    level,
    base: { service: 'group-steward' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}
