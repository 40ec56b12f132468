import { mongo } from 'mongoose';

/** E11000: a unique index refused the write. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Runs a single-document upsert, and once more if a unique index refused it. Of racing first saves
 * only one inserts; the server turns the others into updates itself only when the filter is exactly
 * the unique key (and, for findAndModify, only on recent servers). Run again, a refused one updates
 * what the winner inserted, while a real conflict (another document holding the key) is refused
 * again and reaches the caller.
 */
export async function upsertRetryingRace<T>(save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (isDuplicateKey(error)) return save();
    throw error;
  }
}

/** A bulk write that failed only because unique keys refused some documents (and wrote all others). */
export function onlyDuplicates(error: unknown): error is mongo.MongoBulkWriteError {
  return (
    error instanceof mongo.MongoBulkWriteError &&
    error.result.getWriteErrors().every((writeError) => writeError.code === 11000) &&
    error.result.getWriteConcernError() === undefined
  );
}

/**
 * Runs one upsert per item, in any order, and returns the items whose upsert inserted a document.
 * Each filter is exactly a unique key, so of racing upserts exactly one inserts: the server turns
 * the others into updates, and one it refused instead is run again, as an update now.
 */
export async function upsertAll<T extends mongo.Document, I>(
  collection: mongo.Collection<T>,
  items: readonly I[],
  upsert: (item: I) => Pick<mongo.UpdateOneModel<T>, 'filter' | 'update'>,
  attempts = 2,
): Promise<I[]> {
  if (items.length === 0) return [];
  try {
    const { upsertedIds } = await collection.bulkWrite(
      items.map((item) => ({ updateOne: { ...upsert(item), upsert: true } })),
      { ordered: false },
    );
    return items.filter((_, index) => index in upsertedIds);
  } catch (error) {
    if (attempts === 1 || !onlyDuplicates(error)) throw error;
    const refused = new Set(error.result.getWriteErrors().map((writeError) => writeError.index));
    const inserted = items.filter((_, index) => index in error.upsertedIds);
    const retried = await upsertAll(
      collection,
      items.filter((_, index) => refused.has(index)),
      upsert,
      attempts - 1,
    );
    return [...inserted, ...retried];
  }
}
