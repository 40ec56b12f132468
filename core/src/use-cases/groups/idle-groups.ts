import type { IdleProposal } from '../../cards/idle-group-card.ts';
import { idleGroupCard } from '../../cards/idle-group-card.ts';
import { type Group, isActive, isOwner } from '../../domain/group.ts';
import {
  answeredCheck,
  DEFAULT_IDLE_GROUP_POLICY,
  type IdleAnswer,
  type IdleCheck,
  type IdleGroupPolicy,
  type IdleGroupStep,
  type IdleQuietReason,
  idleGroupStep,
  revivedCheck,
  validateIdleGroupPolicy,
} from '../../domain/idle-group.ts';
import { newId } from '../../domain/ids.ts';
import { ENGAGED_KINDS, isIdle } from '../../domain/metrics/activity.ts';
import type { Person } from '../../domain/person.ts';
import { utcDay } from '../../domain/rollups.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import { translate } from '../../messages/translate.ts';
import { enqueueAll } from '../deliver-outbox.ts';
import type { CoreDeps } from '../deps.ts';
import { identityIn } from '../view-membership-request.ts';
import { cardRecipient } from '../weekly-hour/recipient.ts';
import { activeOwnersOfGroups } from './active-owners.ts';
import { auditGroup } from './audit-group.ts';

/** Groups measured per set of reads (members, engaged members, checks). */
export const IDLE_CHECK_BATCH = 500;
/** Warnings and proposals made per run of the job; the rest wait for the next run. */
export const IDLE_STEPS_PER_RUN = 200;
/** Proposals a community manager's digest lists. */
export const IDLE_PROPOSALS_SHOWN = 10;

/** The tenant's policy, or the documented defaults until an administrator sets one. */
export async function idleGroupPolicyOf(deps: CoreDeps, tenantId: string): Promise<IdleGroupPolicy> {
  return (await deps.store.idleGroups.getPolicy(tenantId)) ?? DEFAULT_IDLE_GROUP_POLICY;
}

/** An administrator sets the policy; the exempt groups must be the tenant's. Audited when it changes. */
export async function setIdleGroupPolicy(
  deps: CoreDeps,
  actor: Person,
  input: IdleGroupPolicy,
): Promise<Result<IdleGroupPolicy>> {
  if (!actor.roles.includes('administrator')) return fail(ErrorCode.NotAManager, `${actor.id} is not an administrator`);
  const policy = validateIdleGroupPolicy(input);
  if (!policy.ok) return policy;
  const known = await deps.store.groups.getMany(actor.tenantId, policy.value.exemptGroupIds);
  if (known.length !== policy.value.exemptGroupIds.length)
    return fail(ErrorCode.InvalidInput, 'exemptGroupIds names a group not found', { field: 'exemptGroupIds' });
  const before = await deps.store.idleGroups.getPolicy(actor.tenantId);
  // The same policy sent again changes nothing, and is not audited again.
  if (before && samePolicy(before, policy.value)) return policy;
  await deps.store.idleGroups.setPolicy(actor.tenantId, policy.value);
  const { exemptGroupIds, ...figures } = policy.value;
  await deps.store.audit.append({
    id: newId(),
    tenantId: actor.tenantId,
    at: deps.clock.now(),
    actorId: actor.id,
    action: 'tenant.idle_group_policy_changed',
    subjectKind: 'tenant',
    subjectId: actor.tenantId,
    details: {
      ...Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, String(v)])),
      exemptGroupIds: exemptGroupIds.join(','),
    },
  });
  return policy;
}

function samePolicy(a: IdleGroupPolicy, b: IdleGroupPolicy): boolean {
  const figures = ['idleAfterDays', 'certifyForMonths', 'warningsBeforeProposal', 'warningIntervalDays'] as const;
  const exempt = new Set(a.exemptGroupIds);
  return (
    figures.every((f) => a[f] === b[f]) &&
    a.exemptGroupIds.length === b.exemptGroupIds.length &&
    b.exemptGroupIds.every((id) => exempt.has(id))
  );
}

/** What today's check does to one group, and what it read to decide. */
export interface IdlePlan {
  readonly group: Group;
  readonly members: number;
  /** Members who replied or reacted over the policy's `idleAfterDays` (METRICS.md's idle). */
  readonly engaged: number;
  readonly check: IdleCheck | null;
  readonly step: IdleGroupStep;
}

/**
 * Today's step for each of the tenant's groups, in batches of IDLE_CHECK_BATCH: three set-based
 * reads per batch (members, engaged members over the period, checks). Writes nothing: the job
 * acts on it, the dry run reports it.
 */
export async function* planIdleChecks(
  deps: CoreDeps,
  tenantId: string,
  policy: IdleGroupPolicy,
): AsyncGenerator<IdlePlan[]> {
  const { store, clock } = deps;
  const now = clock.now();
  const groups = (await store.groups.list(tenantId)).filter(isActive);
  for (let start = 0; start < groups.length; start += IDLE_CHECK_BATCH) {
    const batch = groups.slice(start, start + IDLE_CHECK_BATCH);
    const ids = batch.map((g) => g.id);
    const [members, engaged, checks] = await Promise.all([
      store.metrics.memberCounts(tenantId, ids, now),
      store.metrics.activeMembers(tenantId, ids, utcDay(now), [{ days: policy.idleAfterDays, kinds: ENGAGED_KINDS }]),
      store.idleGroups.getChecks(tenantId, ids),
    ]);
    const checkOf = new Map(checks.map((c) => [c.groupId, c]));
    yield batch.map((group, i) => {
      const figures = { members: members[i] ?? 0, engaged: engaged[i]?.[0] ?? 0 };
      const check = checkOf.get(group.id) ?? null;
      const state = {
        groupId: group.id,
        active: true,
        createdAt: group.createdAt,
        idle: isIdle(figures.engaged, figures.members),
        check,
      };
      return { group, ...figures, check, step: idleGroupStep(state, policy, now) };
    });
  }
}

export interface IdleCheckOutcome {
  readonly warned: number;
  readonly proposed: number;
}

/**
 * The job: each tenant's idle groups are warned (their active owners get the card, once per
 * warning: `idle:<group>:<round>:<n>:<owner>`), or proposed for archive to the community managers'
 * digest once the warnings went unanswered; a warned group active again starts afresh. The card is enqueued before the warning is recorded,
 * so a run that dies in between sends it once and records it next time. At most `limit` steps.
 */
export async function checkIdleGroups(deps: CoreDeps, limit: number = IDLE_STEPS_PER_RUN): Promise<IdleCheckOutcome> {
  let warned = 0;
  let proposed = 0;
  for (const tenant of await deps.store.tenants.list()) {
    if (warned + proposed >= limit) break;
    const outcome = await checkTenantIdleGroups(deps, tenant.id, limit - warned - proposed);
    warned += outcome.warned;
    proposed += outcome.proposed;
  }
  return { warned, proposed };
}

/** The job's work for one tenant, at most `limit` steps. */
export async function checkTenantIdleGroups(
  deps: CoreDeps,
  tenantId: string,
  limit: number,
): Promise<IdleCheckOutcome> {
  let warned = 0;
  let proposed = 0;
  const policy = await idleGroupPolicyOf(deps, tenantId);
  for await (const plans of planIdleChecks(deps, tenantId, policy)) {
    for (const plan of plans) {
      const revived = plan.step.kind === 'none' && plan.step.reason === 'active' ? revivedCheck(plan.check) : null;
      if (revived && (await deps.store.idleGroups.answer(revived)))
        await auditGroup(deps, plan.group, null, 'group.idle_revived', { round: String(revived.round) });
    }
    const due = plans.filter((p) => p.step.kind !== 'none').slice(0, limit - warned - proposed);
    warned += await warnOwners(
      deps,
      policy,
      due.filter((p) => p.step.kind === 'warn'),
    );
    for (const plan of due.filter((p) => p.step.kind === 'propose_archive')) {
      if (await deps.store.idleGroups.propose(tenantId, plan.group.id, plan.check?.round ?? 0, deps.clock.now())) {
        proposed += 1;
        await auditGroup(deps, plan.group, null, 'group.idle_proposed', {
          warnings: String(plan.check?.warnings ?? 0),
        });
      }
    }
    if (warned + proposed >= limit) break;
  }
  return { warned, proposed };
}

async function warnOwners(deps: CoreDeps, policy: IdleGroupPolicy, plans: readonly IdlePlan[]): Promise<number> {
  if (plans.length === 0) return 0;
  const tenantId = plans[0]!.group.tenantId;
  const groups = plans.map((p) => p.group);
  const owners = await activeOwnersOfGroups(deps, tenantId, groups);
  const people = new Map(
    (await deps.store.people.getMany(tenantId, [...new Set([...owners.values()].flat())])).map((p) => [p.id, p]),
  );
  let warned = 0;
  for (const plan of plans) {
    if (plan.step.kind !== 'warn') continue;
    const { group, step } = plan;
    const round = plan.check?.round ?? 0;
    const calls = [];
    for (const ownerId of owners.get(group.id) ?? []) {
      const owner = people.get(ownerId);
      const to = owner && (identityIn(owner, group) ?? (await cardRecipient(deps, owner)));
      if (!owner || !to) continue;
      const card = idleGroupCard({
        locale: owner.locale,
        groupId: group.id,
        groupName: group.name,
        idleDays: policy.idleAfterDays,
        warning: step.warning,
        warnings: policy.warningsBeforeProposal,
      });
      calls.push({
        platform: to.platform,
        call: { operation: 'send_card', payload: { to, card } } as const,
        dedupeKey: `idle:${group.id}:${round}:${step.warning}:${owner.id}`,
      });
    }
    await enqueueAll(deps, tenantId, calls);
    // A group without an active owner is warned all the same: nobody answers, and it reaches the managers.
    if (await deps.store.idleGroups.recordWarning(tenantId, group.id, round, step.warning, deps.clock.now())) {
      warned += 1;
      await auditGroup(deps, group, null, 'group.idle_warned', {
        warning: String(step.warning),
        round: String(round),
        owners: String(calls.length),
      });
    }
  }
  return warned;
}

/**
 * An owner answers a warning (or ahead of one): "Still active" stops the checks for
 * `certifyForMonths`, "Leave it quiet" until the next period. One answer per round, and none
 * while the checks are held by the last one; audited.
 */
export async function answerIdleCheck(
  deps: CoreDeps,
  person: Person,
  groupId: string,
  answer: IdleAnswer,
): Promise<Result<string>> {
  const group = await deps.store.groups.get(person.tenantId, groupId);
  if (!group) return fail(ErrorCode.NotFound, `group ${groupId}`);
  if (!isOwner(group, person.id))
    return fail(ErrorCode.NotAnOwner, `${person.id} does not own ${group.id}`, { group: group.name });
  if (!isActive(group)) return ok(translate(person.locale, 'idle.not_active', { group: group.name }));
  const policy = await idleGroupPolicyOf(deps, group.tenantId);
  const [check] = await deps.store.idleGroups.getChecks(group.tenantId, [group.id]);
  const now = deps.clock.now();
  // Checks already held (a button pressed again, another owner's answer): the first answer stands.
  const held = check?.checksFrom && check.checksFrom > now;
  const next = answeredCheck(check ?? null, group.tenantId, group.id, answer, policy, now);
  if (held || !(await deps.store.idleGroups.answer(next)))
    return ok(translate(person.locale, 'idle.already_answered', { group: group.name }));
  await auditGroup(deps, group, person.id, answer === 'certify' ? 'group.idle_certified' : 'group.idle_left_quiet', {
    until: next.checksFrom?.toISOString() ?? '',
  });
  return answer === 'certify'
    ? ok(translate(person.locale, 'idle.certified', { group: group.name, count: policy.certifyForMonths }))
    : ok(translate(person.locale, 'idle.left_quiet', { group: group.name, count: policy.idleAfterDays }));
}

/** The groups proposed for archive that are still active, for the community managers' digest. */
export async function idleProposals(
  deps: CoreDeps,
  tenantId: string,
  limit: number = IDLE_PROPOSALS_SHOWN,
): Promise<IdleProposal[]> {
  const proposed = await deps.store.idleGroups.listProposed(tenantId, limit);
  const groups = new Map(
    (
      await deps.store.groups.getMany(
        tenantId,
        proposed.map((c) => c.groupId),
      )
    ).map((g) => [g.id, g]),
  );
  return proposed.flatMap((check) => {
    const group = groups.get(check.groupId);
    return group && isActive(group) ? [{ groupId: group.id, name: group.name, warnings: check.warnings }] : [];
  });
}

/** One group in the dry run: what today's check would do to it, and why. */
export interface IdleDryRunRow {
  readonly groupId: string;
  readonly name: string;
  readonly members: number;
  readonly engaged: number;
  readonly step: IdleGroupStep['kind'];
  /** For `warn`: which warning of the round. */
  readonly warning: number | null;
  /** For `none`: why nothing happens. */
  readonly reason: IdleQuietReason | null;
}

/** What the job would do today to each of the tenant's active groups, without writing anything. */
export async function idleGroupsDryRun(
  deps: CoreDeps,
  tenantId: string,
): Promise<{ policy: IdleGroupPolicy; groups: IdleDryRunRow[] }> {
  const policy = await idleGroupPolicyOf(deps, tenantId);
  const groups: IdleDryRunRow[] = [];
  for await (const plans of planIdleChecks(deps, tenantId, policy)) {
    for (const { group, members, engaged, step } of plans) {
      groups.push({
        groupId: group.id,
        name: group.name,
        members,
        engaged,
        step: step.kind,
        warning: step.kind === 'warn' ? step.warning : null,
        reason: step.kind === 'none' ? step.reason : null,
      });
    }
  }
  return { policy, groups };
}
