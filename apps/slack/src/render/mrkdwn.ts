// The card's tiny markup (`**bold**` and `[label](https://…)`) turned into Slack mrkdwn.
// https://docs.slack.dev/messaging/formatting-message-text

/** A stretch of markup: plain words, bold words, or a link. */
type Run =
  | { readonly kind: 'plain' | 'bold'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly url: string };

// Only web links: anything else in brackets stays as the words it is.
const MARKUP = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s()]+)\)/g;

function runsOf(markup: string): Run[] {
  const runs: Run[] = [];
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

/**
 * Slack reads `&`, `<` and `>` as control characters (`<@U123>`, `<!here>`, links), so text that
 * must show as written has them replaced by their HTML entities, and nothing else.
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** `<url|label>`; a `|` in the address would end it early, so it is percent-encoded. */
export function mrkdwnLink(url: string, label: string): string {
  return `<${escapeMrkdwn(url).replaceAll('|', '%7C')}|${escapeMrkdwn(label)}>`;
}

/** Card markup as Slack mrkdwn: `**bold**` → `*bold*`, `[label](url)` → `<url|label>`, the rest escaped. */
export function toMrkdwn(markup: string): string {
  return runsOf(markup)
    .map((run) => {
      switch (run.kind) {
        case 'plain':
          return escapeMrkdwn(run.text);
        case 'bold':
          return `*${escapeMrkdwn(run.text)}*`;
        case 'link':
          return mrkdwnLink(run.url, run.text);
      }
    })
    .join('');
}

/** The words of card markup without its formatting, for places that take no markup (a link's label). */
export function markupToPlainText(markup: string): string {
  return runsOf(markup)
    .map((run) => run.text)
    .join('');
}
