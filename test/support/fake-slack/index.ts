import { type LoopbackServer, listenOnLoopback } from '../loopback-server.ts';
import { type Fault, FaultQueue } from './faults.ts';
import { type LimitOverrides, OUTSIDE_MARKETPLACE_HISTORY_LIMITS, SLACK_LIMITS } from './limits.ts';
import type { FakeMethod } from './methods/index.ts';
import { FakeRateLimiter } from './rate-limiter.ts';
import { type FakeCall, RESPONSE_URL_PREFIX, route } from './router.ts';
import {
  type ChannelState,
  type FakeMessage,
  type FakeResponse,
  type FakeWorkspace,
  FakeWorld,
  type SeedBookmark,
  type SeedChannel,
  type SeedFile,
  type SeedPin,
  type SeedUser,
} from './world.ts';

export type { Fault } from './faults.ts';
export type { LimitOverrides, MethodLimit } from './limits.ts';
export type { FakeMethod } from './methods/index.ts';
export type { FakeCall } from './router.ts';
export type * from './world.ts';

/** The workspace a fake has unless told otherwise: its token may call every method. */
export const FAKE_WORKSPACE: FakeWorkspace = { id: 'T0000FAKE', token: 'xoxb-fake-token', scopes: null };

export interface FakeSlackOptions {
  /**
   * How fast the fake's clock runs against real time: 0.01 makes a one-minute window last 0.6 s.
   * Retry-After stays in the fake's seconds (the real wait is `realMs(retryAfter)`).
   */
  readonly timeScale?: number;
  /** Replaces Slack's limit for some methods; `null` lifts it. */
  readonly limits?: LimitOverrides;
  readonly botUserId?: string;
  readonly workspaces?: readonly FakeWorkspace[];
  /**
   * Slack's 2025 history limits for a commercially distributed app outside the Marketplace: at most 15
   * messages a page and one conversations.history or .replies call a minute
   * (https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps).
   */
  readonly outsideMarketplace?: boolean;
}

/**
 * A Slack Web API on a loopback port for tests: point WebClient's `slackApiUrl` at `url`. It answers
 * the methods Group Steward uses with Slack's shapes and errors, applies Slack's rate limits with
 * 429 and Retry-After, fails on request (`failNext`), and records every call.
 */
export class FakeSlack {
  readonly calls: FakeCall[] = [];
  readonly #options: FakeSlackOptions;
  readonly #limits: LimitOverrides;
  readonly #limiter = new FakeRateLimiter();
  readonly #faults = new FaultQueue();
  #world: FakeWorld;
  #server: LoopbackServer | null = null;

  constructor(options: FakeSlackOptions = {}) {
    this.#options = options;
    const history = options.outsideMarketplace ? OUTSIDE_MARKETPLACE_HISTORY_LIMITS : {};
    this.#limits = { ...SLACK_LIMITS, ...history, ...options.limits };
    this.#world = this.#newWorld();
  }

  /** Starts listening; `url` ends with `/api/`, as WebClient's `slackApiUrl` wants. */
  async start(): Promise<{ url: string }> {
    this.#server = await listenOnLoopback((request) =>
      route(
        {
          world: this.#world,
          limits: this.#limits,
          limiter: this.#limiter,
          faults: this.#faults,
          calls: this.calls,
          now: () => this.#now(),
        },
        request,
      ),
    );
    return { url: this.url };
  }

  async stop(): Promise<void> {
    await this.#server?.close();
    this.#server = null;
  }

  get url(): string {
    if (!this.#server) throw new Error('fake Slack is not started');
    return `${this.#server.origin}/api/`;
  }

  get botUserId(): string {
    return this.#world.botUserId;
  }

  /** Real milliseconds for a number of the fake's seconds, e.g. a Retry-After. */
  realMs(seconds: number): number {
    return seconds * 1000 * (this.#options.timeScale ?? 1);
  }

  addWorkspace(workspace: { id: string; token: string; scopes?: readonly string[] }): void {
    this.#world.addWorkspace({ ...workspace, scopes: workspace.scopes ?? null });
  }

  addUser(user: SeedUser): void {
    this.#world.addUser(user);
  }

  addChannel(channel: SeedChannel): void {
    this.#world.addChannel(channel);
  }

  addPin(channelId: string, pin: SeedPin): void {
    this.#world.channel(channelId).pins.push(pin);
  }

  addBookmark(channelId: string, bookmark: SeedBookmark): void {
    this.#world.channel(channelId).bookmarks.push(bookmark);
  }

  addFile(channelId: string, file: SeedFile): void {
    this.#world.channel(channelId).files.push(file);
  }

  /** The channel as it stands (members, pins, bookmarks, files). */
  channel(id: string): ChannelState {
    return this.#world.channel(id);
  }

  /** The next call to `method` meets this fault instead of its answer (queued per method). */
  failNext(method: FakeMethod, fault: Fault): void {
    this.#faults.add(method, fault);
  }

  /**
   * Slack is down for `seconds` of the fake's time from now: every call to any method meets the
   * next of `faults` (a status, a Slack error, a dropped connection) instead of its answer.
   */
  outage(seconds: number, faults: readonly Fault[]): void {
    this.#faults.down(this.#now() + seconds * 1000, faults);
  }

  /**
   * The token is revoked (the app uninstalled, or auth.revoke): every call with it answers
   * `token_revoked`, as the Web API's methods document
   * (https://docs.slack.dev/reference/methods/chat.postMessage, "Errors").
   */
  revokeToken(token: string): void {
    this.#world.revokeToken(token);
  }

  callsTo(method: FakeMethod): FakeCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Messages posted (and later updated) by the app, oldest first. */
  get messages(): readonly FakeMessage[] {
    return this.#world.messages;
  }

  /** A slash command's `response_url` on this fake; what is posted there is in `responses`. */
  responseUrl(name: string): string {
    if (!this.#server) throw new Error('fake Slack is not started');
    return `${this.#server.origin}${RESPONSE_URL_PREFIX}${name}`;
  }

  /** What the app posted to response URLs, oldest first. */
  get responses(): readonly FakeResponse[] {
    return this.#world.responses;
  }

  /** The app's DM channel (D…) with a person, once something was posted to them. */
  imOf(userId: string): string | undefined {
    return this.#world.ims.get(userId);
  }

  message(channel: string, ts: string): FakeMessage | undefined {
    return this.#world.findMessage(channel, ts);
  }

  /** Back to the constructed state: the options' workspaces only, no calls, faults or windows. */
  reset(): void {
    this.calls.length = 0;
    this.#faults.clear();
    this.#limiter.reset();
    this.#world = this.#newWorld();
  }

  /** The fake's clock in Slack milliseconds. */
  #now(): number {
    return performance.now() / (this.#options.timeScale ?? 1);
  }

  #newWorld(): FakeWorld {
    const world = new FakeWorld(this.#options.botUserId ?? 'U0000BOT');
    if (this.#options.outsideMarketplace) world.historyPageMax = 15;
    for (const workspace of this.#options.workspaces ?? [FAKE_WORKSPACE]) world.addWorkspace(workspace);
    return world;
  }
}
