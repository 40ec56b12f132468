import { describe, expect, it } from 'vitest';
import { markupRuns } from '../../core/src/cards/markup.ts';

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
});
