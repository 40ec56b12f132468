import { MAX_MESSAGE_NOTE_LENGTH, MAX_MESSAGED_GROUPS, messageOwners } from '@steward/core';
import { z } from 'zod';
import { apiSchemas } from './openapi.ts';
import { jsonRoute } from './route.ts';

const MessageRequest = z
  .object({
    groupIds: z.array(z.guid()).min(1).max(MAX_MESSAGED_GROUPS),
    note: z
      .string()
      .max(MAX_MESSAGE_NOTE_LENGTH)
      .optional()
      .describe('Added to each message, in the words of the community manager.'),
  })
  .register(apiSchemas, { id: 'MessageOwnersRequest' });

const MessageAnswer = z
  .object({
    owners: z.number().int().min(0).describe('Owners the message is addressed to.'),
    messages: z
      .number()
      .int()
      .min(0)
      .describe('Messages sent by this request: 0 when the same was sent already today.'),
  })
  .register(apiSchemas, { id: 'MessageOwnersAnswer' });

/** "Act from the dashboard": the owners of the selected groups are each asked once, in chat, in their language. */
export const messageRoute = jsonRoute({
  method: 'post',
  path: '/groups/message',
  summary:
    'Message the owners of the selected groups (one chat message per owner, in their language). Community managers only.',
  access: 'community_manager',
  body: MessageRequest,
  response: MessageAnswer,
  handle: ({ deps, viewer, body }) => messageOwners(deps, viewer, { groupIds: body.groupIds, note: body.note ?? null }),
});
