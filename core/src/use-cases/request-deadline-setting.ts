import type { Group } from '../domain/group.ts';
import { MAX_REQUEST_DEADLINE_HOURS, MIN_REQUEST_DEADLINE_HOURS } from '../domain/request-deadlines.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';

/**
 * The request deadline as an owner typed it in the settings form: whole hours within bounds. A
 * form without the field (one sent before it existed) leaves the group's as it is.
 */
export function requestDeadlineFrom(typed: string | undefined, group: Group): Result<number> {
  if (typed === undefined) return ok(group.requestDeadlineHours);
  const hours = Number(typed.trim());
  if (
    typed.trim() === '' ||
    !Number.isInteger(hours) ||
    hours < MIN_REQUEST_DEADLINE_HOURS ||
    hours > MAX_REQUEST_DEADLINE_HOURS
  ) {
    return fail(ErrorCode.InvalidInput, `request deadline "${typed}"`);
  }
  return ok(hours);
}
