import { type AdaptiveCardActionResponse, PUBLIC, withOverrides } from '@microsoft/teams.api';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import {
  DONE,
  type IdentifyDeps,
  type InboxEvent,
  type InboxHandlers,
  type KeyedInboxEvent,
  type Logger,
  oneByOne,
  recordInstallation,
  removeAppFromGroup,
} from '@steward/core';
import express from 'express';
import { checkActivityShape } from './events/activity-shape.ts';
import { senderFallback, type TeamsActivity, teamOf, tenantOf, toActivities } from './events/to-activity.ts';
import { answerCardAction, type CardActionAnswer, messageAnswer } from './listeners/card-actions.ts';
import { answerCommand } from './listeners/chat.ts';
import { answerMessageAction, type MessageActionValue } from './listeners/content-review.ts';
import { teamAdded, teamChanged } from './listeners/groups.ts';
import { InvokeAnswers } from './listeners/invoke-answers.ts';
import { renderAdaptiveCard } from './render/adaptive-card.ts';
import { teamsLogger } from './teams-logger.ts';
import { TeamsPlatform } from './web/teams-platform.ts';

export { toActivities } from './events/to-activity.ts';
export { type AdaptiveCard, inputFrom, renderAdaptiveCard } from './render/adaptive-card.ts';
export { checkBotConnectorToken, checkGraph, type TeamsCredentials } from './web/credentials-check.ts';
export { TeamsPlatform } from './web/teams-platform.ts';

const MESSAGING_ENDPOINT = '/api/messages';

export interface TeamsEdgeOptions {
  readonly deps: Omit<IdentifyDeps, 'profiles'>;
  readonly logger: Logger;
  /** The bot's Entra app id and client secret (the Azure Bot resource). */
  readonly appId: string;
  readonly appPassword: string;
  /** Single-tenant bots: the tenant the app registration lives in. */
  readonly tenantId?: string;
  /** Where Bot Framework publishes its signing keys; tests point it at a local issuer. */
  readonly openIdMetadataUrl?: string;
  readonly tokenUrl?: string;
  readonly graphUrl?: string;
  /** Stores events in the inbox; Teams is answered once it resolves. */
  readonly accept: (events: readonly KeyedInboxEvent[]) => Promise<void>;
}

export interface TeamsEdge {
  /** `POST /api/messages`, for the server to mount. */
  readonly router: express.Express;
  /** The outbox's way to Teams, and where people's profiles are read. */
  readonly platform: TeamsPlatform;
  /** What only this edge can handle of what it stored in the inbox: the commands written to the bot. */
  readonly inboxHandlers: InboxHandlers;
  start(): Promise<void>;
}

/**
 * The Teams edge on the Microsoft Teams SDK (the maintained successor of the archived
 * botbuilder): it validates every request's Bot Framework token, then translates activities into
 * the core. Requests without a valid token get 401 and change nothing.
 */
export function createTeamsEdge(options: TeamsEdgeOptions): TeamsEdge {
  const { deps, logger } = options;
  const router = express();
  refuseMalformedActivities(router, logger);
  const cloud = options.openIdMetadataUrl
    ? withOverrides(PUBLIC, { openIdMetadataUrl: options.openIdMetadataUrl })
    : PUBLIC;
  const app = new App({
    clientId: options.appId,
    clientSecret: options.appPassword,
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
    httpServerAdapter: new ExpressAdapter(router),
    messagingEndpoint: MESSAGING_ENDPOINT,
    cloud,
    logger: teamsLogger(logger),
  });

  const serviceUrlFor = async (tenantId: string) => {
    const installation = await deps.store.installations.find('teams', tenantId);
    const serviceUrl = installation?.secrets['serviceUrl'];
    return typeof serviceUrl === 'string' ? serviceUrl : null;
  };
  const platform = new TeamsPlatform({
    appId: options.appId,
    appPassword: options.appPassword,
    // A single-tenant bot's Bot Connector tokens come from its own tenant, not botframework.com.
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
    ...(options.tokenUrl ? { tokenUrl: options.tokenUrl } : {}),
    ...(options.graphUrl ? { graphUrl: options.graphUrl } : {}),
    conversations: deps.store.conversations,
    serviceUrlFor,
    render: renderAdaptiveCard,
  });
  const context = {
    deps: { ...deps, profiles: { teams: platform }, directories: { teams: platform } },
    logger,
    platform,
  };

  // What each chat, team and tenant was last seen as: most activity changes nothing worth writing.
  const seen = new Map<string, string>();
  const unchanged = (key: string, value: string) => {
    if (seen.get(key) === value) return true;
    if (seen.size > 100_000) seen.clear();
    seen.set(key, value);
    return false;
  };

  /** Learns where the tenant lives and how to reach this chat or team again, from any activity. */
  const remember = async (activity: TeamsActivity & { serviceUrl?: string }) => {
    const tenant = tenantOf(activity);
    const conversationId = activity.conversation?.id?.split(';')[0];
    const serviceUrl = activity.serviceUrl;
    if (!tenant || !conversationId || !serviceUrl) return null;
    if (!unchanged(`tenant:${tenant}`, serviceUrl)) {
      const known = await deps.store.installations.find('teams', tenant);
      if (!known || known.secrets['serviceUrl'] !== serviceUrl) {
        await recordInstallation(deps, {
          platform: 'teams',
          workspaceId: tenant,
          workspaceName: tenant,
          enterpriseInstall: false,
          secrets: { serviceUrl },
        });
      }
    }
    const team = teamOf(activity);
    const personal = activity.conversation?.conversationType === 'personal';
    const who = personal ? activity.from?.aadObjectId && `user:${activity.from.aadObjectId}` : team && `team:${team}`;
    // A team is reached in its General channel, whose conversation id is the team's Bot Framework
    // id, whichever channel the activity came from.
    const where = personal ? conversationId : (activity.channelData?.team?.id ?? conversationId);
    if (who && !unchanged(`${tenant}/${who}`, `${where} ${serviceUrl}`)) {
      await deps.store.conversations.save({
        platform: 'teams',
        workspaceId: tenant,
        key: who,
        conversationId: where,
        serviceUrl,
        updatedAt: deps.clock.now(),
      });
    }
    return tenant;
  };
  const identityOf = (activity: TeamsActivity, tenant: string) =>
    activity.from?.aadObjectId
      ? { platform: 'teams' as const, workspaceId: tenant, userId: activity.from.aadObjectId }
      : null;
  /** Stores what an activity means before Teams gets its answer, under its key. */
  const accept = (activity: TeamsActivity, tenant: string, events: readonly InboxEvent[]) => {
    const id = activityKey(activity);
    return options.accept(
      events.map((event, n) => ({
        key: { platform: 'teams', workspaceId: tenant, eventId: n === 0 ? id : `${id}#${n}` },
        event,
      })),
    );
  };
  const acceptActivities = async (activity: TeamsActivity, tenant: string | null) => {
    if (tenant)
      await accept(
        activity,
        tenant,
        toActivities(activity).map((item) => ({ kind: 'activity', activity: item })),
      );
  };

  app.on('message', async ({ activity }) => {
    const teamsActivity = activity as unknown as TeamsActivity & { serviceUrl?: string };
    const tenant = await remember(teamsActivity);
    if (teamsActivity.conversation?.conversationType !== 'personal') return acceptActivities(teamsActivity, tenant);
    const identity = tenant ? identityOf(teamsActivity, tenant) : null;
    if (!tenant || !identity) return;
    const fallback = senderFallback(teamsActivity);
    // Answered from the inbox, once: a redelivered message has the same key.
    await accept(teamsActivity, tenant, [
      { kind: 'chat_command', identity, text: teamsActivity.text ?? '', ...(fallback ? { fallback } : {}) },
    ]);
  });

  app.on('conversationUpdate', async ({ activity }) => {
    const teamsActivity = activity as unknown as TeamsActivity & { serviceUrl?: string };
    const tenant = await remember(teamsActivity);
    const change = teamChanged(activity);
    const activities = toActivities(teamsActivity).map((item): InboxEvent => ({ kind: 'activity', activity: item }));
    if (tenant) await accept(teamsActivity, tenant, change ? [change, ...activities] : activities);
  });

  app.on('messageReaction', async ({ activity }) => {
    const teamsActivity = activity as unknown as TeamsActivity & { serviceUrl?: string };
    await acceptActivities(teamsActivity, await remember(teamsActivity));
  });

  app.on('install.add', async ({ activity }) => {
    const teamsActivity = activity as unknown as TeamsActivity & { serviceUrl?: string };
    const tenant = await remember(teamsActivity);
    // Reading the team and its first members is done from the inbox, after Teams has its answer.
    const added = teamAdded(activity);
    if (tenant && added) await accept(teamsActivity, tenant, [added]);
  });

  app.on('install.remove', async ({ activity }) => {
    const teamsActivity = activity as unknown as TeamsActivity;
    const tenant = tenantOf(teamsActivity);
    const team = teamOf(teamsActivity);
    if (!tenant) return;
    const personal = teamsActivity.conversation?.conversationType === 'personal';
    const key = personal ? `user:${teamsActivity.from?.aadObjectId ?? ''}` : `team:${team ?? ''}`;
    await deps.store.conversations.remove('teams', tenant, key);
    seen.delete(`${tenant}/${key}`); // so that the app added back is remembered again
    // Nothing more is posted in the team: what was waiting for it is cancelled.
    const cancelled =
      !personal && team
        ? await removeAppFromGroup(deps, { platform: 'teams', workspaceId: tenant, id: team }, 'app_removed_from_team')
        : 0;
    logger.info({ tenant, key, cancelled }, 'Teams app removed from a chat or team');
  });

  // A press Teams delivers again gets the answer to its first delivery, and acts once.
  const invokeAnswers = new InvokeAnswers<CardActionAnswer>();
  app.on('card.action', async ({ activity }) => {
    const teamsActivity = activity as unknown as TeamsActivity & {
      value?: { action?: { verb?: string; data?: Record<string, unknown> } };
    };
    const tenant = await remember(teamsActivity);
    const identity = tenant ? identityOf(teamsActivity, tenant) : null;
    const verb = teamsActivity.value?.action?.verb;
    const pressed = { verb: verb ?? '', data: teamsActivity.value?.action?.data ?? {} };
    const answer =
      identity && verb
        ? await invokeAnswers.once(`${identity.workspaceId}|${activityKey(teamsActivity)}`, () =>
            answerCardAction(context, identity, pressed, senderFallback(teamsActivity)),
          )
        : messageAnswer('');
    // Our card JSON is the SDK's card type in all but name.
    return answer as unknown as AdaptiveCardActionResponse;
  });

  // "Flag as outdated" on a message (a message action); answered in the dialog Teams opened.
  app.on('message.ext.submit', async ({ activity }) => {
    const teamsActivity = activity as unknown as TeamsActivity & { value?: MessageActionValue };
    const tenant = await remember(teamsActivity);
    const identity = tenant ? identityOf(teamsActivity, tenant) : null;
    if (!identity) return { task: { type: 'message' as const, value: '' } };
    return answerMessageAction(context, identity, teamsActivity.value ?? {}, senderFallback(teamsActivity));
  });

  return {
    router,
    platform,
    inboxHandlers: {
      chat_command: oneByOne(async (command, item) => {
        await answerCommand(context, command, item.eventId);
        return DONE;
      }),
    },
    start: () => app.initialize(),
  };
}

/** An activity id is unique within its conversation only (channel messages' ids are times in ms). */
function activityKey(activity: TeamsActivity): string {
  return `${activity.conversation?.id ?? ''}|${activity.id ?? ''}`;
}

/**
 * A body that is not a Bot Framework activity gets 400 before the SDK sees it: nothing of it is
 * stored, and the SDK, which takes the body as an activity unchecked, cannot fail on it with a 500.
 * This comes before the token check too. The check reads the body alone and writes nothing, and the
 * SDK's token check itself reads the body (it binds the token to `body.serviceUrl`), so it is only
 * sound on a well-formed one. A malformed request thus gets 400 signed or not, and learns nothing
 * but Microsoft's public schema; a well-formed one without a valid token still gets 401.
 */
function refuseMalformedActivities(router: express.Express, logger: Logger): void {
  // Not strict: `null`, a string or a number is parsed, then refused here in the same words.
  router.post(MESSAGING_ENDPOINT, express.json({ strict: false }), (request, response, next) => {
    const checked = checkActivityShape(request.body);
    if (checked.ok) return next();
    logger.warn({ problems: checked.problems }, 'Teams request refused: not a Bot Framework activity');
    response.status(400).json({ error: 'invalid_activity' });
  });
}
