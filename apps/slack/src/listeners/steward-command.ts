import type { App } from '@slack/bolt';
import {
  askToJoin,
  type Card,
  type Command,
  cancelRequestToJoin,
  failureText,
  formatNames,
  groupNamed,
  groupsCard,
  handOverOwnership,
  helpCard,
  identify,
  myGroups,
  ownerSettings,
  type Person,
  type PlatformIdentity,
  type PlatformRef,
  parseCommand,
  registerGroup,
  shareOwnership,
  takeTimeOff,
  translate,
} from '@steward/core';
import { renderCard } from '../render/block-kit.ts';
import { settingsModal } from '../views/settings-modal.ts';
import { answerContentReview } from './content-review.ts';
import { afterAck, type ListenerContext } from './context.ts';

export const STEWARD_COMMAND = '/steward';

const names = (locale: Person['locale'], people: readonly Person[]) =>
  formatNames(
    locale,
    people.map((p) => p.displayName),
  );

/**
 * `/steward help | groups | join #channel | settings | register | owners add|remove @person`,
 * answered privately in the person's language; register and owners act on the channel it is run in.
 */
export function registerStewardCommand(app: App, context: ListenerContext): void {
  const { deps } = context;
  app.command('/steward', async ({ command, ack, client, respond }) => {
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
    const channel = { platform: 'slack' as const, workspaceId: command.team_id, id: command.channel_id };

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
        if (asked.code === 'not_found')
          return say(translate(person.locale, 'join.unknown_group', { channel: `#${parsed.channel.name}` }));
        return say(failureText(person.locale, asked));
      }
      case 'cancel': {
        if (!parsed.channel) return say(translate(person.locale, 'request.cancel.usage', { command: STEWARD_COMMAND }));
        const ref = parsed.channel.id
          ? { platform: 'slack' as const, workspaceId: command.team_id, id: parsed.channel.id }
          : ((await groupNamed(deps, person.tenantId, parsed.channel.name))?.platformRef ?? null);
        const cancelled = ref ? await cancelRequestToJoin(deps, person, ref) : null;
        if (cancelled?.ok) return reply(cancelled.value);
        if (!cancelled || cancelled.code === 'not_found')
          return say(translate(person.locale, 'join.unknown_group', { channel: `#${parsed.channel.name}` }));
        return say(failureText(person.locale, cancelled));
      }
      case 'settings': {
        const settings = await ownerSettings(deps, person);
        if (!settings.ok) return say(failureText(person.locale, settings));
        await ack();
        afterAck(context, () =>
          client.views.open({ trigger_id: command.trigger_id, view: settingsModal(person.locale, settings.value) }),
        );
        return;
      }
      case 'register':
        // Reading the channel and its first members may take longer than Slack waits for the
        // acknowledgement: the answer goes to the command's response URL.
        await ack();
        afterAck(context, async () =>
          respond({ response_type: 'ephemeral', text: await registerChannel(deps, person, identity, channel) }),
        );
        return;
      case 'owners':
        return say(await changeOwners(deps, person, channel, parsed));
      case 'outdated':
      case 'review':
      case 'verifier':
        return say(await answerContentReview(deps, person, command.team_id, parsed, STEWARD_COMMAND));
      case 'timeoff':
        return say(
          await takeTimeOff(
            deps,
            person,
            parsed.until,
            parsed.people[0] ? { platform: 'slack', workspaceId: command.team_id, userId: parsed.people[0] } : null,
          ),
        );
      case 'unknown':
        return say(translate(person.locale, 'command.unknown', { text: parsed.text, command: STEWARD_COMMAND }));
    }
  });
}

async function registerChannel(
  deps: ListenerContext['deps'],
  person: Person,
  identity: PlatformIdentity,
  channel: PlatformRef,
): Promise<string> {
  const registered = await registerGroup(deps, { group: channel, keys: [], addedBy: identity, at: new Date() });
  if (!registered.ok) return failureText(person.locale, registered);
  return translate(person.locale, 'register.done', {
    group: registered.value.group.name,
    owners: names(person.locale, registered.value.owners),
  });
}

async function changeOwners(
  deps: ListenerContext['deps'],
  person: Person,
  channel: PlatformRef,
  command: Extract<Command, { name: 'owners' }>,
): Promise<string> {
  if (!command.action || command.people.length === 0)
    return translate(person.locale, 'owners.usage', { command: STEWARD_COMMAND });
  const input = {
    group: channel,
    people: command.people.map((userId) => ({ platform: 'slack' as const, workspaceId: channel.workspaceId, userId })),
  };
  const changed =
    command.action === 'add' ? await shareOwnership(deps, person, input) : await handOverOwnership(deps, person, input);
  if (changed.ok)
    return translate(person.locale, 'owners.now', {
      group: changed.value.group.name,
      owners: names(person.locale, changed.value.owners),
    });
  if (changed.code === 'not_found') return translate(person.locale, 'owners.not_a_group', { command: STEWARD_COMMAND });
  return failureText(person.locale, changed);
}
