import type { Window } from './rate-limiter.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

// Bot Connector: msteams-docs, "Rate limiting for agents" (bots/how-to/rate-limit.md), "Per bot per
// thread limit": a thread is one conversation (our 1:1 with a person). Creating a conversation has
// the same windows; we count it against the person it is made with, as the thread to be. Updating a
// sent card is a send to its conversation.
const PER_THREAD: readonly Window[] = [
  { limit: 7, periodMs: 1 * SECOND },
  { limit: 8, periodMs: 2 * SECOND },
  { limit: 60, periodMs: 30 * SECOND },
  { limit: 1800, periodMs: 3600 * SECOND },
];
// Same page: "50 requests per second per app per tenant" over every Bot Connector call (older
// revisions said 30). One weekly card per owner stays far below the per-thread windows: this one is
// what spaces a fan-out.
// At most a fifth of it at once: a burst of 50 reaches Teams spread over however long the network
// takes, and the next burst, a window later, would find the late ones still in the window.
const CONNECTOR_PER_TENANT: readonly Window[] = [
  { limit: 50, periodMs: 1 * SECOND },
  { limit: 10, periodMs: SECOND / 5 },
];

// Graph: learn.microsoft.com/graph/throttling-limits, "Microsoft Teams service limits" (the
// microsoft-graph-docs-contrib include throttling-teams.md). We keep to the floor that covers every
// call we make: "Other API calls for Microsoft Teams: 30 rps per app per tenant" (users and drive
// items have larger budgets of their own); "a maximum of four requests per second per app on a
// given team"; tabs and channels 1 rps per channel; POST /teams/{id}/members 4 a minute per team.
const GRAPH_PER_TENANT: readonly Window[] = [{ limit: 30, periodMs: 1 * SECOND }];
const GRAPH_PER_TEAM: readonly Window[] = [{ limit: 4, periodMs: 1 * SECOND }];
const GRAPH_PER_CHANNEL: readonly Window[] = [{ limit: 1, periodMs: 1 * SECOND }];
const GRAPH_TEAM_MEMBER_ADDS: readonly Window[] = [{ limit: 4, periodMs: 1 * MINUTE }];
// Same table: "GET channel message", 20 rps per app per tenant (channel messages and their replies).
const GRAPH_CHANNEL_MESSAGE_READS: readonly Window[] = [{ limit: 20, periodMs: 1 * SECOND }];

export interface Bucket {
  readonly key: string;
  readonly windows: readonly Window[];
}

/**
 * The buckets a Bot Connector call draws from, its conversation's (or the person's, when creating
 * one) first: taken last, the tenant's slot is used right away rather than held while the
 * conversation's comes due.
 */
export function connectorBuckets(
  tenantId: string,
  thread: { readonly kind: 'send' | 'create'; readonly id: string },
): Bucket[] {
  return [
    { key: `connector:${tenantId}:${thread.kind}:${thread.id}`, windows: PER_THREAD },
    { key: `connector:${tenantId}`, windows: CONNECTOR_PER_TENANT },
  ];
}

/** What a Graph call touches in Teams, for its buckets. */
export interface GraphScope {
  readonly team?: string;
  readonly channel?: string;
  /** POST /teams/{team}/members, with its own per-team budget. */
  readonly addsTeamMember?: boolean;
  /** GET of channel messages or replies, with a per-tenant budget of its own. */
  readonly readsChannelMessages?: boolean;
}

/** The buckets a Graph call draws from, narrowest first, the tenant's last. */
export function graphBuckets(tenantId: string, scope: GraphScope): Bucket[] {
  return [
    ...(scope.addsTeamMember && scope.team
      ? [{ key: `graph:${tenantId}:member-adds:${scope.team}`, windows: GRAPH_TEAM_MEMBER_ADDS }]
      : []),
    ...(scope.readsChannelMessages
      ? [{ key: `graph:${tenantId}:channel-messages`, windows: GRAPH_CHANNEL_MESSAGE_READS }]
      : []),
    ...(scope.channel ? [{ key: `graph:${tenantId}:channel:${scope.channel}`, windows: GRAPH_PER_CHANNEL }] : []),
    ...(scope.team ? [{ key: `graph:${tenantId}:team:${scope.team}`, windows: GRAPH_PER_TEAM }] : []),
    { key: `graph:${tenantId}`, windows: GRAPH_PER_TENANT },
  ];
}
