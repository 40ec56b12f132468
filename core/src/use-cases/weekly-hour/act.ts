import type { WeeklyHourCardRef } from '../../cards/action-value.ts';
import { type Card, textCard } from '../../cards/card.ts';
import { newId } from '../../domain/ids.ts';
import { isoWeekOf } from '../../domain/iso-week.ts';
import type { Person } from '../../domain/person.ts';
import { type WeeklyHourAction, weeklyHourTransition } from '../../domain/weekly-hour.ts';
import { ErrorCode, fail, type Result } from '../../errors.ts';
import { translate } from '../../messages/translate.ts';
import { enqueueCard } from '../deliver-outbox.ts';
import type { CoreDeps } from '../deps.ts';
import { composeWeeklyHourCards } from './compose-cards.ts';
import { cardRecipient } from './recipient.ts';
import { viewWeeklyHour } from './view.ts';

/**
 * Done, snooze, skip or hand over the week. The card is not trusted: the rule is applied to the
 * stored record, and the store lets the change through only if the record has not moved since,
 * so of two clicks (or two people) exactly one acts. Returns the card as it now stands.
 */
export async function actOnWeeklyHour(
  deps: CoreDeps,
  actor: Person,
  ref: WeeklyHourCardRef,
  action: WeeklyHourAction,
): Promise<Result<Card>> {
  const { store, clock } = deps;
  const now = clock.now();
  const [record, owner] = await Promise.all([
    store.weeklyHours.get(actor.tenantId, ref.ownerId, ref.week),
    store.people.get(actor.tenantId, ref.ownerId),
  ]);
  if (!record || !owner) return fail(ErrorCode.NotFound, `weekly hour ${ref.ownerId} ${ref.week}`);
  if (action.kind === 'delegate' && !(await isCoOwner(deps, owner, action.delegateId))) {
    return fail(ErrorCode.InvalidInput, `${action.delegateId} co-owns no group with ${owner.id}`, { detail: '—' });
  }
  const transition = weeklyHourTransition(record, action, actor.id, isoWeekOf(now, owner.timeZone), now);
  if (!transition.ok) return transition;
  const updated = await store.weeklyHours.update(
    actor.tenantId,
    ref.ownerId,
    ref.week,
    transition.value.changes,
    transition.value.from,
  );
  if (!updated) return fail(ErrorCode.AlreadyActed, `weekly hour ${ref.ownerId} ${ref.week} moved on`);
  await store.audit.append({
    id: newId(),
    tenantId: actor.tenantId,
    at: now,
    actorId: actor.id,
    action: `weekly_hour.${action.kind}`,
    subjectKind: 'weekly_hour',
    subjectId: `${ref.ownerId}:${ref.week}`,
    details: {
      ownerId: ref.ownerId,
      week: ref.week,
      status: updated.status,
      // Owner responsiveness: from the card to the first action on it.
      secondsToFirstAction:
        updated.cardSentAt && updated.firstActionAt
          ? Math.round((updated.firstActionAt.getTime() - updated.cardSentAt.getTime()) / 1000)
          : null,
    },
  });

  if (action.kind === 'snooze' && updated.snoozedUntil)
    await store.weeklyHours.scheduleCard(actor.tenantId, ref.ownerId, updated.snoozedUntil);
  if (action.kind === 'delegate') await sendToDelegate(deps, actor.tenantId, updated.delegateId, ref);
  if (action.kind === 'done' && actor.id !== owner.id) await tellOwnerItIsDone(deps, owner, actor, ref);
  return viewWeeklyHour(deps, actor, ref);
}

async function isCoOwner(deps: CoreDeps, owner: Person, personId: string): Promise<boolean> {
  const groups = await deps.store.groups.listOwnedBy(owner.tenantId, owner.id);
  return groups.some((g) => g.ownerIds.includes(personId));
}

/** The co-owner gets the week's card as their own to act on; the owner's card says so. */
export async function sendToDelegate(
  deps: CoreDeps,
  tenantId: string,
  delegateId: string | null,
  ref: WeeklyHourCardRef,
): Promise<void> {
  const { store } = deps;
  const [delegate, tenant, record] = await Promise.all([
    delegateId ? store.people.get(tenantId, delegateId) : null,
    store.tenants.get(tenantId),
    store.weeklyHours.get(tenantId, ref.ownerId, ref.week),
  ]);
  if (!delegate || !tenant || !record) return;
  const to = await cardRecipient(deps, delegate);
  if (!to) return;
  const [card] = await composeWeeklyHourCards(deps, tenant, [{ record, viewerId: delegate.id }]);
  if (card) {
    await enqueueCard(deps, tenantId, to, card, `weekly_hour:${ref.ownerId}:${ref.week}:delegate:${delegate.id}`);
  }
}

/** The owner who handed the week over hears when the co-owner did it. */
async function tellOwnerItIsDone(
  deps: CoreDeps,
  owner: Person,
  delegate: Person,
  ref: WeeklyHourCardRef,
): Promise<void> {
  const to = await cardRecipient(deps, owner);
  if (!to) return;
  const text = translate(owner.locale, 'weekly_hour.notice.delegate_done', { name: delegate.displayName });
  const card = textCard(owner.locale, translate(owner.locale, 'weekly_hour.title'), text);
  await enqueueCard(deps, owner.tenantId, to, card, `weekly_hour:${ref.ownerId}:${ref.week}:delegate_done`);
}
