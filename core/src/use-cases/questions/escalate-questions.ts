import { threadLink } from '../../cards/links.ts';
import { type QuestionCardInput, questionHelpCard, questionReminderCard } from '../../cards/question-cards.ts';
import { shiftDay } from '../../domain/days.ts';
import type { Group } from '../../domain/group.ts';
import type { Person } from '../../domain/person.ts';
import type { Platform } from '../../domain/platform.ts';
import { RESPONSE_KINDS } from '../../domain/question.ts';
import {
  ESCALATION_MAX_AGE_MS,
  type EscalationStep,
  escalationDue,
  HELPERS_LOOKBACK_DAYS,
  MIN_RESPONSE_TARGET_HOURS,
  pickHelpers,
  QUESTION_HELPERS,
  questionKey,
  responseTargetMs,
} from '../../domain/question-escalation.ts';
import { utcDay } from '../../domain/rollups.ts';
import { HOUR_MS } from '../../domain/zoned-time.ts';
import type { MemberCount } from '../../ports/store/metrics.ts';
import type { EscalatingQuestionRow, QuestionCursor } from '../../ports/store/question-escalations.ts';
import { enqueueAll, type OutboxOperation } from '../deliver-outbox.ts';
import type { CoreDeps } from '../deps.ts';
import { activeOwnersOfGroups } from '../groups/active-owners.ts';
import { identityIn } from '../view-membership-request.ts';
import { cardRecipient } from '../weekly-hour/recipient.ts';

/** Open questions read per page, oldest first. */
export const ESCALATION_PAGE = 500;
/** Pages read per tenant per run at most: the rest waits for the next run, 10 minutes later. */
export const ESCALATION_PAGES = 10;
/** Questions that take a step per tenant per run at most. */
export const ESCALATION_BUDGET = 200;
/**
 * Ranked answerers read per group beyond those asked: room for the asker and for people gone from
 * the group or the company, who are left out after the read.
 */
const HELPERS_SPARE = 5;

export interface EscalationOutcome {
  /** Questions that took each step in this run. */
  readonly remind: number;
  readonly helpers: number;
  readonly digest: number;
  /** Messages handed to the outbox now (a repeat of one already there is not counted). */
  readonly messages: number;
}

interface DueStep {
  readonly question: EscalatingQuestionRow;
  readonly step: EscalationStep;
}

/**
 * The `questions.escalate` job: each open question past a multiple of its group's response target
 * takes the step due (`escalationDue`): its group's owners are reminded, or its most frequent
 * answerers asked to help, or it is marked for the community managers' digest. Messages go through
 * the outbox under `question:<group>:<thread>:<step>:<person>` first, then the step is recorded
 * only if nobody recorded it meanwhile: a run that dies in between, or two at once, send each once.
 */
export async function escalateQuestions(
  deps: CoreDeps,
  budget: number = ESCALATION_BUDGET,
): Promise<EscalationOutcome> {
  const outcome = { remind: 0, helpers: 0, digest: 0, messages: 0 };
  for (const tenant of await deps.store.tenants.list()) {
    const due = await dueQuestions(deps, tenant.id, budget);
    if (due.length === 0) continue;
    outcome.messages += await sendSteps(deps, tenant.id, due);
    for (const { question, step } of due) {
      if (await deps.store.questionEscalations.advance(tenant.id, question, question.escalation, step))
        outcome[step] += 1;
    }
  }
  return outcome;
}

/** The tenant's questions with a step due now, oldest first, read by age a page at a time. */
async function dueQuestions(deps: CoreDeps, tenantId: string, budget: number): Promise<DueStep[]> {
  const now = deps.clock.now();
  // Younger than the shortest target a group may have, no question is due anything.
  const asked = {
    from: new Date(now.getTime() - ESCALATION_MAX_AGE_MS),
    before: new Date(now.getTime() - MIN_RESPONSE_TARGET_HOURS * HOUR_MS),
  };
  const due: DueStep[] = [];
  let after: QuestionCursor | null = null;
  for (let page = 0; page < ESCALATION_PAGES && due.length < budget; page += 1) {
    const open = await deps.store.questionEscalations.listOpen(tenantId, asked, ESCALATION_PAGE, after);
    for (const question of open) {
      const step = escalationDue(question, responseTargetMs(question), now);
      if (step) due.push({ question, step });
    }
    if (open.length < ESCALATION_PAGE) break;
    after = open.at(-1)!;
  }
  return due.slice(0, budget);
}

/** The reminders and requests for help of these steps, in one write to the outbox; how many are new. */
async function sendSteps(deps: CoreDeps, tenantId: string, due: readonly DueStep[]): Promise<number> {
  const { store } = deps;
  const groupsOf = (step: EscalationStep) => [
    ...new Set(due.filter((d) => d.step === step).map((d) => d.question.groupId)),
  ];
  const groups = new Map(
    (await store.groups.getMany(tenantId, [...new Set(due.map((d) => d.question.groupId))])).map((g) => [g.id, g]),
  );
  const reminded = groupsOf('remind').flatMap((id) => groups.get(id) ?? []);
  const [owners, answerers] = await Promise.all([
    activeOwnersOfGroups(deps, tenantId, reminded),
    frequentAnswerers(deps, tenantId, groupsOf('helpers')),
  ]);
  const people = new Map(
    (
      await store.people.getMany(tenantId, [
        ...new Set([
          ...[...owners.values()].flat(),
          ...answerers.ranked.map((r) => r.personId),
          ...due.map((d) => d.question.askerId),
        ]),
      ])
    ).map((p) => [p.id, p]),
  );

  const calls: { platform: Platform; call: OutboxOperation; dedupeKey: string }[] = [];
  for (const { question, step } of due) {
    const group = groups.get(question.groupId);
    if (!group || step === 'digest') continue;
    const askable = (id: string) => people.get(id)?.deactivatedAt === null && !answerers.left.has(`${group.id}:${id}`);
    // An owner who asked is not reminded of their own question.
    const recipients =
      step === 'remind'
        ? (owners.get(group.id) ?? []).filter((id) => id !== question.askerId)
        : pickHelpers(
            answerers.ranked.filter((r) => r.groupId === group.id),
            question.askerId,
            askable,
          );
    for (const personId of recipients) {
      const person = people.get(personId);
      const to = person ? (identityIn(person, group) ?? (await cardRecipient(deps, person))) : null;
      if (!person || !to) continue;
      const input = questionCardInput(person, group, question, people.get(question.askerId));
      const card =
        step === 'remind'
          ? questionReminderCard({ ...input, targetMs: responseTargetMs(question) })
          : questionHelpCard(input);
      calls.push({
        platform: to.platform,
        call: { operation: 'send_card', payload: { to, card } },
        dedupeKey: `question:${questionKey(question)}:${step}:${personId}`,
      });
    }
  }
  return (await enqueueAll(deps, tenantId, calls)).filter(Boolean).length;
}

/**
 * The members of these groups ranked by responses (replies and answers, RESPONSE_KINDS) over the
 * last HELPERS_LOOKBACK_DAYS days, in one aggregate read, and which of them left which group.
 */
async function frequentAnswerers(
  deps: CoreDeps,
  tenantId: string,
  groupIds: readonly string[],
): Promise<{ ranked: MemberCount[]; left: Set<string> }> {
  if (groupIds.length === 0) return { ranked: [], left: new Set() };
  const today = utcDay(deps.clock.now());
  const range = { from: shiftDay(today, -(HELPERS_LOOKBACK_DAYS - 1)), to: today };
  const ranked = await deps.store.metrics.topMembers(
    tenantId,
    groupIds,
    range,
    RESPONSE_KINDS,
    QUESTION_HELPERS + HELPERS_SPARE,
  );
  const ended = await deps.store.memberships.listEndedAmong(tenantId, groupIds, [
    ...new Set(ranked.map((r) => r.personId)),
  ]);
  return { ranked, left: new Set(ended.map((m) => `${m.groupId}:${m.personId}`)) };
}

function questionCardInput(
  reader: Person,
  group: Group,
  question: EscalatingQuestionRow,
  asker: Person | undefined,
): QuestionCardInput {
  return {
    locale: reader.locale,
    timeZone: reader.timeZone,
    groupName: group.name,
    askerName: asker?.displayName ?? '—',
    askedAt: question.askedAt,
    threadLink: threadLink(group.platformRef, question.threadId),
  };
}
