/**
 * The card's tiny markup, the same for every platform: `**bold**` and `[label](https://…)` links.
 * Renderers turn its runs into their own syntax.
 */
export type MarkupRun =
  | { readonly kind: 'plain' | 'bold'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly url: string };

// Only web links: anything else in brackets stays as the words it is.
const MARKUP = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s()]+)\)/g;

/** The markup as plain, bold and link runs, in order. */
export function markupRuns(markup: string): MarkupRun[] {
  const runs: MarkupRun[] = [];
  let from = 0;
  for (const match of markup.matchAll(MARKUP)) {
    if (match.index > from) runs.push({ kind: 'plain', text: markup.slice(from, match.index) });
    const [, bold, label, url] = match;
    if (bold !== undefined) runs.push({ kind: 'bold', text: bold });
    else if (label !== undefined && url !== undefined) runs.push({ kind: 'link', text: label, url });
    from = match.index + match[0].length;
  }
  if (from < markup.length) runs.push({ kind: 'plain', text: markup.slice(from) });
  return runs;
}
