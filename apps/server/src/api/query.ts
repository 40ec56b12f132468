import { MAX_PAGE_SIZE, ok, type Result } from '@steward/core';
import { z } from 'zod';

/** A query parameter that may be given more than once (`flag=idle&flag=ownerless`), read as a list. */
export function repeatable<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value === undefined || Array.isArray(value) ? value : [value]),
    z.array(item).max(20),
  );
}

/** A day written YYYY-MM-DD (the core's `validatePeriod` checks the period's order and length). */
export const isoDay = z.iso.date();

/**
 * Every row a paged read gives, a page of the largest size at a time, for a CSV: the first page
 * says whether the read is possible at all (a failure ends it there).
 */
export async function* allPages<R>(
  read: (offset: number, limit: number) => Promise<Result<{ rows: readonly R[] }>>,
): AsyncGenerator<Result<readonly R[]>> {
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = await read(offset, MAX_PAGE_SIZE);
    if (!page.ok) return yield page;
    yield { ok: true, value: page.value.rows };
    if (page.value.rows.length < MAX_PAGE_SIZE) return;
  }
}

/** A read the core already gives in batches (or refuses before reading), as a CSV route's pages. */
export async function* batches<R>(read: Result<AsyncIterable<readonly R[]>>): AsyncGenerator<Result<readonly R[]>> {
  if (!read.ok) return yield read;
  for await (const batch of read.value) yield ok(batch);
}
