import type { FakeMethod } from './methods/index.ts';

export interface MethodLimit {
  /** Calls in any minute, per workspace and method. */
  readonly perMinute: number;
  /** chat.postMessage: calls per second to one channel, a few more in a burst. */
  readonly perChannel?: { readonly perSecond: number; readonly burst: number };
}

/** A method's limit replaced, or `null` for none. */
export type LimitOverrides = Partial<Record<FakeMethod, MethodLimit | null>>;

// Tiers per method: slackapi/java-slack-sdk, slack-api-client/src/main/java/com/slack/api/methods/
// MethodsRateLimits.java; tier numbers: https://docs.slack.dev/apis/web-api/rate-limits (Tier 2 20+,
// Tier 3 50+, Tier 4 100+ per minute; Slack's "+" means it may allow more, the fake does not).
const TIER_2: MethodLimit = { perMinute: 20 };
const TIER_3: MethodLimit = { perMinute: 50 };
const TIER_4: MethodLimit = { perMinute: 100 };

export const SLACK_LIMITS: Readonly<Record<FakeMethod, MethodLimit>> = {
  // Special tier, "hundreds of requests per minute"; 600 is the Java SDK's figure.
  'auth.test': { perMinute: 600 },
  'conversations.invite': TIER_3,
  'conversations.archive': TIER_2,
  'conversations.join': TIER_3,
  'conversations.info': TIER_3,
  'conversations.members': TIER_4,
  // Tier 3 for internal apps; outside the Marketplace, OUTSIDE_MARKETPLACE_HISTORY_LIMITS below.
  'conversations.history': TIER_3,
  'conversations.replies': TIER_3,
  'conversations.open': TIER_3,
  // Special tier: "1 message per second per channel … short bursts >1 allowed", and a workspace cap of
  // "several hundred messages per minute" whose number Slack does not give: 300 is a guess.
  'chat.postMessage': { perMinute: 300, perChannel: { perSecond: 1, burst: 3 } },
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
};

/** One call a minute to each (https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps). */
export const OUTSIDE_MARKETPLACE_HISTORY_LIMITS: LimitOverrides = {
  'conversations.history': { perMinute: 1 },
  'conversations.replies': { perMinute: 1 },
};
