import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '@steward/core';

/** Bolt's logger interface over ours, so that its lines land in the same pino stream. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
  return {
    debug: (...args) => logger.debug({ component: 'bolt' }, line(args)),
    info: (...args) => logger.info({ component: 'bolt' }, line(args)),
    warn: (...args) => logger.warn({ component: 'bolt' }, line(args)),
    error: (...args) => logger.error({ component: 'bolt' }, line(args)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
