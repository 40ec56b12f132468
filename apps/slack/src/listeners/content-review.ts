import type { App } from '@slack/bolt';
import {
  type Command,
  type ContentItemWhere,
  type CoreDeps,
  failureText,
  flagContentItem,
  identify,
  type Person,
  setContentReviewIntervalAt,
  setContentVerifier,
  translate,
} from '@steward/core';
import { afterAck, type ListenerContext } from './context.ts';

/** The message shortcut "Flag as outdated" (manifests/slack/manifest.yaml, features.shortcuts). */
export const FLAG_OUTDATED_CALLBACK = 'flag_outdated';

// A message's permalink: https://<team>.slack.com/archives/<channel>/p<ts without its dot>
// (…/methods/chat.getPermalink). A pinned message's inventory key is "<channel>/<ts>" (events.ts).
const PERMALINK = /^https:\/\/[^/]+\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})(?:[?#].*)?$/;
// Links in a message's text arrive as <https://…> or <https://…|label> (…/reference/surfaces/formatting).
const TEXT_LINK = /<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/g;

const slackRef = (workspaceId: string, id: string) => ({ platform: 'slack' as const, workspaceId, id });

/** An item named by a link: the link itself, and the pinned message a permalink points to. */
export function whereLinked(workspaceId: string, link: string): ContentItemWhere {
  const permalink = PERMALINK.exec(link);
  return {
    links: [link],
    refs: permalink ? [slackRef(workspaceId, `${permalink[1]}/${permalink[2]}.${permalink[3]}`)] : [],
  };
}

/** The message shortcut's message: pinned itself, with files, or linking the item. */
interface ShortcutMessage {
  readonly ts?: string;
  readonly text?: string;
  readonly files?: readonly { readonly id?: string }[];
}

export function whereInMessage(workspaceId: string, channelId: string, message: ShortcutMessage): ContentItemWhere {
  const linked = [...(message.text ?? '').matchAll(TEXT_LINK)].map((m) => m[1] ?? '').filter((l) => l !== '');
  const permalinks = linked.flatMap((l) => whereLinked(workspaceId, l).refs);
  return {
    links: linked,
    refs: [
      ...(message.ts ? [slackRef(workspaceId, `${channelId}/${message.ts}`)] : []),
      ...(message.files ?? []).flatMap((f) => (f.id ? [slackRef(workspaceId, f.id)] : [])),
      ...permalinks,
    ],
  };
}

/**
 * "Flag as outdated" on a message: the item it is (a pinned message), holds (a file) or links to
 * is flagged by whoever used the shortcut; they are told privately where they used it.
 */
export function registerFlagOutdated(app: App, context: ListenerContext): void {
  const { deps } = context;
  app.shortcut({ type: 'message_action', callback_id: FLAG_OUTDATED_CALLBACK }, async ({ shortcut, ack, respond }) => {
    await ack();
    const teamId = shortcut.team?.id ?? shortcut.user.team_id ?? '';
    afterAck(context, async () => {
      const known = await identify(deps, { platform: 'slack', workspaceId: teamId, userId: shortcut.user.id });
      if (!known.ok) return respond({ response_type: 'ephemeral', text: failureText('en', known) });
      const { person } = known.value;
      const flagged = await flagContentItem(
        deps,
        person,
        whereInMessage(teamId, shortcut.channel.id, shortcut.message as ShortcutMessage),
        null,
      );
      await respond({
        response_type: 'ephemeral',
        text: flagged.ok ? flagged.value : failureText(person.locale, flagged),
      });
    });
  });
}

/** `/steward outdated|review|verifier <link> …`, answered in the person's words. */
export async function answerContentReview(
  deps: CoreDeps,
  person: Person,
  workspaceId: string,
  command: Extract<Command, { name: 'outdated' | 'review' | 'verifier' }>,
  usage: string,
): Promise<string> {
  if (!command.link) return translate(person.locale, 'content_review.usage', { command: usage });
  const where = whereLinked(workspaceId, command.link);
  const done = await (async () => {
    switch (command.name) {
      case 'outdated':
        return flagContentItem(deps, person, where, command.note);
      case 'review':
        return setContentReviewIntervalAt(deps, person, where, command.days);
      case 'verifier':
        if (command.person)
          return setContentVerifier(deps, person, where, {
            identity: { platform: 'slack', workspaceId, userId: command.person },
          });
        if (command.email) return setContentVerifier(deps, person, where, { email: command.email });
        return null;
    }
  })();
  if (!done) return translate(person.locale, 'content_review.usage', { command: usage });
  return done.ok ? done.value : failureText(person.locale, done);
}
