/** The bot's command set, the same on Slack (`/steward …`) and in a Teams chat. */
export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'groups' }
  | { readonly name: 'settings' }
  | { readonly name: 'join'; readonly channel: ChannelMention | null }
  | { readonly name: 'unknown'; readonly text: string };

/** A channel as written in the command: its platform id when the platform gave one, else its name. */
export interface ChannelMention {
  readonly id: string | null;
  readonly name: string;
}

// Slack escapes channel mentions in slash commands as <#C123|name> (or <#C123> with no name).
const ESCAPED_CHANNEL = /^<#([A-Z0-9]+)(?:\|([^>]*))?>$/;

export function parseCommand(text: string): Command {
  const [word = '', ...rest] = text.trim().split(/\s+/);
  switch (word.toLowerCase()) {
    case '':
    case 'help':
      return { name: 'help' };
    case 'groups':
      return { name: 'groups' };
    case 'settings':
      return { name: 'settings' };
    case 'join':
      return { name: 'join', channel: parseChannel(rest.join(' ')) };
    default:
      return { name: 'unknown', text: text.trim() };
  }
}

function parseChannel(text: string): ChannelMention | null {
  const escaped = ESCAPED_CHANNEL.exec(text);
  if (escaped) return { id: escaped[1] ?? null, name: escaped[2] || (escaped[1] ?? '') };
  const name = text.replace(/^#/, '').trim();
  return name === '' ? null : { id: null, name };
}
