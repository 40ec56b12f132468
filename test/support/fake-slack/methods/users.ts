import { fail, flagArg, type MethodHandler, stringArg } from './context.ts';

/** `locale` only with `include_locale`; `email` only with the `users:read.email` scope, as on Slack. */
export const info: MethodHandler = ({ world, params, workspace }) => {
  const user = world.users.get(stringArg(params, 'user') ?? '');
  if (!user) fail('user_not_found');
  const mayReadEmail = workspace.scopes === null || workspace.scopes.includes('users:read.email');
  const name = user.name ?? user.id.toLowerCase();
  return {
    user: {
      id: user.id,
      team_id: workspace.id,
      name,
      deleted: user.deleted ?? false,
      real_name: user.realName ?? '',
      tz: user.tz ?? 'America/Los_Angeles',
      tz_label: 'Pacific Standard Time',
      tz_offset: -28800,
      ...(flagArg(params, 'include_locale') ? { locale: user.locale ?? 'en-US' } : {}),
      profile: {
        real_name: user.realName ?? '',
        display_name: user.displayName ?? '',
        ...(mayReadEmail && user.email !== undefined ? { email: user.email } : {}),
        team: workspace.id,
      },
      is_bot: user.isBot ?? false,
      is_app_user: false,
      updated: 1_700_000_000,
    },
  };
};
