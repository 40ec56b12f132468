import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AuthTestResponse, LogLevel, WebClient } from '@slack/web-api';
import { type CoreDeps, type Installation, type Logger, recordInstallation, removeInstallation } from '@steward/core';
import { deadToken, platformErrorFrom } from './web/platform-errors.ts';

/** What `/healthz` says of a platform: `detail` says what is wrong when it is not `ok`. */
export interface PlatformHealth {
  readonly state: 'ok' | 'starting' | 'degraded';
  readonly detail?: string;
}

interface Workspace {
  readonly id: string;
  readonly botUserId: string;
  readonly botId: string;
}

// auth.test is tried again after 1 s, 2 s, 4 s… and at least every 5 minutes while Slack is down.
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 5 * 60_000;
/** Slack's answers to auth.test that mean the token itself is dead, not that Slack is down. */
const DEAD_TOKEN: ReadonlySet<string> = new Set(['token_revoked', 'invalid_auth', 'account_inactive']);

export interface TokenWorkspaceOptions {
  readonly botToken: string;
  readonly deps: CoreDeps;
  readonly logger: Logger;
  readonly apiUrl?: string;
}

/**
 * The one workspace (or organisation) of a configured bot token. Which it is, and the bot's ids,
 * come from auth.test and are kept in its installation with a hash of the token, so that a start
 * while Slack is down already knows them: Slack's requests are verified and answered from the
 * first second, and auth.test is tried again in the background until Slack answers. Once the
 * installation is revoked (tokens_revoked, app_uninstalled, or auth.test saying so) the token is
 * dead: no call is made with it, after a restart neither.
 */
export class TokenWorkspace {
  readonly #options: TokenWorkspaceOptions;
  readonly #tokenHash: string;
  readonly #client: WebClient;
  readonly #stopping = new AbortController();
  #workspace: Workspace | null = null;
  /** Why the token is dead (token_revoked, invalid_auth…); null while it is not known to be. */
  #dead: string | null = null;
  #health: PlatformHealth = { state: 'starting' };
  #confirming: Promise<void> = Promise.resolve();

  constructor(options: TokenWorkspaceOptions) {
    this.#options = options;
    this.#tokenHash = createHash('sha256').update(options.botToken).digest('hex');
    // Our own retries below, not WebClient's (which would hold a call for half an hour).
    this.#client = new WebClient(options.botToken, {
      ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
      retryConfig: { retries: 0 },
      timeout: 30_000,
      logLevel: LogLevel.ERROR,
    });
  }

  /** Resolves at once: what an earlier start learnt is used, and auth.test goes on in the background. */
  async start(): Promise<void> {
    const known = (await this.#options.deps.store.installations.listByPlatform('slack')).find(
      (installation) => installation.secrets['tokenHash'] === this.#tokenHash,
    );
    if (known) this.#workspace = workspaceFrom(known);
    if (known?.revokedAt) return this.#die('token_revoked');
    this.#confirming = this.#confirm().catch((error: unknown) =>
      this.#options.logger.error({ err: error }, 'Slack auth.test gave up'),
    );
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#confirming;
  }

  async health(): Promise<PlatformHealth> {
    await this.#checkRevoked();
    return this.#health;
  }

  /** Bolt's `authorize`: requests of this workspace only (others get 401), and no token once it is revoked. */
  readonly authorize = async (source: { teamId?: string; enterpriseId?: string }) => {
    const workspace = this.#workspace;
    if (!workspace || (source.teamId !== workspace.id && source.enterpriseId !== workspace.id)) {
      throw new Error(`Slack workspace ${source.teamId ?? source.enterpriseId ?? '?'} is not this app's`);
    }
    return {
      ...(this.#dead ? {} : { botToken: this.#options.botToken }),
      botUserId: workspace.botUserId,
      botId: workspace.botId,
    };
  };

  /** The token for SlackPlatform; once it is dead, a permanent error saying why instead, so that no call is made. */
  readonly tokenFor = async (workspaceId: string): Promise<string> => {
    await this.#checkRevoked();
    if (this.#dead) throw deadToken(workspaceId, this.#dead);
    return this.#options.botToken;
  };

  /** Revoked in this process or another: the event may reach a web process while a worker sends. */
  async #checkRevoked(): Promise<void> {
    if (this.#dead || !this.#workspace) return;
    const own = await this.#options.deps.store.installations.find('slack', this.#workspace.id);
    if (own?.revokedAt && own.secrets['tokenHash'] === this.#tokenHash) this.#die('token_revoked');
  }

  #die(code: string): void {
    this.#dead = code;
    this.#health = {
      state: 'degraded',
      detail: `${code}: no call is made with the bot token; configure a valid one (install the app again if it was removed)`,
    };
  }

  async #confirm(): Promise<void> {
    const { logger } = this.#options;
    for (let delay = FIRST_RETRY_MS; ; delay = Math.min(2 * delay, MAX_RETRY_MS)) {
      try {
        await this.#remember(await this.#client.auth.test());
        this.#health = { state: 'ok' };
        return;
      } catch (error) {
        const failure = platformErrorFrom(error);
        if (failure && DEAD_TOKEN.has(failure.code)) return this.#refused(failure.code);
        this.#health = {
          state: 'degraded',
          detail: `auth.test failed (${failure?.code ?? 'unexpected error'}); trying again`,
        };
        logger.warn(
          { err: error, retryInMs: delay },
          'Slack auth.test failed; Slack requests are answered with what the last start learnt',
        );
      }
      try {
        await sleep(delay, undefined, { signal: this.#stopping.signal });
      } catch {
        return; // stopped
      }
    }
  }

  /** Slack says the token is dead: revoked while we were not listening, or mistyped. */
  async #refused(code: string): Promise<void> {
    this.#die(code);
    this.#options.logger.error({ code }, 'Slack refused the bot token; no call is made with it');
    if (this.#workspace) await removeInstallation(this.#options.deps, 'slack', this.#workspace.id, code);
  }

  async #remember(who: AuthTestResponse): Promise<void> {
    const workspaceId = who.enterprise_id && who.is_enterprise_install ? who.enterprise_id : who.team_id;
    if (!workspaceId || !who.user_id || !who.bot_id)
      throw new Error('Slack auth.test answered without a team, user or bot id');
    this.#workspace = { id: workspaceId, botUserId: who.user_id, botId: who.bot_id };
    // The tenant is made on the first start; the ids are what a start without Slack needs. An
    // event taken before this is stored is kept in the inbox and handled once it is.
    await recordInstallation(this.#options.deps, {
      platform: 'slack',
      workspaceId,
      workspaceName: who.team ?? workspaceId,
      enterpriseInstall: who.is_enterprise_install === true,
      secrets: { tokenHash: this.#tokenHash, botUserId: who.user_id, botId: who.bot_id },
    });
  }
}

function workspaceFrom(installation: Installation): Workspace | null {
  const { botUserId, botId } = installation.secrets;
  return typeof botUserId === 'string' && typeof botId === 'string'
    ? { id: installation.workspaceId, botUserId, botId }
    : null;
}
