import type { WaitingQuestion } from '../../cards/digest-questions.ts';
import { threadLink } from '../../cards/links.ts';
import type { Listed } from '../../ports/store/contributions.ts';
import type { CoreDeps } from '../deps.ts';

/** Questions listed in the community managers' digest; the rest are counted. */
export const DIGEST_QUESTIONS_SHOWN = 5;

/**
 * The questions the escalation ladder brought to the community managers' digest (past 3× their
 * group's target) and still unanswered, oldest first, with their group, age and thread.
 */
export async function questionsWaitingLongest(deps: CoreDeps, tenantId: string): Promise<Listed<WaitingQuestion>> {
  const { store, clock } = deps;
  const waiting = await store.questionEscalations.listAtStep(tenantId, 'digest', DIGEST_QUESTIONS_SHOWN);
  const groups = new Map(
    (await store.groups.getMany(tenantId, [...new Set(waiting.items.map((q) => q.groupId))])).map((g) => [g.id, g]),
  );
  const now = clock.now().getTime();
  const items = waiting.items.flatMap((question) => {
    const group = groups.get(question.groupId);
    return group
      ? [
          {
            groupName: group.name,
            ageMs: now - question.askedAt.getTime(),
            link: threadLink(group.platformRef, question.threadId),
          },
        ]
      : [];
  });
  return { items, total: waiting.total };
}
