// Cutting text to one of Slack's limits, ending with "…", without breaking what is left.

const ELLIPSIS = '…';

/** The end of a cut at `end` that does not split a UTF-16 surrogate pair (an emoji, say). */
function wholeCharactersEnd(text: string, end: number): number {
  const last = text.charCodeAt(end - 1);
  return last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}

/** Plain text cut to at most `max` characters. */
export function truncatePlainText(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, wholeCharactersEnd(text, max - ELLIPSIS.length)) + ELLIPSIS;
}

/**
 * Mrkdwn cut to at most `max` characters. Escaped text holds `<` only where a link starts and `&`
 * only where an entity starts, so a cut inside either moves back to before it: a half link or a
 * half `&amp;` would show as garbage.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = wholeCharactersEnd(text, max - ELLIPSIS.length);
  const entity = text.lastIndexOf('&', end - 1);
  if (entity !== -1 && !text.slice(entity, end).includes(';')) end = entity;
  const link = text.lastIndexOf('<', end - 1);
  if (link !== -1 && !text.slice(link, end).includes('>')) end = link;
  return text.slice(0, end) + ELLIPSIS;
}
