/** The bot's command set, the same on Slack (`/steward …`) and in a Teams chat. */
export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'groups' }
  | { readonly name: 'settings' }
  | { readonly name: 'join'; readonly channel: ChannelMention | null }
  | { readonly name: 'cancel'; readonly channel: ChannelMention | null }
  | { readonly name: 'register' }
  | { readonly name: 'owners'; readonly action: 'add' | 'remove' | null; readonly people: readonly string[] }
  // content review: `outdated <link> [note]`, `review <link> <days>`, `verifier <link> @person|e-mail`
  | { readonly name: 'outdated'; readonly link: string | null; readonly note: string | null }
  | { readonly name: 'review'; readonly link: string | null; readonly days: string }
  | {
      readonly name: 'verifier';
      readonly link: string | null;
      readonly person: string | null;
      readonly email: string | null;
    }
  | { readonly name: 'timeoff'; readonly until: string | null; readonly people: readonly string[] }
  | { readonly name: 'unknown'; readonly text: string };

/** A channel as written in the command: its platform id when the platform gave one, else its name. */
export interface ChannelMention {
  readonly id: string | null;
  readonly name: string;
}

// Slack escapes channel mentions in slash commands as <#C123|name> (or <#C123> with no name), and
// people as <@U123|name> (or <@U123>).
const ESCAPED_CHANNEL = /^<#([A-Z0-9]+)(?:\|([^>]*))?>$/;
const ESCAPED_PERSON = /<@([A-Z0-9]+)(?:\|[^>]*)?>/g;

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
    case 'cancel':
      return { name: 'cancel', channel: parseChannel(rest.join(' ')) };
    case 'register':
      return { name: 'register' };
    case 'owners': {
      const action = rest[0]?.toLowerCase();
      // The people named, by platform user id, each once.
      const people = [...new Set([...rest.slice(1).join(' ').matchAll(ESCAPED_PERSON)].map((m) => m[1] ?? ''))];
      return { name: 'owners', action: action === 'add' || action === 'remove' ? action : null, people };
    }
    case 'outdated':
    case 'review':
    case 'verifier':
      return parseContentReview(word.toLowerCase() as 'outdated' | 'review' | 'verifier', rest);
    case 'timeoff':
      // "/steward timeoff 2026-08-21 @cover", or "off" to end it; the cover by platform user id.
      return {
        name: 'timeoff',
        until: rest[0] && !rest[0].startsWith('<@') ? rest[0] : null,
        people: [...rest.join(' ').matchAll(ESCAPED_PERSON)].map((m) => m[1] ?? ''),
      };
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

// Slack escapes a link in a slash command as <https://…> or <https://…|label>; Teams sends it as typed.
const ESCAPED_LINK = /^<(https?:\/\/[^|>]+)(?:\|[^>]*)?>$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function parseLink(word: string | undefined): string | null {
  if (!word) return null;
  const escaped = ESCAPED_LINK.exec(word);
  if (escaped) return escaped[1] ?? null;
  return /^https?:\/\/\S+$/.test(word) ? word : null;
}

function parseContentReview(name: 'outdated' | 'review' | 'verifier', rest: readonly string[]): Command {
  const link = parseLink(rest[0]);
  const after = rest.slice(1).join(' ').trim();
  switch (name) {
    case 'outdated':
      return { name, link, note: after === '' ? null : after };
    case 'review':
      return { name, link, days: after };
    case 'verifier': {
      const person = [...after.matchAll(ESCAPED_PERSON)][0]?.[1] ?? null;
      const email = EMAIL.test(after.replace(/^<mailto:([^|>]+)(?:\|[^>]*)?>$/, '$1'))
        ? after.replace(/^<mailto:([^|>]+)(?:\|[^>]*)?>$/, '$1')
        : null;
      return { name, link, person, email };
    }
  }
}
