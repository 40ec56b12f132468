// The card's tiny markup (`**bold**`, `[label](https://…)` and `@[Name](userId)`) turned into the markdown of an
// Adaptive Card TextBlock, which supports bold, italic, lists and links and nothing else, and of a
// FactSet's titles and values, which Teams reads the same way.
// https://learn.microsoft.com/adaptive-cards/authoring-cards/text-features
// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format

import { markupRuns } from '@steward/core';

// Characters that start markup anywhere in a line: emphasis (`*`, `_`), code and strike-through
// (shown raw by Teams, rendered by other CommonMark hosts), links and images (`[`, `]`), autolinks
// and HTML (`<`), the backslash itself, and `{`, since `{{DATE(…)}}` and `{{TIME(…)}}` are
// functions that a TextBlock evaluates.
const INLINE_MARKUP = /[\\*_`~[\]<{]/g;
// `&` only where it starts an entity, which CommonMark would decode: "Q&A" stays as written.
const ENTITY = /&(?=#?[0-9A-Za-z]+;)/g;
// Characters that start a block only at the beginning of a line (up to three spaces in): headings,
// quotes, bullet lists, setext underlines, and the `.` or `)` after an ordered list's number.
const LINE_START_MARKUP = /^( {0,3})([#>+=-])/gm;
const LINE_START_NUMBER = /^( {0,3}\d{1,9})([.)])/gm;

function escapeInline(text: string): string {
  return text.replace(INLINE_MARKUP, '\\$&').replace(ENTITY, '\\&');
}

/** Applied to whole texts, since where a line starts is known only once the runs are joined. */
function escapeLineStarts(markdown: string): string {
  return markdown.replace(LINE_START_MARKUP, '$1\\$2').replace(LINE_START_NUMBER, '$1\\$2');
}

/**
 * Text shown as written: every character markdown would read as markup gets a CommonMark backslash
 * escape. Teams on Windows, macOS and the web drops the backslash; some mobile versions have shown
 * it, a lesser harm than words lost to formatting.
 */
export function escapeMarkdown(text: string): string {
  return escapeLineStarts(escapeInline(text));
}

/**
 * `[label](url)`. The address is the core's, not markup: spaces, angle brackets and backslashes are
 * percent-encoded, and so are parentheses, which would end the link early.
 */
export function markdownLink(url: string, label: string): string {
  const destination = url
    .replace(/[\s<>\\]/g, encodeURIComponent)
    .replaceAll('(', '%28')
    .replaceAll(')', '%29');
  return escapeLineStarts(`[${escapeInline(label)}](${destination})`);
}

/** `**bold**`, with the spaces at either end moved outside, where CommonMark still sees the markers. */
function bold(text: string): string {
  const [, before = '', words = '', after = ''] = /^(\s*)(.*?)(\s*)$/s.exec(text) ?? [];
  return words === '' ? text : `${before}**${escapeInline(words)}**${after}`;
}

/**
 * Writes a mention of a person into the text (Teams' `<at>Name</at>`, with its entity kept by the
 * caller); without one, a mention is the person's name, as written.
 */
export type MentionWriter = (userId: string, name: string) => string;

/** Card markup as TextBlock markdown: bold and links kept, every other character shown as written. */
export function toMarkdown(markup: string, mention?: MentionWriter): string {
  const markdown = markupRuns(markup)
    .map((run) => {
      switch (run.kind) {
        case 'plain':
          return escapeInline(run.text);
        case 'bold':
          return bold(run.text);
        case 'link':
          return markdownLink(run.url, run.text);
        case 'mention':
          return mention ? mention(run.userId, run.text) : escapeInline(run.text);
        default:
          // Every kind of run has its case: tsc stops here when a new kind comes without one.
          return run satisfies never;
      }
    })
    .join('');
  return escapeLineStarts(markdown);
}

/** The words of card markup without its formatting, for places that take no markup (a link's label). */
export function markupToPlainText(markup: string): string {
  return markupRuns(markup)
    .map((run) => run.text)
    .join('');
}
