// Code, links and mentions may hold a "?" that asks nothing.
const NOT_PROSE = [/```[\s\S]*?```/g, /`[^`]*`/g, /<[^>]*>/g, /\bhttps?:\/\/\S+/g];

/**
 * Whether a message asks a question: a question mark (Latin or full-width) in its prose. The text
 * is read here and never kept.
 */
export function asksQuestion(text: string): boolean {
  const prose = NOT_PROSE.reduce((rest, pattern) => rest.replace(pattern, ' '), text);
  return /[?？]/.test(prose);
}
