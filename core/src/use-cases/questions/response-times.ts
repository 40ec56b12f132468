import type { ResponseTime } from '../../cards/response-time-line.ts';
import { timeToFirstResponse } from '../../domain/metrics/questions.ts';
import type { CoreDeps } from '../deps.ts';

const MINUTE_MS = 60_000;

/**
 * Each group's time to first response (median, 90th percentile) over the questions asked in
 * [since, until), as the group's dashboard page measures it: the same read and the same rule, for
 * all the groups in one read. Groups without an answered question have none.
 */
export async function responseTimesOf(
  deps: CoreDeps,
  tenantId: string,
  groupIds: readonly string[],
  since: Date,
  until: Date,
): Promise<Map<string, ResponseTime>> {
  if (groupIds.length === 0) return new Map();
  const asked = await deps.store.metrics.listQuestions(tenantId, groupIds, since, until);
  const times = new Map<string, ResponseTime>();
  for (const [groupId, questions] of Map.groupBy(asked, (q) => q.groupId)) {
    const { medianMs, p90Ms } = timeToFirstResponse(questions, until);
    if (medianMs !== null && p90Ms !== null)
      times.set(groupId, {
        medianMinutes: Math.round(medianMs / MINUTE_MS),
        p90Minutes: Math.round(p90Ms / MINUTE_MS),
      });
  }
  return times;
}
