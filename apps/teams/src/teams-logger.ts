import type { ILogger } from '@microsoft/teams.common';
import type { Logger } from '@steward/core';

/** The Teams SDK's logger interface over ours, so that its lines land in the same pino stream. */
export function teamsLogger(logger: Logger, name = 'teams'): ILogger {
  const line = (args: unknown[]) =>
    args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(' ');
  const bound = logger.child({ component: name });
  return {
    debug: (...args: unknown[]) => bound.debug({}, line(args)),
    info: (...args: unknown[]) => bound.info({}, line(args)),
    warn: (...args: unknown[]) => bound.warn({}, line(args)),
    error: (...args: unknown[]) => bound.error({}, line(args)),
    trace: (...args: unknown[]) => bound.debug({}, line(args)),
    log: (_level: unknown, ...args: unknown[]) => bound.info({}, line(args)),
    child: (child: string) => teamsLogger(logger, `${name}.${child}`),
  };
}
