import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import {
  DONE,
  type IdentifyDeps,
  type InboxHandlers,
  type KeyedInboxEvent,
  type Logger,
  oneByOne,
  publishHome,
} from '@steward/core';
import { Router } from 'express';
import { boltLogger } from './bolt-logger.ts';
import { slackInstallationStore } from './installation-store.ts';
import { registerCardActions } from './listeners/card-actions.ts';
import { registerFlagOutdated } from './listeners/content-review.ts';
import { registerEventListeners } from './listeners/events.ts';
import { registerGroupListeners } from './listeners/groups.ts';
import { registerModalSubmissions } from './listeners/modal-submissions.ts';
import { registerStewardCommand, STEWARD_COMMAND } from './listeners/steward-command.ts';
import { registerUnknownInteractions } from './listeners/unknown-interactions.ts';
import { renderCard } from './render/block-kit.ts';
import { verifyRequest } from './requests/verify-request.ts';
import { SLACK_BOT_SCOPES } from './scopes.ts';
import { type PlatformHealth, TokenWorkspace } from './token-workspace.ts';
import { deadToken } from './web/platform-errors.ts';
import { SlackPlatform } from './web/slack-platform.ts';

export { toActivity } from './events/to-activity.ts';
export type { PlatformHealth } from './token-workspace.ts';
export { SlackPlatform } from './web/slack-platform.ts';
export { checkSlackToken, type SlackTokenCheck } from './web/token-check.ts';

/** One workspace with a bot token, or any number installed through OAuth. */
export type SlackAuth =
  | { readonly kind: 'token'; readonly botToken: string }
  | { readonly kind: 'oauth'; readonly clientId: string; readonly clientSecret: string; readonly stateSecret: string };

export interface SlackEdgeOptions {
  readonly deps: Omit<IdentifyDeps, 'profiles'>;
  readonly logger: Logger;
  readonly signingSecret: string;
  readonly auth: SlackAuth;
  /** Socket Mode instead of HTTP when set (xapp-…). */
  readonly appToken?: string;
  /** Slack's Web API base URL; tests point it at a local fake. */
  readonly apiUrl?: string;
  /** Stores events in the inbox; Slack is answered once it resolves. */
  readonly accept: (events: readonly KeyedInboxEvent[]) => Promise<void>;
}

export interface SlackEdge {
  /** `/slack/events`, `/slack/install` and `/slack/oauth_redirect`; null in Socket Mode. */
  readonly router: Router | null;
  /** The outbox's way to Slack, and where people's profiles are read. */
  readonly platform: SlackPlatform;
  /** The inbox's kinds only Slack has: the App Home opened, published again through the outbox. */
  readonly inboxHandlers: InboxHandlers;
  /** Resolves without waiting for Slack: a Slack that is down shows in `health()`. */
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): Promise<PlatformHealth>;
}

const EVENTS_PATH = '/slack/events';
const BODY_LIMIT = 1024 * 1024;

/** The Slack edge: Bolt on our HTTP server (or Socket Mode), translating into the core. */
export function createSlackEdge(options: SlackEdgeOptions): SlackEdge {
  const { auth, logger } = options;
  const log = boltLogger(logger.child({ component: 'slack' }));
  const installationStore = slackInstallationStore(options.deps);
  const clientOptions = options.apiUrl ? { slackApiUrl: options.apiUrl } : {};
  const oauth =
    auth.kind === 'oauth'
      ? {
          clientId: auth.clientId,
          clientSecret: auth.clientSecret,
          stateSecret: auth.stateSecret,
          scopes: [...SLACK_BOT_SCOPES],
          installationStore,
          // State is verified (CSRF): installs start at /slack/install, org-wide ones included.
          installerOptions: { directInstall: true, clientOptions },
        }
      : {};
  // One workspace: requests from any other are refused (401), as an unknown install would be.
  const tokenWorkspace =
    auth.kind === 'token'
      ? new TokenWorkspace({ botToken: auth.botToken, deps: options.deps, logger, apiUrl: options.apiUrl })
      : null;
  const token = tokenWorkspace ? { authorize: tokenWorkspace.authorize } : {};

  const router = options.appToken ? null : Router();
  // In front of Bolt's own route: the signature is checked there, once, and a signed request whose
  // shape is not Slack's is refused.
  router?.post(
    EVENTS_PATH,
    verifyRequest({
      signingSecret: options.signingSecret,
      bodyLimit: BODY_LIMIT,
      logger: logger.child({ component: 'slack' }),
    }),
  );
  const app = router
    ? new App({
        ...token,
        logger: log,
        logLevel: LogLevel.INFO,
        clientOptions,
        receiver: new ExpressReceiver({
          signingSecret: options.signingSecret,
          endpoints: EVENTS_PATH,
          router,
          logger: log,
          bodyLimit: BODY_LIMIT,
          // verifyRequest has checked the signature of every request that reaches this route.
          signatureVerification: false,
          // Slack's 200 waits for the listeners, which store each event before they return.
          processBeforeResponse: true,
          ...oauth,
        }),
      })
    : new App({
        ...token,
        ...oauth,
        socketMode: true,
        appToken: options.appToken,
        logger: log,
        clientOptions,
      });

  const platform = new SlackPlatform({
    apiUrl: options.apiUrl,
    render: renderCard,
    tokenFor: async (workspaceId: string) => {
      if (tokenWorkspace) return tokenWorkspace.tokenFor(workspaceId);
      const installation = await options.deps.store.installations.find('slack', workspaceId);
      if (installation?.revokedAt) throw deadToken(workspaceId);
      const secrets = installation?.secrets['installation'] as { bot?: { token?: string } } | undefined;
      return secrets?.bot?.token ?? null;
    },
  });
  const context = {
    deps: { ...options.deps, profiles: { slack: platform }, directories: { slack: platform } },
    logger,
    accept: options.accept,
  };
  registerUnknownInteractions(app);
  registerEventListeners(app, context);
  registerGroupListeners(app, context);
  registerStewardCommand(app, context);
  registerCardActions(app, context);
  registerModalSubmissions(app, context);
  registerFlagOutdated(app, context);

  return {
    router,
    platform,
    inboxHandlers: {
      home_opened: oneByOne(async ({ identity }, item) => {
        await publishHome(context.deps, identity, STEWARD_COMMAND, item.eventId);
        return DONE;
      }),
    },
    async start() {
      await tokenWorkspace?.start();
      if (!router) await app.start();
    },
    async stop() {
      await tokenWorkspace?.stop();
      if (!router) await app.stop();
    },
    health: async () => (tokenWorkspace ? tokenWorkspace.health() : { state: 'ok' }),
  };
}
