import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { decideMembershipRequest, failureText, identify, type ActionId } from '@steward/core';
import { parseActionId, renderCard } from '../render/block-kit.ts';
import { denyModal } from '../views/deny-modal.ts';
import type { ListenerContext } from './context.ts';

/**
 * Buttons on cards. Each is routed to the core use case its action id names; the core checks
 * again that this person may do it. The card is then updated where it was clicked, or the person
 * is told privately why not.
 */
export function registerCardActions(app: App, context: ListenerContext): void {
  const { deps } = context;
  const handlers: Record<ActionId, (args: ActionArgs) => Promise<void>> = {
    'membership_request.approve': async ({ tenantId, personId, value, where, client }) => {
      const decided = await decideMembershipRequest(deps, {
        tenantId,
        requestId: value,
        deciderId: personId,
        decision: 'approved',
        reason: null,
      });
      if (decided.ok) await client.chat.update({ channel: where.channel, ts: where.ts, ...renderCard(decided.value.card) });
      else await where.tell(decided);
    },
    'membership_request.deny': async ({ value, where, client, triggerId, locale }) => {
      // The reason comes from a modal; the decision is taken when it is submitted.
      await client.views.open({ trigger_id: triggerId, view: denyModal(locale, { requestId: value, channel: where.channel, ts: where.ts }) });
    },
  };

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: /./ }, async ({ ack, body, action, client }) => {
    await ack();
    const actionId = parseActionId(action.action_id);
    const channel = body.channel?.id;
    const ts = body.message?.ts;
    if (!actionId || !channel || !ts) return;
    const identity = { platform: 'slack' as const, workspaceId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    const known = await identify(deps, identity);
    const tell = async (failure: Parameters<typeof failureText>[1]) => {
      const locale = known.ok ? known.value.person.locale : 'en';
      await client.chat.postEphemeral({ channel, user: body.user.id, text: failureText(locale, failure) });
    };
    if (!known.ok) return tell(known);
    await handlers[actionId]({
      tenantId: known.value.tenant.id,
      personId: known.value.person.id,
      locale: known.value.person.locale,
      value: action.value ?? '',
      triggerId: body.trigger_id,
      where: { channel, ts, tell },
      client,
    });
  });
}

interface ActionArgs {
  readonly tenantId: string;
  readonly personId: string;
  readonly locale: Parameters<typeof denyModal>[0];
  readonly value: string;
  readonly triggerId: string;
  readonly where: {
    readonly channel: string;
    readonly ts: string;
    readonly tell: (failure: Parameters<typeof failureText>[1]) => Promise<void>;
  };
  readonly client: Parameters<Parameters<App['action']>[1]>[0]['client'];
}
