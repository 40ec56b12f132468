import type { Logger } from '../../core/src/ports/logger.ts';

/** For tests that assert on behaviour, not on logs. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
