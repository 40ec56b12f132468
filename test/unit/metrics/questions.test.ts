import { describe, expect, it } from 'vitest';
import {
  openQuestions,
  responseStanding,
  tallyOf,
  timeToFirstResponse,
  withinTargetShare,
} from '../../../core/src/domain/metrics/questions.ts';
import type { Question } from '../../../core/src/domain/rollups.ts';

const HOUR = 3_600_000;
const asked = new Date('2026-03-02T10:00:00Z');
const after = (hours: number) => new Date(asked.getTime() + hours * HOUR);
const question = (threadId: string, askedAt: Date, firstResponseAt: Date | null): Question => ({
  groupId: 'g',
  threadId,
  askerId: 'asker',
  askedAt,
  firstResponseAt,
});

describe('where a question stands against the response target', () => {
  const target = 24 * HOUR;
  it('is within when first answered at most the target after, late when after', () => {
    expect(responseStanding(question('q', asked, after(24)), target, after(48))).toBe('within');
    expect(responseStanding(question('q', asked, after(25)), target, after(48))).toBe('late');
  });

  it('is waiting once the target passed without an answer, pending before', () => {
    expect(responseStanding(question('q', asked, null), target, after(25))).toBe('waiting');
    expect(responseStanding(question('q', asked, null), target, after(24))).toBe('pending');
  });

  it('does not know at an instant an answer that came later', () => {
    expect(responseStanding(question('q', asked, after(30)), target, after(26))).toBe('waiting');
    expect(responseStanding(question('q', asked, after(30)), target, after(30))).toBe('waiting');
  });

  it('shares the judged questions answered within target; pending ones are not judged yet', () => {
    const at = after(100);
    const tally = tallyOf(
      [
        question('a', asked, after(1)),
        question('b', asked, after(2)),
        question('c', asked, after(30)),
        question('d', asked, null),
        question('e', after(90), null),
      ],
      target,
      at,
    );
    expect(tally).toEqual({ within: 2, late: 1, waiting: 1, pending: 1 });
    expect(withinTargetShare(tally)).toBe(0.5);
    expect(withinTargetShare({ within: 0, late: 0, waiting: 0, pending: 3 })).toBeNull();
  });
});

describe('time to first response (CHAOSS)', () => {
  it('takes the median and the 90th percentile of the answered ones, and counts the unanswered apart', () => {
    const questions = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((hours, n) => question(`q${n}`, asked, after(hours)));
    const result = timeToFirstResponse([...questions, question('open', asked, null)], after(200));
    expect(result).toEqual({ answered: 10, medianMs: 5.5 * HOUR, p90Ms: 9.1 * HOUR, unanswered: 1 });
  });

  it('counts an answer after the instant as none yet', () => {
    expect(timeToFirstResponse([question('q', asked, after(5))], after(4))).toEqual({
      answered: 0,
      medianMs: null,
      p90Ms: null,
      unanswered: 1,
    });
  });
});

describe('open questions with their age', () => {
  it('lists the unanswered at the instant, oldest first, with how long they have waited', () => {
    const at = after(10);
    const open = openQuestions(
      [
        question('late', after(2), null),
        question('answered', asked, after(1)),
        question('early', asked, after(11)),
        question('future', after(11), null),
      ],
      at,
    );
    expect(open).toEqual([
      { threadId: 'early', askerId: 'asker', askedAt: asked, ageMs: 10 * HOUR },
      { threadId: 'late', askerId: 'asker', askedAt: after(2), ageMs: 8 * HOUR },
    ]);
  });
});
