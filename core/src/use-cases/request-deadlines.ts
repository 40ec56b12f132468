import { type Card, textCard } from '../cards/card.ts';
import { requestEndedCard } from '../cards/request-notices.ts';
import { type Group, isActive } from '../domain/group.ts';
import { newId } from '../domain/ids.ts';
import type { MembershipRequest } from '../domain/membership-request.ts';
import type { Person, PlatformIdentity } from '../domain/person.ts';
import type { Platform } from '../domain/platform.ts';
import {
  DEFAULT_REQUEST_EXPIRY_DAYS,
  daysWaiting,
  type RequestDeadlineStep,
  requestDeadline,
} from '../domain/request-deadlines.ts';
import { formatNames } from '../messages/format.ts';
import { translate } from '../messages/translate.ts';
import { enqueueAll, enqueueCard, type OutboxOperation } from './deliver-outbox.ts';
import type { CoreDeps } from './deps.ts';
import { showClosedOnOwnersCards } from './request-closed.ts';
import { identityIn } from './view-membership-request.ts';
import { cardRecipient } from './weekly-hour/recipient.ts';

/** Requests looked at per run of the job; the next run takes the rest. */
export const REQUEST_DEADLINE_BATCH = 200;

export type RequestDeadlinesOutcome = Readonly<Record<RequestDeadlineStep, number>> & { readonly looked: number };

/** What a step needs to know of its request. */
interface Due {
  readonly request: MembershipRequest;
  readonly group: Group;
  readonly owners: readonly Person[];
  readonly requester: Person | null;
  readonly expiryDays: number;
  readonly now: Date;
}

/**
 * The `membership_requests.deadlines` job: each pending request whose time has come takes the step
 * the deadline rule says (request-deadlines.ts). Its messages are enqueued first, under keys that
 * keep each one single, and the step is recorded after, only by the request's step moving on: a
 * run that dies between the two, or two racing runs, send each message once.
 */
export async function runRequestDeadlines(
  deps: CoreDeps,
  limit: number = REQUEST_DEADLINE_BATCH,
): Promise<RequestDeadlinesOutcome> {
  const now = deps.clock.now();
  const requests = await deps.store.membershipRequests.listDeadlinesDue(now, limit);
  const outcome = { looked: requests.length, remind: 0, co_owners: 0, managers: 0, expire: 0 };
  const batch = await readBatch(deps, requests);
  for (const request of requests) {
    const step = await lookAt(deps, batch, request, now);
    if (step) outcome[step]++;
  }
  return outcome;
}

/** The batch's tenants, groups and people (requesters and owners), a few reads per tenant rather than per request. */
interface Batch {
  readonly expiryDays: ReadonlyMap<string, number>;
  readonly groups: ReadonlyMap<string, Group>;
  readonly people: ReadonlyMap<string, Person>;
}

async function readBatch({ store }: CoreDeps, requests: readonly MembershipRequest[]): Promise<Batch> {
  const expiryDays = new Map<string, number>();
  const groups = new Map<string, Group>();
  const people = new Map<string, Person>();
  for (const tenantId of new Set(requests.map((r) => r.tenantId))) {
    const ofTenant = requests.filter((r) => r.tenantId === tenantId);
    const [tenant, found] = await Promise.all([
      store.tenants.get(tenantId),
      store.groups.getMany(tenantId, [...new Set(ofTenant.map((r) => r.groupId))]),
    ]);
    expiryDays.set(tenantId, tenant?.requestExpiryDays ?? DEFAULT_REQUEST_EXPIRY_DAYS);
    for (const group of found) groups.set(group.id, group);
    const personIds = new Set([...ofTenant.map((r) => r.requesterId), ...found.flatMap((g) => g.ownerIds)]);
    for (const person of await store.people.getMany(tenantId, [...personIds])) people.set(person.id, person);
  }
  return { expiryDays, groups, people };
}

async function lookAt(
  deps: CoreDeps,
  batch: Batch,
  request: MembershipRequest,
  now: Date,
): Promise<RequestDeadlineStep | null> {
  const { store } = deps;
  const group = batch.groups.get(request.groupId);
  const from = request.deadlineStep;
  // A group gone from its platform is nobody's to decide on: the request waits, unreminded.
  if (!group || group.tenantId !== request.tenantId || !isActive(group)) {
    await store.membershipRequests.advanceDeadline(request.tenantId, request.id, from, { step: from, at: null });
    return null;
  }
  const owners = group.ownerIds.flatMap((id) => {
    const owner = batch.people.get(id);
    return owner && owner.deactivatedAt === null ? [owner] : [];
  });
  const requester = batch.people.get(request.requesterId) ?? null;
  const expiryDays = batch.expiryDays.get(request.tenantId) ?? DEFAULT_REQUEST_EXPIRY_DAYS;
  const deadline = requestDeadline(
    request,
    { targetHours: group.requestDeadlineHours, expiryDays, owners: owners.length },
    now,
  );
  const acted = deadline.due
    ? await STEPS[deadline.due](deps, { request, group, owners, requester, expiryDays, now })
    : false;
  // An expired request is decided: nothing is left to schedule.
  if (deadline.due === 'expire') return acted ? 'expire' : null;
  const moved = await store.membershipRequests.advanceDeadline(request.tenantId, request.id, from, {
    step: deadline.due ?? from,
    at: deadline.nextAt,
  });
  return moved ? deadline.due : null;
}

const STEPS: Readonly<Record<RequestDeadlineStep, (deps: CoreDeps, due: Due) => Promise<boolean>>> = {
  remind: (deps, due) => tellOwners(deps, due, 'remind'),
  co_owners: (deps, due) => tellOwners(deps, due, 'co_owners'),
  managers: tellManagers,
  expire: expire,
};

/** Each active owner, on the group's platform, in their language. */
async function tellOwners(deps: CoreDeps, due: Due, step: 'remind' | 'co_owners'): Promise<boolean> {
  const { request, group } = due;
  const count = daysWaiting(request.requestedAt, due.now);
  const requester = due.requester?.displayName ?? '—';
  const calls = due.owners.flatMap((owner) => {
    const to = identityIn(owner, group);
    if (!to) return [];
    const { locale } = owner;
    const card = textCard(
      locale,
      translate(locale, `request.${step}.title`, { group: group.name, requester }),
      translate(locale, `request.${step}.text`, { group: group.name, requester, count }),
    );
    return [sendTo(to, card, `request:${request.id}:${step}:${owner.id}`)];
  });
  await enqueueAll(deps, group.tenantId, calls);
  return true;
}

/** Each community manager of the tenant, where their cards go, in their language. */
async function tellManagers(deps: CoreDeps, due: Due): Promise<boolean> {
  const { request, group } = due;
  const count = daysWaiting(request.requestedAt, due.now);
  const requester = due.requester?.displayName ?? '—';
  const calls = [];
  for (const manager of await deps.store.people.listWithRole(group.tenantId, 'community_manager')) {
    const to = manager.deactivatedAt === null ? await cardRecipient(deps, manager) : null;
    if (!to) continue;
    const { locale } = manager;
    const owners = formatNames(
      locale,
      due.owners.map((owner) => owner.displayName),
    );
    const card = textCard(
      locale,
      translate(locale, 'request.managers.title', { group: group.name }),
      translate(locale, 'request.managers.text', { group: group.name, requester, count, owners }),
    );
    calls.push(sendTo(to, card, `request:${request.id}:managers:${manager.id}`));
  }
  await enqueueAll(deps, group.tenantId, calls);
  return true;
}

/** Nobody decided in time: the request expires, the requester is told, the owners' cards say so. */
async function expire(deps: CoreDeps, due: Due): Promise<boolean> {
  const { request, group } = due;
  const expired = await deps.store.membershipRequests.decide(request.tenantId, request.id, {
    status: 'expired',
    decidedBy: null,
    decidedAt: due.now,
    reason: null,
  });
  if (!expired.ok) return false;
  await deps.store.audit.append({
    id: newId(),
    tenantId: request.tenantId,
    at: due.now,
    actorId: null,
    action: 'membership_request.expired',
    subjectKind: 'membership_request',
    subjectId: request.id,
    details: { groupId: group.id, days: due.expiryDays },
  });
  const to = due.requester ? identityIn(due.requester, group) : null;
  if (due.requester && to) {
    const card = requestEndedCard(due.requester.locale, expired.value, group.name, due.expiryDays);
    await enqueueCard(deps, group.tenantId, to, card, `request:${request.id}:expired`);
  }
  await showClosedOnOwnersCards(deps, group, expired.value);
  return true;
}

function sendTo(
  to: PlatformIdentity,
  card: Card,
  dedupeKey: string,
): { platform: Platform; call: OutboxOperation; dedupeKey: string } {
  return { platform: to.platform, call: { operation: 'send_card', payload: { to, card } }, dedupeKey };
}
