import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../core/src/commands/parse-command.ts';
import { asksQuestion } from '../../core/src/domain/question.ts';

describe('command text', () => {
  it.each([
    ['', { name: 'help' }],
    ['help', { name: 'help' }],
    ['  Groups ', { name: 'groups' }],
    ['settings', { name: 'settings' }],
    ['join <#C0DESIGN|design>', { name: 'join', channel: { id: 'C0DESIGN', name: 'design' } }],
    ['join <#C0DESIGN>', { name: 'join', channel: { id: 'C0DESIGN', name: 'C0DESIGN' } }],
    ['join #design', { name: 'join', channel: { id: null, name: 'design' } }],
    ['join', { name: 'join', channel: null }],
    ['cancel <#C0DESIGN|design>', { name: 'cancel', channel: { id: 'C0DESIGN', name: 'design' } }],
    ['cancel Design', { name: 'cancel', channel: { id: null, name: 'Design' } }],
    ['cancel', { name: 'cancel', channel: null }],
    ['register', { name: 'register' }],
    [
      'owners add <@U0BORIS|boris> <@U0CHLOE> <@U0BORIS>',
      { name: 'owners', action: 'add', people: ['U0BORIS', 'U0CHLOE'] },
    ],
    ['Owners REMOVE <@U0ALICE|alice>', { name: 'owners', action: 'remove', people: ['U0ALICE'] }],
    ['owners add boris', { name: 'owners', action: 'add', people: [] }],
    ['owners', { name: 'owners', action: null, people: [] }],
    ['dance now', { name: 'unknown', text: 'dance now' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });
});

describe('question detection', () => {
  it.each([
    ['Where is the roadmap?', true],
    ['Кто знает, где план?', true],
    ['どこですか？', true],
    ['Roadmap: https://example.com/page?id=3', false],
    ['Run `ls ?` please', false],
    ['See <https://example.com/?q=1|the doc>', false],
    ['Thanks everyone', false],
  ])('%j asks a question: %s', (text, expected) => {
    expect(asksQuestion(text)).toBe(expected);
  });
});
