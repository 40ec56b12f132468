import type { App } from '@slack/bolt';
import { type InboxEvent, localeFrom, removeInstallation } from '@steward/core';
import { type EventEnvelope, toActivity } from '../events/to-activity.ts';
import { pinRef } from '../web/content-items.ts';
import type { ListenerContext } from './context.ts';

// member_joined_channel is taken with the channel's own events (groups.ts): the app's own join registers it.
const ACTIVITY_EVENTS = ['message', 'reaction_added', 'member_left_channel'] as const;

/**
 * Events API listeners. Each stores what the event means in the inbox (the core handles it from
 * there) before Slack gets its 200.
 */
export function registerEventListeners(app: App, context: ListenerContext): void {
  const { deps, logger } = context;
  const accept = (body: { team_id: string; event_id: string }, events: readonly InboxEvent[]) =>
    context.accept(
      events.map((event, n) => ({
        key: {
          platform: 'slack',
          workspaceId: body.team_id,
          eventId: n === 0 ? body.event_id : `${body.event_id}#${n}`,
        },
        event,
      })),
    );

  for (const type of ACTIVITY_EVENTS) {
    app.event(type, async ({ body }) => {
      const activity = toActivity(body as unknown as EventEnvelope);
      if (activity) await accept(body, [{ kind: 'activity', activity }]);
    });
  }

  // A shared file is a contribution by whoever shared it, and an item of the channel's content.
  app.event('file_shared', async ({ event, body }) => {
    const activity = toActivity(body as unknown as EventEnvelope);
    const at = new Date(Number(event.event_ts) * 1000);
    const group = { platform: 'slack' as const, workspaceId: body.team_id, id: event.channel_id };
    const ref = { platform: 'slack' as const, workspaceId: body.team_id, id: event.file_id };
    const author = event.user_id
      ? { platform: 'slack' as const, workspaceId: body.team_id, userId: event.user_id }
      : null;
    const content: InboxEvent = {
      kind: 'content_change',
      change: { group, kind: 'file', ref, title: '', link: null, changedAt: at, state: 'active', author },
    };
    await accept(body, activity ? [{ kind: 'activity', activity }, content] : [content]);
  });

  app.event('user_change', async ({ event, body }) => {
    const user = event.user as {
      id: string;
      team_id?: string;
      tz?: string;
      locale?: string;
      deleted?: boolean;
      is_bot?: boolean;
      real_name?: string;
      name?: string;
      profile?: { email?: string; real_name?: string; display_name?: string };
    };
    const identity = { platform: 'slack' as const, workspaceId: user.team_id ?? body.team_id, userId: user.id };
    const profile = {
      displayName: user.profile?.real_name || user.real_name || user.profile?.display_name || user.name || user.id,
      email: user.profile?.email ?? null,
      timeZone: user.tz ?? null,
      locale: user.locale ? localeFrom(user.locale) : null,
      isBot: user.is_bot === true,
      deleted: user.deleted === true,
    };
    await accept(body, [{ kind: 'profile_change', identity, profile }]);
  });

  // Pinned messages are content to keep fresh; their text is not kept, only where they are.
  const pin =
    (state: 'active' | 'archived') =>
    async ({ event, body }: PinArgs) => {
      const message = event.item.message;
      if (event.item.type !== 'message' || !message?.ts) return;
      const group = { platform: 'slack' as const, workspaceId: body.team_id, id: event.channel_id };
      await accept(body, [
        {
          kind: 'content_change',
          change: {
            group,
            kind: 'pinned_message',
            ref: pinRef(group, message.ts),
            title: '',
            link: message.permalink ?? null,
            changedAt: new Date(Number(event.event_ts) * 1000),
            state,
            // The message's writer (…/events/pin_added: item.message.user): asked first to update it.
            author: message.user ? { platform: 'slack', workspaceId: body.team_id, userId: message.user } : null,
          },
        },
      ]);
    };
  app.event('pin_added', async (args) => pin('active')(args as unknown as PinArgs));
  app.event('pin_removed', async (args) => pin('archived')(args as unknown as PinArgs));

  // The token is dead: no call is made with it again, and what was waiting is cancelled with the reason.
  const uninstalled = async (workspaceId: string, reason: 'app_uninstalled' | 'tokens_revoked') => {
    const outcome = await removeInstallation(deps, 'slack', workspaceId, reason);
    logger.info({ workspaceId, ...outcome }, `Slack ${reason}`);
  };
  app.event('app_uninstalled', async ({ body }) => uninstalled(body.team_id, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot's token matters: user tokens are never used.
    if ((event.tokens.bot ?? []).length > 0) await uninstalled(body.team_id, 'tokens_revoked');
  });

  // The Home tab is published again, through the inbox and the outbox, as every other call is.
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await accept(body, [
      { kind: 'home_opened', identity: { platform: 'slack', workspaceId: body.team_id, userId: event.user } },
    ]);
  });
}

interface PinEvent {
  readonly channel_id: string;
  readonly event_ts: string;
  readonly item: {
    readonly type: string;
    readonly message?: { readonly ts?: string; readonly permalink?: string; readonly user?: string };
  };
}
type PinArgs = { event: PinEvent; body: { team_id: string; event_id: string } };
