import { LOCALES, ok } from '@steward/core';
import { z } from 'zod';
import { apiSchemas } from './openapi.ts';
import { jsonRoute } from './route.ts';

export const ViewerAnswer = z
  .object({
    personId: z.guid(),
    tenantId: z.guid(),
    role: z
      .enum(['community_manager', 'owner'])
      .describe('A community manager sees every group of the organisation; an owner their groups.'),
    locale: z.enum(LOCALES),
    displayName: z.string(),
  })
  .register(apiSchemas, { id: 'Viewer' });

/** Who is signed in, for the dashboard to say so and to show what their role allows. */
export const meRoute = jsonRoute({
  method: 'get',
  path: '/me',
  summary: 'The signed-in viewer.',
  access: 'viewer',
  response: ViewerAnswer,
  handle: async ({ viewer }) =>
    ok({
      personId: viewer.personId,
      tenantId: viewer.tenantId,
      role: viewer.role,
      locale: viewer.locale,
      displayName: viewer.displayName,
    }),
});
