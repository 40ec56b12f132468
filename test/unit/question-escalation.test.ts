import { describe, expect, it } from 'vitest';
import { waitingQuestionsSection } from '../../core/src/cards/digest-questions.ts';
import { questionHelpCard, questionReminderCard } from '../../core/src/cards/question-cards.ts';
import { responseTimeFacts } from '../../core/src/cards/response-time-line.ts';
import {
  ESCALATION_MAX_AGE_MS,
  type EscalatingQuestion,
  type EscalationStep,
  escalationDue,
  MAX_RESPONSE_TARGET_HOURS,
  pickHelpers,
} from '../../core/src/domain/question-escalation.ts';
import { formatWait } from '../../core/src/messages/duration.ts';
import { formatDayAndTime } from '../../core/src/messages/format.ts';

const HOUR = 3_600_000;
const ASKED = new Date('2026-11-23T10:00:00Z');
const hoursAfter = (hours: number) => new Date(ASKED.getTime() + hours * HOUR);
const open = (escalation: EscalationStep | null = null, firstResponseAt: Date | null = null): EscalatingQuestion => ({
  askedAt: ASKED,
  firstResponseAt,
  escalation,
});
const TARGET = 24 * HOUR;

describe('the escalation ladder of an unanswered question', () => {
  it('is due nothing until the target has passed, strictly', () => {
    expect(escalationDue(open(), TARGET, hoursAfter(23))).toBeNull();
    expect(escalationDue(open(), TARGET, hoursAfter(24))).toBeNull();
    expect(escalationDue(open(), TARGET, new Date(hoursAfter(24).getTime() + 1))).toBe('remind');
  });

  it('climbs one step per multiple of the target: owners, then answerers, then the digest', () => {
    expect(escalationDue(open(), TARGET, hoursAfter(25))).toBe('remind');
    expect(escalationDue(open('remind'), TARGET, hoursAfter(47))).toBeNull();
    expect(escalationDue(open('remind'), TARGET, hoursAfter(49))).toBe('helpers');
    expect(escalationDue(open('helpers'), TARGET, hoursAfter(71))).toBeNull();
    expect(escalationDue(open('helpers'), TARGET, hoursAfter(73))).toBe('digest');
    expect(escalationDue(open('digest'), TARGET, hoursAfter(200))).toBeNull();
  });

  it('takes each step once: a step taken is not due again', () => {
    expect(escalationDue(open('remind'), TARGET, hoursAfter(30))).toBeNull();
    expect(escalationDue(open('helpers'), TARGET, hoursAfter(60))).toBeNull();
  });

  it('takes only the highest step when found past several at once', () => {
    expect(escalationDue(open(), TARGET, hoursAfter(80))).toBe('digest');
    expect(escalationDue(open(), TARGET, hoursAfter(50))).toBe('helpers');
    expect(escalationDue(open('remind'), TARGET, hoursAfter(80))).toBe('digest');
  });

  it('stops once the question is answered, whatever step it reached', () => {
    expect(escalationDue(open(null, hoursAfter(30)), TARGET, hoursAfter(31))).toBeNull();
    expect(escalationDue(open('remind', hoursAfter(30)), TARGET, hoursAfter(80))).toBeNull();
    // A response not made yet at `now` is not known at `now`.
    expect(escalationDue(open(null, hoursAfter(30)), TARGET, hoursAfter(25))).toBe('remind');
  });

  it('follows the group’s own target', () => {
    expect(escalationDue(open(), 2 * HOUR, hoursAfter(3))).toBe('remind');
    expect(escalationDue(open(), 2 * HOUR, hoursAfter(5))).toBe('helpers');
    expect(escalationDue(open(), 72 * HOUR, hoursAfter(5))).toBeNull();
  });

  it('leaves out questions older than the ladder, and lets the longest target reach the digest before that', () => {
    expect(escalationDue(open(), TARGET, new Date(ASKED.getTime() + ESCALATION_MAX_AGE_MS + 1))).toBeNull();
    const longest = MAX_RESPONSE_TARGET_HOURS * HOUR;
    expect(escalationDue(open('helpers'), longest, new Date(ASKED.getTime() + 3 * longest + 1))).toBe('digest');
  });
});

describe('who is asked to help with a question', () => {
  const ranked = [
    { personId: 'asker', count: 40 },
    { personId: 'ann', count: 12 },
    { personId: 'gone', count: 9 },
    { personId: 'bob', count: 7 },
    { personId: 'cat', count: 3 },
    { personId: 'dan', count: 2 },
  ];
  it('takes the three who answer most, never the asker nor those who cannot be asked', () => {
    expect(pickHelpers(ranked, 'asker', (id) => id !== 'gone')).toEqual(['ann', 'bob', 'cat']);
  });
  it('asks fewer, or nobody, when fewer answered', () => {
    expect(pickHelpers(ranked.slice(0, 2), 'asker', () => true)).toEqual(['ann']);
    expect(pickHelpers([{ personId: 'asker', count: 5 }], 'asker', () => true)).toEqual([]);
  });
});

describe('what the question cards say', () => {
  const input = {
    timeZone: 'Europe/London',
    groupName: 'Data',
    askerName: 'Zoë',
    askedAt: ASKED,
    threadLink: 'https://app.slack.com/client/T1/C1/thread/C1-1.2',
  };

  it('reminds the owners who asked, when, past which target, with a link to answer', () => {
    const card = questionReminderCard({ ...input, locale: 'en', targetMs: TARGET });
    const text = JSON.stringify(card.blocks);
    expect(card.title).toBe('A question in Data is waiting for an answer');
    expect(text).toContain(`Zoë asked a question in **Data** on ${formatDayAndTime('en', 'Europe/London', ASKED)}.`);
    expect(text).toContain('within 24 h');
    expect(text).toContain('[Answer](https://app.slack.com/client/T1/C1/thread/C1-1.2)');
  });

  it('asks an answerer in their language', () => {
    const card = questionHelpCard({ ...input, locale: 'ru' });
    expect(card.title).toBe('Поможете ответить на вопрос в группе Data?');
    expect(JSON.stringify(card.blocks)).toContain('[Ответить](https://app.slack.com/client/T1/C1/thread/C1-1.2)');
  });

  it('lists the questions waiting longest in the digest with their group and age', () => {
    const [section] = waitingQuestionsSection('fr', {
      items: [{ groupName: 'Data', ageMs: 80 * HOUR, link: 'https://x.test/t' }],
      total: 7,
    });
    expect(section).toEqual({
      kind: 'list',
      title: 'Les questions qui attendent depuis le plus longtemps',
      items: [{ text: '**Data** : en attente depuis 3 j', link: 'https://x.test/t' }],
      total: 7,
    });
    expect(waitingQuestionsSection('en', { items: [], total: 0 })).toEqual([]);
  });

  it('says the time to first response in the unit that fits, and nothing without one', () => {
    expect(responseTimeFacts('en', { medianMinutes: 45, p90Minutes: 600 })).toEqual([
      'Time to first response this week: median 45 min, 90th percentile 10 h.',
    ]);
    expect(responseTimeFacts('en', null)).toEqual([]);
    expect(formatWait('en', 3 * 24 * HOUR)).toBe('3 d');
    expect(formatWait('ru', 90 * 60_000)).toBe('2 ч');
  });
});
