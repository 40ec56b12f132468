import type { MethodHandler } from './context.ts';

export const test: MethodHandler = ({ world, workspace }) => ({
  url: `https://${workspace.id.toLowerCase()}.fake.slack.com/`,
  team: `Workspace ${workspace.id}`,
  user: 'group-steward',
  team_id: workspace.id,
  user_id: world.botUserId,
  bot_id: 'B0FAKEBOT',
  is_enterprise_install: false,
});
