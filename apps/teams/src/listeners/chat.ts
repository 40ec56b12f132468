import {
  askToJoin,
  type Card,
  cancelRequestToJoin,
  enqueue,
  failureText,
  groupNamed,
  groupsCard,
  helpCard,
  identify,
  myGroups,
  ownerSettings,
  type Person,
  type PlatformIdentity,
  type ProfileFallback,
  parseCommand,
  takeTimeOff,
  textCard,
  translate,
} from '@steward/core';
import { settingsCard } from '../views/settings-card.ts';
import { answerContentReviewCommand } from './content-review.ts';
import type { ListenerContext } from './context.ts';

/** How people call the bot in Teams: they write to it in their 1:1 chat. */
export const CHAT_COMMAND = '@Group Steward';

/** A message written to the bot, and what it said of its writer (their locale and time zone). */
export interface WrittenCommand {
  readonly identity: PlatformIdentity;
  readonly text: string;
  readonly fallback?: ProfileFallback;
}

/**
 * The same commands as Slack's `/steward`, written in the 1:1 chat: help, groups, join, settings.
 * The answer goes back to the chat through the Bot Connector, in the person's language, once per
 * `commandId` (the message's key in the inbox), however often the command is handled.
 */
export async function answerCommand(
  context: ListenerContext,
  { identity, text, fallback }: WrittenCommand,
  commandId: string,
): Promise<void> {
  const { deps } = context;
  const known = await identify(deps, identity, fallback);
  if (!known.ok) return;
  const { person, tenant } = known.value;
  // Through the outbox, like every other card: a Teams outage delays the answer and loses none.
  const reply = (card: Card) =>
    enqueue(
      deps,
      tenant.id,
      'teams',
      { operation: 'send_card', payload: { to: identity, card } },
      `command:${commandId}`,
    );
  const say = (message: string) => reply(textCard(person.locale, translate(person.locale, 'help.title'), message));
  const parsed = parseCommand(text.replace(/<at>[^<]*<\/at>/g, ''));

  switch (parsed.name) {
    case 'help':
      return void (await reply(helpCard(person.locale, CHAT_COMMAND)));
    case 'groups':
      return void (await reply(groupsCard(person.locale, await myGroups(deps, person))));
    case 'join': {
      if (!parsed.channel) return void (await say(translate(person.locale, 'join.usage', { command: CHAT_COMMAND })));
      const group = await groupNamed(deps, tenant.id, parsed.channel.name);
      if (!group)
        return void (await say(translate(person.locale, 'join.unknown_group', { channel: parsed.channel.name })));
      const asked = await askToJoin(deps, person, group.platformRef, null);
      // Done: the core sends the requester their own card, with its cancel button.
      if (asked.ok) return;
      return void (await say(failureText(person.locale, asked)));
    }
    case 'cancel': {
      if (!parsed.channel)
        return void (await say(translate(person.locale, 'request.cancel.usage', { command: CHAT_COMMAND })));
      const group = await groupNamed(deps, tenant.id, parsed.channel.name);
      const cancelled = group ? await cancelRequestToJoin(deps, person, group.platformRef) : null;
      if (cancelled?.ok) return void (await reply(cancelled.value));
      return void (await say(
        cancelled
          ? failureText(person.locale, cancelled)
          : translate(person.locale, 'join.unknown_group', { channel: parsed.channel.name }),
      ));
    }
    case 'settings':
      return void (await sendSettings(context, identity, person));
    case 'register':
    case 'owners':
      return void (await say(translate(person.locale, 'owners.from_team')));
    case 'outdated':
    case 'review':
    case 'verifier':
      return void (await say(await answerContentReviewCommand(context, person, parsed, CHAT_COMMAND)));
    case 'timeoff':
      // Teams mentions are taken out of the text above: the cover is chosen in the settings form.
      return void (await say(await takeTimeOff(deps, person, parsed.until, null)));
    case 'unknown':
      return void (await say(
        translate(person.locale, 'command.unknown', { text: parsed.text, command: CHAT_COMMAND }),
      ));
  }
}

/** The settings form is Teams' own card (inputs), sent straight away: the person is waiting for it. */
async function sendSettings(context: ListenerContext, identity: PlatformIdentity, person: Person): Promise<void> {
  const settings = await ownerSettings(context.deps, person);
  if (!settings.ok) {
    const card = textCard(
      person.locale,
      translate(person.locale, 'settings.title'),
      failureText(person.locale, settings),
    );
    await enqueue(context.deps, person.tenantId, 'teams', { operation: 'send_card', payload: { to: identity, card } });
    return;
  }
  await context.platform.sendAdaptiveCard(
    identity,
    settingsCard(person.locale, settings.value, null),
    translate(person.locale, 'settings.title'),
  );
}
