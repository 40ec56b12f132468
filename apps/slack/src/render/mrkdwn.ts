// The card's tiny markup (`**bold**` and `[label](https://…)`) turned into Slack mrkdwn.
// https://docs.slack.dev/messaging/formatting-message-text

import { markupRuns } from '@steward/core';

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
  return markupRuns(markup)
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
  return markupRuns(markup)
    .map((run) => run.text)
    .join('');
}
