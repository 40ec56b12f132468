import type { ContributionKind } from './contribution.ts';

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

/**
 * The kinds of event that respond to a question when someone other than the asker posts them in
 * its thread: time to first response runs to the first of them (METRICS.md).
 */
export const RESPONSE_KINDS = ['reply', 'answer'] as const satisfies readonly ContributionKind[];

export function isResponse(kind: ContributionKind): boolean {
  return (RESPONSE_KINDS as readonly ContributionKind[]).includes(kind);
}
