import { WebClient } from '@slack/web-api';
import { SLACK_BOT_SCOPES } from '../scopes.ts';

export interface SlackTokenCheck {
  /** The workspace the token belongs to; null when Slack refused it. */
  readonly teamId: string | null;
  /** Slack's error code when the token was refused or Slack could not be reached. */
  readonly error: string | null;
  /** The manifest's bot scopes (SLACK_BOT_SCOPES, kept equal to manifests/slack) the token lacks. */
  readonly missingScopes: readonly string[];
}

/**
 * Asks Slack who a bot token is (`auth.test`) and which scopes it holds: WebClient reads them from
 * the `x-oauth-scopes` header every Web API answer carries (https://api.slack.com/legacy/scopes).
 */
export async function checkSlackToken(token: string, apiUrl?: string): Promise<SlackTokenCheck> {
  const client = new WebClient(token, {
    retryConfig: { retries: 0 },
    timeout: 10_000,
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
  });
  try {
    const answer = await client.auth.test();
    const granted = new Set(answer.response_metadata?.scopes ?? []);
    return {
      teamId: answer.team_id ?? null,
      error: null,
      missingScopes: SLACK_BOT_SCOPES.filter((scope) => !granted.has(scope)),
    };
  } catch (error) {
    const data = (error as { data?: { error?: string } }).data;
    return { teamId: null, error: data?.error ?? (error as Error).message, missingScopes: [] };
  }
}
