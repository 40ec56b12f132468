/**
 * The card's tiny markup, the same for every platform: `**bold**`, `[label](https://…)` links and
 * `@[Name](userId)` mentions, where the user id is the person's id on the card's platform.
 * Renderers turn its runs into their own syntax.
 */
export type MarkupRun =
  | { readonly kind: 'plain' | 'bold'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly url: string }
  | { readonly kind: 'mention'; readonly text: string; readonly userId: string };

// Only web links: anything else in brackets stays as the words it is.
const MARKUP = /\*\*(.+?)\*\*|@\[([^\]\n]+)\]\(([\w:.@-]+)\)|\[([^\]\n]+)\]\((https?:\/\/[^\s()]+)\)/g;

/** The markup as plain, bold, link and mention runs, in order. */
export function markupRuns(markup: string): MarkupRun[] {
  const runs: MarkupRun[] = [];
  let from = 0;
  for (const match of markup.matchAll(MARKUP)) {
    if (match.index > from) runs.push({ kind: 'plain', text: markup.slice(from, match.index) });
    const [, bold, name, userId, label, url] = match;
    if (bold !== undefined) runs.push({ kind: 'bold', text: bold });
    else if (name !== undefined && userId !== undefined) runs.push({ kind: 'mention', text: name, userId });
    else if (label !== undefined && url !== undefined) runs.push({ kind: 'link', text: label, url });
    from = match.index + match[0].length;
  }
  if (from < markup.length) runs.push({ kind: 'plain', text: markup.slice(from) });
  return runs;
}

/** Writes a mention of the person in the markup; brackets in the name would end it early. */
export function mention(name: string, userId: string): string {
  return `@[${name.replace(/[[\]]/g, '')}](${userId})`;
}

/** Writes a link in the markup. */
export function link(label: string, url: string): string {
  return `[${label.replace(/[[\]]/g, '')}](${url})`;
}
