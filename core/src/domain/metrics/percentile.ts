/**
 * The p-th percentile (0 ≤ p ≤ 1) by linear interpolation between the closest ranks, as
 * PostgreSQL's percentile_cont and spreadsheets compute it: the median of an even count is the
 * mean of the middle two. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const below = Math.floor(rank);
  const low = sorted[below]!;
  const high = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return low + (high - low) * (rank - below);
}
