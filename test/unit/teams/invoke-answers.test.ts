import { describe, expect, it } from 'vitest';
import { InvokeAnswers } from '../../../apps/teams/src/listeners/invoke-answers.ts';

describe('the answers given to Teams invokes', () => {
  it('answers a key delivered again with its first answer, even while that one is on its way', async () => {
    const answers = new InvokeAnswers<string>();
    let pressed = 0;
    const press = () => answers.once('conversation|f:1', async () => `card ${++pressed}`);
    expect(await Promise.all([press(), press()])).toEqual(['card 1', 'card 1']);
    expect(await press()).toBe('card 1');
    expect(await answers.once('conversation|f:2', async () => 'other card')).toBe('other card');
  });

  it('forgets a failure, so that the next delivery is handled', async () => {
    const answers = new InvokeAnswers<string>();
    await expect(answers.once('k', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await answers.once('k', async () => 'card')).toBe('card');
  });

  it('forgets an answer after ten minutes', async () => {
    let now = 0;
    const answers = new InvokeAnswers<string>(() => now);
    await answers.once('k', async () => 'first');
    now = 10 * 60_000 - 1;
    expect(await answers.once('k', async () => 'second')).toBe('first');
    now += 1;
    expect(await answers.once('k', async () => 'third')).toBe('third');
  });
});
