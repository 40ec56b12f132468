import { type Card, textCard } from '../../cards/card.ts';
import { takeOverCard } from '../../cards/take-over-card.ts';
import { shiftDay } from '../../domain/days.ts';
import { type Group, isActive, isOwner } from '../../domain/group.ts';
import { newId } from '../../domain/ids.ts';
import type { Person } from '../../domain/person.ts';
import { utcDay } from '../../domain/rollups.ts';
import {
  type OwnershipOffer,
  pickTakeOverCandidates,
  TAKE_OVER_LOOKBACK_DAYS,
  TAKE_OVER_OFFER_DAYS,
  TAKE_OVER_OFFER_MS,
} from '../../domain/take-over.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import { type MessageParams, translate } from '../../messages/translate.ts';
import { enqueueCard } from '../deliver-outbox.ts';
import type { CoreDeps } from '../deps.ts';
import { identityIn } from '../view-membership-request.ts';
import { cardRecipient } from '../weekly-hour/recipient.ts';
import { activeOwnersOf } from './active-owners.ts';
import { auditGroup } from './audit-group.ts';

/** Expired offers handled per run of the job. */
export const TAKE_OVER_EXPIRY_BATCH = 100;

/**
 * The one ownership check, run wherever owners may have gone: a leave, a deactivation, the daily
 * sync. Each of these active groups left without an active owner is offered to its most active
 * members, unless an offer is open already. Returns how many offers were opened now.
 */
export async function checkOwnership(deps: CoreDeps, tenantId: string, groupIds: readonly string[]): Promise<number> {
  let opened = 0;
  for (const groupId of new Set(groupIds)) {
    const group = await deps.store.groups.get(tenantId, groupId);
    if (!group || !isActive(group) || (await activeOwnersOf(deps, group)).length > 0) continue;
    if (await offerTakeOver(deps, group)) opened += 1;
  }
  return opened;
}

/**
 * Opens the group's offer to its most active current members (never deactivated people, never its
 * former owners; bots are never people) and sends each the card in their language. With nobody to
 * ask, the community managers are told at once and the offer closes. Audited. False when an offer
 * was open already.
 */
async function offerTakeOver(deps: CoreDeps, group: Group): Promise<boolean> {
  const { store, clock } = deps;
  if (await store.ownershipOffers.findOpen(group.tenantId, group.id)) return false;
  const now = clock.now();
  const today = utcDay(now);
  const memberDays = await store.contributions.memberDays(group.tenantId, group.id, {
    from: shiftDay(today, -(TAKE_OVER_LOOKBACK_DAYS - 1)),
    to: today,
  });
  const contributorIds = [...new Set(memberDays.map((d) => d.personId))];
  const [memberships, people] = await Promise.all([
    store.memberships.getMany(group.tenantId, group.id, contributorIds),
    store.people.getMany(group.tenantId, contributorIds),
  ]);
  const current = new Set(memberships.filter((m) => m.leftAt === null).map((m) => m.personId));
  const askable = new Map(
    people.filter((p) => p.deactivatedAt === null && current.has(p.id) && !isOwner(group, p.id)).map((p) => [p.id, p]),
  );
  const picked = pickTakeOverCandidates(memberDays, today, (id) => askable.has(id));
  const offer: OwnershipOffer = {
    tenantId: group.tenantId,
    id: newId(),
    groupId: group.id,
    status: 'open',
    openedAt: now,
    expiresAt: new Date(now.getTime() + (picked.length > 0 ? TAKE_OVER_OFFER_MS : 0)),
    takenBy: null,
    closedAt: null,
    candidates: picked.map(({ personId }) => ({ personId, answer: null, answeredAt: null })),
  };
  const opened = await store.ownershipOffers.open(offer);
  if (!opened.created) return false;
  await auditGroup(deps, group, null, 'group.take_over_offered', {
    offerId: offer.id,
    candidates: picked.map((m) => m.personId).join(','),
  });
  if (picked.length === 0) {
    await closeExpiredOffer(deps, offer);
    return true;
  }
  for (const { personId } of picked) {
    const person = askable.get(personId)!;
    const to = identityIn(person, group) ?? (await cardRecipient(deps, person));
    if (!to) continue;
    const card = takeOverCard({ locale: person.locale, groupName: group.name, offerId: offer.id });
    await enqueueCard(deps, group.tenantId, to, card, `take_over:${offer.id}:${personId}`);
  }
  return true;
}

/**
 * A candidate accepts. The first accept takes the offer (the store lets exactly one through): they
 * become an owner of the group beside any owner still active, and the community managers are
 * told. Anyone later is told who took it. Returns the card as the person should now see it.
 */
export async function acceptTakeOver(deps: CoreDeps, person: Person, offerId: string): Promise<Result<Card>> {
  const { store, clock } = deps;
  const accepted = await store.ownershipOffers.accept(person.tenantId, offerId, person.id, clock.now());
  const group = accepted ? await store.groups.get(person.tenantId, accepted.offer.groupId) : null;
  if (!accepted || !group) return fail(ErrorCode.NotFound, `ownership offer ${offerId}`);
  if (!accepted.taken) return ok(await answeredCard(deps, person, accepted.offer, group));

  const before = group.ownerIds;
  const ownerIds = [...new Set([...(await activeOwnersOf(deps, group)), person.id])];
  await store.groups.save({ ...group, ownerIds });
  await auditGroup(deps, group, person.id, 'group.taken_over', {
    offerId,
    before: before.join(','),
    after: ownerIds.join(','),
  });
  await tellManagers(deps, group, accepted.offer, 'taken', { name: person.displayName });
  return ok(noticeCard(person, 'take_over.accepted', group));
}

/** A candidate declines: recorded and audited while the offer is open; pressing again changes nothing. */
export async function declineTakeOver(deps: CoreDeps, person: Person, offerId: string): Promise<Result<Card>> {
  const { store, clock } = deps;
  const before = await store.ownershipOffers.get(person.tenantId, offerId);
  const again =
    before?.status === 'open' && before.candidates.some((c) => c.personId === person.id && c.answer === 'declined');
  const offer = again ? before : await store.ownershipOffers.decline(person.tenantId, offerId, person.id, clock.now());
  const group = offer ? await store.groups.get(person.tenantId, offer.groupId) : null;
  if (!offer || !group) return fail(ErrorCode.NotFound, `ownership offer ${offerId}`);
  if (offer.status !== 'open') return ok(await answeredCard(deps, person, offer, group));
  if (!again) await auditGroup(deps, group, person.id, 'group.take_over_declined', { offerId });
  return ok(noticeCard(person, 'take_over.declined', group));
}

/**
 * The job: offers nobody accepted in time close, and the community managers are told. The notice
 * goes before the offer closes, with a dedupe key, so that a crash in between tells them once.
 */
export async function closeExpiredTakeOvers(deps: CoreDeps, limit: number = TAKE_OVER_EXPIRY_BATCH): Promise<number> {
  const expired = await deps.store.ownershipOffers.listExpired(deps.clock.now(), limit);
  for (const offer of expired) await closeExpiredOffer(deps, offer);
  return expired.length;
}

async function closeExpiredOffer(deps: CoreDeps, offer: OwnershipOffer): Promise<void> {
  const group = await deps.store.groups.get(offer.tenantId, offer.groupId);
  if (group) {
    const asked = offer.candidates.length;
    await tellManagers(deps, group, offer, asked > 0 ? 'expired' : 'nobody_to_ask', {
      count: asked,
      days: TAKE_OVER_OFFER_DAYS,
    });
  }
  if (group && (await deps.store.ownershipOffers.expire(offer.tenantId, offer.id, deps.clock.now()))) {
    await auditGroup(deps, group, null, 'group.take_over_expired', { offerId: offer.id });
  }
}

/** What someone answering a closed offer sees: that they own it, who took it, or that it closed. */
async function answeredCard(deps: CoreDeps, person: Person, offer: OwnershipOffer, group: Group): Promise<Card> {
  if (offer.status === 'taken' && offer.takenBy === person.id) return noticeCard(person, 'take_over.accepted', group);
  if (offer.status !== 'taken' || !offer.takenBy) return noticeCard(person, 'take_over.closed', group);
  const taker = await deps.store.people.get(offer.tenantId, offer.takenBy);
  return noticeCard(person, 'take_over.already_taken', group, { name: taker?.displayName ?? '—' });
}

function noticeCard(
  person: Person,
  key: 'take_over.accepted' | 'take_over.declined' | 'take_over.closed' | 'take_over.already_taken',
  group: Group,
  params: MessageParams = {},
): Card {
  const text = translate(person.locale, key, { ...params, group: group.name });
  return textCard(person.locale, translate(person.locale, 'take_over.card.title', { group: group.name }), text);
}

/** Each community manager of the tenant, in their language, once per offer and outcome. */
async function tellManagers(
  deps: CoreDeps,
  group: Group,
  offer: OwnershipOffer,
  outcome: 'taken' | 'expired' | 'nobody_to_ask',
  params: MessageParams,
): Promise<void> {
  for (const manager of await deps.store.people.listWithRole(group.tenantId, 'community_manager')) {
    const to = await cardRecipient(deps, manager);
    if (!to) continue;
    const text = translate(manager.locale, `take_over.managers.${outcome}`, { ...params, group: group.name });
    const card = textCard(
      manager.locale,
      translate(manager.locale, 'take_over.managers.title', { group: group.name }),
      text,
    );
    await enqueueCard(deps, group.tenantId, to, card, `take_over:${offer.id}:${outcome}:${manager.id}`);
  }
}
