import { type Rate, ratePerMinute } from './rate-limiter.ts';

// Slack limits each Web API method per workspace and app by tier (Tier 2: 20+ a minute, Tier 3:
// 50+, Tier 4: 100+; https://docs.slack.dev/apis/web-api/rate-limits). The tier of each method is
// taken from Slack's own table in slackapi/java-slack-sdk, slack-api-client/src/main/java/com/
// slack/api/methods/MethodsRateLimits.java, and the allowances of the special tiers from
// MethodsRateLimitTier.java there. We keep to the floor of each tier: Slack's "+" is not promised.

export type SlackTier = 'tier2' | 'tier3' | 'tier4' | 'special';

export interface MethodTier {
  readonly tier: SlackTier;
  /** Calls a minute per workspace that we allow ourselves. */
  readonly perMinute: number;
}

const TIER_2: MethodTier = { tier: 'tier2', perMinute: 20 };
const TIER_3: MethodTier = { tier: 'tier3', perMinute: 50 };
const TIER_4: MethodTier = { tier: 'tier4', perMinute: 100 };

export const METHOD_TIERS = {
  // Special: "hundreds of requests per minute" (the Java SDK counts 600).
  'auth.test': { tier: 'special', perMinute: 600 },
  'conversations.invite': TIER_3,
  'conversations.archive': TIER_2,
  'conversations.join': TIER_3,
  'conversations.info': TIER_3,
  'conversations.members': TIER_4,
  // Read only to find a card a crash may have sent already (SlackPlatform.findDelivered).
  'conversations.history': TIER_3,
  // Read by `steward backfill`, as is conversations.history. Outside the Marketplace both are 1 a
  // minute since 2025: Slack then answers 429 with Retry-After, which the backfill waits out.
  'conversations.replies': TIER_3,
  'conversations.open': TIER_3,
  // Special: about 1 a second per channel (below), and per workspace "several hundred messages per
  // minute" without a number; 300 is our guess, to be revised if Slack answers 429 below it.
  'chat.postMessage': { tier: 'special', perMinute: 300 },
  'chat.update': TIER_3,
  'chat.postEphemeral': TIER_4,
  'pins.list': TIER_2,
  'pins.remove': TIER_2,
  'bookmarks.list': TIER_3,
  'bookmarks.remove': TIER_2,
  'files.list': TIER_3,
  'files.info': TIER_4,
  'users.info': TIER_4,
  'views.publish': TIER_4,
  'views.open': TIER_4,
  'views.update': TIER_4,
} as const satisfies Record<string, MethodTier>;

export type SlackMethod = keyof typeof METHOD_TIERS;

/**
 * Messages to one channel: "1 message per second per channel" for chat.postMessage (its special
 * tier); chat.update shares the budget, as both change what the channel shows.
 */
const PER_CHANNEL_METHODS: ReadonlySet<SlackMethod> = new Set(['chat.postMessage', 'chat.update']);
const PER_CHANNEL_RATE: Rate = { intervalMs: 1_000, burst: 1 };

/**
 * The buckets one call draws from, the channel's first: taken last, the workspace's slot is used
 * right away rather than held while the channel's comes due.
 */
export function bucketsFor(
  workspaceId: string,
  method: SlackMethod,
  channel: string | null,
): { key: string; rate: Rate }[] {
  const workspace = { key: `${workspaceId}:${method}`, rate: ratePerMinute(METHOD_TIERS[method].perMinute) };
  return channel !== null && PER_CHANNEL_METHODS.has(method)
    ? [{ key: `${workspaceId}:channel:${channel}`, rate: PER_CHANNEL_RATE }, workspace]
    : [workspace];
}
