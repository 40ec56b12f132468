import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startProgress, timeLeft } from '../../apps/server/src/cli/progress.ts';

/** A non-terminal stream that keeps what was written (as a log file or CI would). */
function captured(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

describe('progress without a terminal', () => {
  it('prints a plain line with the rate and the time left at most every interval, and a last line at stop', () => {
    let now = 0;
    const out = captured();
    const progress = startProgress('backfill', 100, { stream: out.stream, plainEveryMs: 5000, now: () => now });
    now = 1000;
    progress.update(10);
    expect(out.text()).toBe('');
    now = 5000;
    progress.update(50);
    expect(out.text()).toBe('backfill: 50/100 (50%), 10.0/s, 5s left\n');
    now = 6000;
    progress.increment(10);
    expect(out.text().split('\n')).toHaveLength(2);
    progress.stop();
    expect(out.text().split('\n').at(-2)).toBe('backfill: 60/100 (60%), 10.0/s, 4s left');
  });

  it('follows a total that grows', () => {
    let now = 0;
    const out = captured();
    const progress = startProgress('groups', 10, { stream: out.stream, plainEveryMs: 1000, now: () => now });
    now = 2000;
    progress.update(5, 40);
    expect(out.text()).toBe('groups: 5/40 (12%), 2.5/s, 14s left\n');
  });
});

describe('timeLeft', () => {
  it('reads as a person says it', () => {
    expect(timeLeft(0, 1)).toBe('0s');
    expect(timeLeft(10, 0)).toBe('?');
    expect(timeLeft(125, 1)).toBe('2m 05s');
    expect(timeLeft(3720, 1)).toBe('1h 02m');
  });
});
