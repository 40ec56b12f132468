import { DAY_MS } from '../domain/zoned-time.ts';

/** How many days of contribution history the demo tenant has, ending at its `now`. */
export const HISTORY_DAYS = 90;

/** Where the demo tenant lives on each platform, and when "now" is for it. */
export interface DemoContext {
  readonly tenantId: string;
  readonly now: Date;
  /** `now` minus the history: the first instant that has events. */
  readonly historyStart: Date;
  /** Slack team id of the demo workspace. */
  readonly slackWorkspaceId: string;
  /** Microsoft Entra tenant id of the demo Teams organisation. */
  readonly teamsTenantId: string;
  /** E-mail domain of the demo company (a reserved `.example` name, so nothing real is reached). */
  readonly emailDomain: string;
}

export function demoContext(input: Omit<DemoContext, 'historyStart'>): DemoContext {
  return { ...input, historyStart: new Date(input.now.getTime() - HISTORY_DAYS * DAY_MS) };
}
