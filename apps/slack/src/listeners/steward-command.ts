import type { App } from '@slack/bolt';
import {
  askToJoin,
  failureText,
  groupNamed,
  groupsCard,
  helpCard,
  identify,
  myGroups,
  ownerSettings,
  parseCommand,
  translate,
  type Card,
} from '@steward/core';
import { renderCard } from '../render/block-kit.ts';
import { settingsModal } from '../views/settings-modal.ts';
import { afterAck, type ListenerContext } from './context.ts';

export const STEWARD_COMMAND = '/steward';

/** `/steward help | groups | join #channel | settings`, answered privately in the person's language. */
export function registerStewardCommand(app: App, context: ListenerContext): void {
  const { deps } = context;
  app.command('/steward', async ({ command, ack, client }) => {
    const identity = { platform: 'slack' as const, workspaceId: command.team_id, userId: command.user_id };
    const known = await identify(deps, identity);
    if (!known.ok) {
      await ack({ response_type: 'ephemeral', text: failureText('en', known) });
      return;
    }
    const { person } = known.value;
    const reply = (card: Card) => ack({ response_type: 'ephemeral', ...renderCard(card) });
    const say = (text: string) => ack({ response_type: 'ephemeral', text });
    const parsed = parseCommand(command.text);

    switch (parsed.name) {
      case 'help':
        return reply(helpCard(person.locale, STEWARD_COMMAND));
      case 'groups':
        return reply(groupsCard(person.locale, await myGroups(deps, person)));
      case 'join': {
        if (!parsed.channel) return say(translate(person.locale, 'join.usage', { command: STEWARD_COMMAND }));
        // A mention from Slack's picker carries the channel's id; a name typed as text does not.
        const ref = parsed.channel.id
          ? { platform: 'slack' as const, workspaceId: command.team_id, id: parsed.channel.id }
          : ((await groupNamed(deps, person.tenantId, parsed.channel.name))?.platformRef ?? null);
        if (!ref) return say(translate(person.locale, 'join.unknown_group', { channel: `#${parsed.channel.name}` }));
        const asked = await askToJoin(deps, person, ref, null);
        if (asked.ok) return say(translate(person.locale, 'join.requested', { group: asked.value.group.name }));
        if (asked.code === 'not_found') return say(translate(person.locale, 'join.unknown_group', { channel: `#${parsed.channel.name}` }));
        return say(failureText(person.locale, asked));
      }
      case 'settings': {
        const settings = await ownerSettings(deps, person);
        if (!settings.ok) return say(failureText(person.locale, settings));
        await ack();
        afterAck(context, () => client.views.open({ trigger_id: command.trigger_id, view: settingsModal(person.locale, settings.value) }));
        return;
      }
      case 'unknown':
        return say(translate(person.locale, 'command.unknown', { text: parsed.text, command: STEWARD_COMMAND }));
    }
  });
}
