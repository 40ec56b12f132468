import {
  DEFAULT_REQUEST_EXPIRY_DAYS,
  MAX_REQUEST_EXPIRY_DAYS,
  MIN_REQUEST_EXPIRY_DAYS,
  setRequestExpiry,
} from '@steward/core';
import { z } from 'zod';
import { apiSchemas } from './openapi.ts';
import { fromTenant, tenantPolicyRoutes } from './tenant-policy.ts';

const Expiry = z
  .object({
    days: z
      .number()
      .int()
      .min(MIN_REQUEST_EXPIRY_DAYS)
      .max(MAX_REQUEST_EXPIRY_DAYS)
      .describe('Days after which an undecided membership request expires.'),
  })
  .strict()
  .describe('When an undecided membership request expires and its requester is told.')
  .register(apiSchemas, { id: 'RequestExpiry' });

/**
 * The organisation's request expiry beside the default (domain/request-deadlines.ts); an
 * administrator sets it, and the deadlines job expires requests at it from its next run.
 */
export const [requestExpiryRoute, setRequestExpiryRoute] = tenantPolicyRoutes({
  path: '/request-expiry',
  field: 'requestExpiry',
  schema: Expiry,
  answerId: 'RequestExpiryAnswer',
  defaults: { days: DEFAULT_REQUEST_EXPIRY_DAYS },
  read: {
    summary: "After how many days the organisation's undecided membership requests expire, and the default.",
    access: 'viewer',
    current: fromTenant((tenant) => ({ days: tenant.requestExpiryDays })),
  },
  write: {
    summary: 'Set after how many days undecided membership requests expire (audited). Administrators only.',
    set: setRequestExpiry,
  },
});
