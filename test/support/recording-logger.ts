import type { Logger } from '../../core/src/ports/logger.ts';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string | undefined;
}

/** A logger that keeps what it is given, children's lines (with their bindings) included, for tests that assert on logs. */
export function recordingLogger(lines: LogLine[] = [], bindings: object = {}): Logger & { readonly lines: LogLine[] } {
  const write = (level: LogLine['level']) => (fields: object, message?: string) => {
    lines.push({ level, fields: { ...bindings, ...fields }, message });
  };
  return {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more: object) => recordingLogger(lines, { ...bindings, ...more }),
  };
}
