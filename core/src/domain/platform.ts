export const PLATFORMS = ['slack', 'teams'] as const;
export type Platform = (typeof PLATFORMS)[number];

/**
 * Where a thing lives on a chat platform. `workspaceId` is the Slack team (or enterprise) id or
 * the Teams tenant id; `id` is the channel, team, user or item id on that platform.
 */
export interface PlatformRef {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly id: string;
}
