/**
 * A batch as the stores take it: of items sharing a key, the first given stands for them (the one
 * claimed or enqueued); items without a key (null) all stay. Order is kept.
 */
export function firstOfEach<T>(items: readonly T[], key: (item: T) => string | null): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (k === null) return true;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
