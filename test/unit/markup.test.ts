import { describe, expect, it } from 'vitest';
import { actionValue, readActionValue } from '../../core/src/cards/action-value.ts';
import { link, markupRuns, mention } from '../../core/src/cards/markup.ts';
import { newId } from '../../core/src/domain/ids.ts';

describe('card markup', () => {
  it('reads bold words and web links between plain words, in order', () => {
    expect(markupRuns('**Ada** asks to join [#design](https://example.com/g?id=1) today')).toEqual([
      { kind: 'bold', text: 'Ada' },
      { kind: 'plain', text: ' asks to join ' },
      { kind: 'link', text: '#design', url: 'https://example.com/g?id=1' },
      { kind: 'plain', text: ' today' },
    ]);
  });

  it('leaves brackets that are not a web link, and lone stars, as the words they are', () => {
    expect(markupRuns('[notes](ftp://x) and 2 * 3')).toEqual([{ kind: 'plain', text: '[notes](ftp://x) and 2 * 3' }]);
  });

  it('reads mentions of a person by their platform id', () => {
    expect(markupRuns(`Welcome ${mention('Ada [ops]', 'U123')}!`)).toEqual([
      { kind: 'plain', text: 'Welcome ' },
      { kind: 'mention', text: 'Ada ops', userId: 'U123' },
      { kind: 'plain', text: '!' },
    ]);
  });

  it('writes links whose label cannot end them early', () => {
    expect(markupRuns(link('[x] notes', 'https://example.com'))).toEqual([
      { kind: 'link', text: 'x notes', url: 'https://example.com' },
    ]);
  });
});

describe('button values', () => {
  it('carry the target and the weekly-hour card they sit on, and read back', () => {
    const [group, person, owner] = [newId(), newId(), newId()];
    const value = actionValue([group, person], { ownerId: owner, week: '2026-W48' });
    expect(readActionValue(value)).toEqual({ target: [group, person], on: { ownerId: owner, week: '2026-W48' } });
  });

  it('sit on no card when the value names none, or a malformed one', () => {
    expect(readActionValue('request-1')).toEqual({ target: ['request-1'], on: null });
    expect(readActionValue(`request-1|${newId()}:not-a-week`)).toEqual({ target: ['request-1'], on: null });
    expect(readActionValue('request-1|not-an-id:2026-W48')).toEqual({ target: ['request-1'], on: null });
  });
});
