import { type LoopbackServer, listenOnLoopback } from '../loopback-server.ts';
import { type Fault, FaultQueue } from './faults.ts';
import { type LimitOverrides, TEAMS_LIMITS } from './limits.ts';
import { FakeRateLimiter } from './rate-limiter.ts';
import { type FakeCall, type FakeOperation, route } from './router.ts';
import { FakeTokenIssuer } from './tokens.ts';
import {
  type FakeActivity,
  type FakeApp,
  type FakeConversation,
  FakeWorld,
  type SeedTeam,
  type SeedTenant,
  type SeedUser,
  type TeamState,
} from './world.ts';

export type { Fault } from './faults.ts';
export type { LimitName, LimitOverrides, Window } from './limits.ts';
export { TEAMS_LIMITS } from './limits.ts';
export type { FakeCall, FakeOperation, FakeService } from './router.ts';
export type * from './world.ts';

/** The app a fake knows unless told otherwise: the bot and its Entra registration. */
export const FAKE_APP: FakeApp = { id: '6f1c2a4e-1b7d-4c55-9a0e-5b7f3c2d1e0a', secret: 'fake-client-secret' };

/** The customer tenant a fake has unless told otherwise; the app may call everything there. */
export const FAKE_TENANT: SeedTenant = { id: '72f988bf-86f1-41af-91ab-2d7cd011db47', permissions: null };

export interface FakeTeamsOptions {
  /**
   * How fast the fake's clock runs against real time: 0.01 makes a one-second window last 10 ms.
   * Retry-After and token lifetimes stay in the fake's seconds (the real wait is `realMs(…)`).
   */
  readonly timeScale?: number;
  /** Replaces one of Microsoft's limits; `null` lifts it. */
  readonly limits?: LimitOverrides;
  readonly app?: FakeApp;
  readonly tenants?: readonly SeedTenant[];
  /** `expires_in` of issued tokens; Entra's are 3599 s. */
  readonly tokenLifetimeSeconds?: number;
  /** Replies `$expand=replies` brings per channel message; Graph's 1000 unless a test needs fewer. */
  readonly expandedRepliesLimit?: number;
}

/**
 * Microsoft's side of a Teams bot on one loopback port, for tests: the Entra token endpoint
 * (`tokenUrl`), the Bot Connector at a tenant's service URL (`serviceUrl()`) and Microsoft Graph
 * (`graphUrl`). They answer the calls Group Steward makes with Microsoft's shapes and errors,
 * require the tokens the fake issued, apply the documented rate limits with 429 and Retry-After,
 * fail on request (`failNext`), and record every call.
 */
export class FakeTeams {
  readonly calls: FakeCall[] = [];
  readonly #options: FakeTeamsOptions;
  readonly #limits: LimitOverrides;
  readonly #limiter = new FakeRateLimiter();
  readonly #faults = new FaultQueue();
  readonly #tokens: FakeTokenIssuer;
  #world: FakeWorld;
  #server: LoopbackServer | null = null;

  constructor(options: FakeTeamsOptions = {}) {
    this.#options = options;
    this.#limits = { ...TEAMS_LIMITS, ...options.limits };
    this.#tokens = new FakeTokenIssuer(options.tokenLifetimeSeconds ?? 3599);
    this.#world = this.#newWorld();
  }

  async start(): Promise<void> {
    this.#server = await listenOnLoopback((request) =>
      route(
        {
          world: this.#world,
          tokens: this.#tokens,
          limits: this.#limits,
          limiter: this.#limiter,
          faults: this.#faults,
          calls: this.calls,
          origin: () => this.#origin,
          now: () => this.#now(),
        },
        request,
      ),
    );
  }

  async stop(): Promise<void> {
    await this.#server?.close();
    this.#server = null;
  }

  get app(): FakeApp {
    return this.#world.app;
  }

  /** Stands for `https://login.microsoftonline.com`: tokens are at `${tokenUrl}/{tenant}/oauth2/v2.0/token`. */
  get tokenUrl(): string {
    return `${this.#origin}/login`;
  }

  /** Stands for `https://graph.microsoft.com`: calls go to `${graphUrl}/v1.0/…`. */
  get graphUrl(): string {
    return `${this.#origin}/graph`;
  }

  /** A Bot Connector service URL, like Teams' `https://smba.trafficmanager.net/emea/`; every region answers alike. */
  serviceUrl(region = 'emea'): string {
    return `${this.#origin}/bot/${region}/`;
  }

  /** Real milliseconds for a number of the fake's seconds, e.g. a Retry-After. */
  realMs(seconds: number): number {
    return seconds * 1000 * (this.#options.timeScale ?? 1);
  }

  addTenant(tenant: SeedTenant): void {
    this.#world.addTenant(tenant);
  }

  addUser(user: SeedUser): void {
    this.#world.addUser(user);
  }

  addTeam(team: SeedTeam): void {
    this.#world.addTeam(team);
  }

  /** The team as it stands (members, channels with their members and tabs, files). */
  team(id: string): TeamState {
    return this.#world.team(id);
  }

  /** The bot's 1:1 with a person, with the activities it posted there. */
  conversationWith(userId: string): FakeConversation | undefined {
    return [...this.#world.conversations.values()].find(
      (conversation) => conversation.userId === userId && !conversation.deleted,
    );
  }

  /** What the bot posted in a team's channel, in order. */
  channelPosts(channelId: string): FakeActivity[] {
    const found = this.#world.channelConversation(channelId);
    if (!found) throw new Error(`fake Teams has no channel ${channelId}: add its team first`);
    return found.channel.activities;
  }

  /** A team owner removed the app from the team: the bot can no longer post in its channels. */
  removeAppFromTeam(teamId: string): void {
    this.#world.team(teamId).botInstalled = false;
  }

  /** The person removed the chat ("Delete chat"): its id now answers 404 ConversationNotFound. */
  deleteConversation(conversationId: string): void {
    const conversation = this.#world.conversations.get(conversationId);
    if (!conversation) throw new Error(`fake Teams has no conversation ${conversationId}`);
    conversation.deleted = true;
  }

  /** Every token issued so far expires now, so that the next call with one answers 401. */
  expireTokens(): void {
    this.#tokens.expireAll();
  }

  /** The next call to `operation` meets this fault instead of its answer (queued per operation). */
  failNext(operation: FakeOperation, fault: Fault): void {
    this.#faults.add(operation, fault);
  }

  /**
   * Microsoft is down for `seconds` of the fake's time from now: every call (token endpoint, Bot
   * Connector, Graph) meets the next of `faults` instead of its answer.
   */
  outage(seconds: number, faults: readonly Fault[]): void {
    this.#faults.down(this.#now() + seconds * 1000, faults);
  }

  callsTo(operation: FakeOperation): FakeCall[] {
    return this.calls.filter((call) => call.operation === operation);
  }

  /** Back to the constructed state: the options' tenants only, no calls, faults, tokens or windows. */
  reset(): void {
    this.calls.length = 0;
    this.#faults.clear();
    this.#limiter.reset();
    this.#tokens.reset();
    this.#world = this.#newWorld();
  }

  /** The fake's clock in Microsoft milliseconds. */
  #now(): number {
    return performance.now() / (this.#options.timeScale ?? 1);
  }

  get #origin(): string {
    if (!this.#server) throw new Error('fake Teams is not started');
    return this.#server.origin;
  }

  #newWorld(): FakeWorld {
    const world = new FakeWorld(this.#options.app ?? FAKE_APP);
    for (const tenant of this.#options.tenants ?? [FAKE_TENANT]) world.addTenant(tenant);
    if (this.#options.expandedRepliesLimit !== undefined)
      world.expandedRepliesLimit = this.#options.expandedRepliesLimit;
    return world;
  }
}
