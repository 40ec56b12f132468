// The card's tiny markup (`**bold**`, `[label](https://…)` and `@[Name](userId)`) turned into Slack
// mrkdwn.
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

// Slack user ids: U… (workspace) or W… (Enterprise Grid, org-wide), capitals and digits.
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * `<@U123>`, which Slack shows as the person's current name and notifies them by. An id that is not
 * a Slack user's (a card built for another platform) keeps only the name, as written.
 */
export function mrkdwnMention(userId: string, name: string): string {
  return SLACK_USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(name);
}

/**
 * Card markup as Slack mrkdwn: `**bold**` → `*bold*`, `[label](url)` → `<url|label>`,
 * `@[Name](U123)` → `<@U123>`, the rest escaped.
 */
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
        case 'mention':
          return mrkdwnMention(run.userId, run.text);
        default:
          // Every kind of run has its case: tsc stops here when a new kind comes without one.
          return run satisfies never;
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
