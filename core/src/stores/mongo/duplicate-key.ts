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
