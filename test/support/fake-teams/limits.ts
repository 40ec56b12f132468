/** At most `limit` calls in any `periodMs` (sliding). */
export interface Window {
  readonly limit: number;
  readonly periodMs: number;
}

const SECOND = 1_000;

// Bot Connector: msteams-docs, "Rate limiting for agents" (bots/how-to/rate-limit.md), "Per bot per
// thread limit". A thread is one conversation: a 1:1 chat, a group chat or a channel. Creating a 1:1
// is counted against the conversation being made, i.e. per person. Updates of a sent activity count
// as sends to the conversation.
const PER_THREAD_SEND: readonly Window[] = [
  { limit: 7, periodMs: 1 * SECOND },
  { limit: 8, periodMs: 2 * SECOND },
  { limit: 60, periodMs: 30 * SECOND },
  { limit: 1800, periodMs: 3600 * SECOND },
];
const PER_THREAD_MEMBERS: readonly Window[] = [
  { limit: 14, periodMs: 1 * SECOND },
  { limit: 16, periodMs: 2 * SECOND },
  { limit: 120, periodMs: 30 * SECOND },
  { limit: 3600, periodMs: 3600 * SECOND },
];

export const TEAMS_LIMITS = {
  send: PER_THREAD_SEND,
  create: PER_THREAD_SEND,
  members: PER_THREAD_MEMBERS,
  // Same page: "the global limit per app per tenant is 50 requests per second" (older revisions: 30).
  tenant: [{ limit: 50, periodMs: 1 * SECOND }],
  // Graph, per app per tenant: learn.microsoft.com/graph/throttling-limits, "Microsoft Teams service
  // limits", "Other API calls for Microsoft Teams: 30 rps". Graph's real budgets differ per request
  // kind; the fake applies one, configurable.
  graph: [{ limit: 30, periodMs: 1 * SECOND }],
} as const satisfies Record<string, readonly Window[]>;

export type LimitName = keyof typeof TEAMS_LIMITS;

/** A limit replaced, or `null` for none. */
export type LimitOverrides = Partial<Record<LimitName, readonly Window[] | null>>;
