import type { App } from '@slack/bolt';
import { decideMembershipRequest, failureText, identify, saveSettings, translate } from '@steward/core';
import { renderCard } from '../render/block-kit.ts';
import { DENY_CALLBACK, denyContext, denyReason } from '../views/deny-modal.ts';
import { blockOf, SETTINGS_CALLBACK, settingsInput } from '../views/settings-modal.ts';
import type { ListenerContext } from './context.ts';

/** Modals: settings, and the reason of a denial. Wrong fields are shown in the modal itself. */
export function registerModalSubmissions(app: App, context: ListenerContext): void {
  const { deps } = context;

  app.view(SETTINGS_CALLBACK, async ({ ack, body, view }) => {
    const known = await identify(deps, { platform: 'slack', workspaceId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id });
    if (!known.ok) return void (await ack({ response_action: 'errors', errors: { [blockOf('group')]: failureText('en', known) } }));
    const { person } = known.value;
    const saved = await saveSettings(deps, person, settingsInput(view.state.values));
    if (saved.ok) return void (await ack());
    const field = saved.params?.['field'];
    const text = field ? translate(person.locale, `settings.invalid.${field}` as Parameters<typeof translate>[1]) : failureText(person.locale, saved);
    await ack({ response_action: 'errors', errors: { [blockOf(field ?? 'group')]: text } });
  });

  app.view(DENY_CALLBACK, async ({ ack, body, view, client }) => {
    await ack();
    const where = denyContext(view.private_metadata);
    const known = await identify(deps, { platform: 'slack', workspaceId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id });
    if (!where || !known.ok) return;
    const decided = await decideMembershipRequest(deps, {
      tenantId: known.value.tenant.id,
      requestId: where.requestId,
      deciderId: known.value.person.id,
      decision: 'denied',
      reason: denyReason(view.state.values),
    });
    if (decided.ok) await client.chat.update({ channel: where.channel, ts: where.ts, ...renderCard(decided.value.card) });
    else await client.chat.postEphemeral({ channel: where.channel, user: body.user.id, text: failureText(known.value.person.locale, decided) });
  });
}
