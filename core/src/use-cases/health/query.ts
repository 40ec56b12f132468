import { ErrorCode, type Failure, fail, ok } from '../../errors.ts';
import type { DashboardField } from '../../messages/labels.ts';

// Checks of what a dashboard asks for (sort, order, paging), shared by its use cases. A wrong
// field fails with `invalid_input` naming it (`params.field`; `fieldErrorLabel` has its text).

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const invalid = (field: DashboardField, detail: string): Failure =>
  fail(ErrorCode.InvalidInput, detail, { field });

/** One of `allowed`, or `fallback` when absent. */
export function oneOf<T extends string>(field: DashboardField, value: unknown, allowed: readonly T[], fallback: T) {
  if (value === undefined) return ok(fallback);
  return (allowed as readonly unknown[]).includes(value)
    ? ok(value as T)
    : invalid(field, `${field} "${String(value)}"`);
}

/** A page: `limit` rows (1 to MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when absent) from `offset` (0 when absent). */
export function pageOf(limit: unknown, offset: unknown) {
  const size = limit ?? DEFAULT_PAGE_SIZE;
  const from = offset ?? 0;
  if (!Number.isInteger(size) || (size as number) < 1 || (size as number) > MAX_PAGE_SIZE)
    return invalid('limit', `limit ${String(limit)}`);
  if (!Number.isInteger(from) || (from as number) < 0) return invalid('offset', `offset ${String(offset)}`);
  return ok({ limit: size as number, offset: from as number });
}
