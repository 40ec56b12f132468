import { Presets, SingleBar } from 'cli-progress';

/** How far a long command is: the one way every command shows it. */
export interface Progress {
  /** `done` items of the total (which may grow, as a backfill finds more). */
  update(done: number, total?: number): void;
  increment(by?: number): void;
  /** The last line, then nothing more. */
  stop(): void;
}

export interface ProgressOptions {
  /** Where the bar goes; standard error, so that standard output stays the command's answer. */
  readonly stream?: NodeJS.WriteStream;
  /** Without a terminal, a plain line this often (a log or CI keeps a few lines, not a bar's redraws). */
  readonly plainEveryMs?: number;
  /** Milliseconds since some fixed point; tests pass their own. */
  readonly now?: () => number;
}

/**
 * A progress bar with the rate and the time left on a terminal (cli-progress); elsewhere a plain
 * line every few seconds with the same figures.
 */
export function startProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const started = now();
  let done = 0;
  let all = total;
  const rate = () => done / Math.max((now() - started) / 1000, 0.001);
  const figures = () => ({ label, rate: rate().toFixed(1), left: timeLeft(all - done, rate()) });
  if (stream.isTTY) {
    const bar = new SingleBar(
      { stream, format: `{label} [{bar}] {value}/{total} {percentage}% · {rate}/s · {left} left`, hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(all, 0, figures());
    return {
      update: (value, newTotal) => {
        done = value;
        if (newTotal !== undefined && newTotal !== all) {
          all = newTotal;
          bar.setTotal(all);
        }
        bar.update(done, figures());
      },
      increment: (by = 1) => {
        done += by;
        bar.update(done, figures());
      },
      stop: () => bar.stop(),
    };
  }
  const every = options.plainEveryMs ?? 5000;
  let lastLine = started;
  const line = () => {
    const { rate: perSecond, left } = figures();
    stream.write(`${label}: ${done}/${all} (${percent(done, all)}%), ${perSecond}/s, ${left} left\n`);
  };
  const maybeLine = () => {
    if (now() - lastLine < every) return;
    lastLine = now();
    line();
  };
  return {
    update: (value, newTotal) => {
      done = value;
      if (newTotal !== undefined) all = newTotal;
      maybeLine();
    },
    increment: (by = 1) => {
      done += by;
      maybeLine();
    },
    stop: line,
  };
}

const percent = (done: number, total: number) => (total === 0 ? 100 : Math.floor((done / total) * 100));

/** "2m 05s", "1h 02m": the time left at the current rate; "?" before there is one. */
export function timeLeft(remaining: number, perSecond: number): string {
  if (remaining <= 0) return '0s';
  if (!(perSecond > 0)) return '?';
  const seconds = Math.ceil(remaining / perSecond);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}h ${two(m)}m` : m > 0 ? `${m}m ${two(s)}s` : `${s}s`;
}
