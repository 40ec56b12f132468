import { type Card, textCard } from '../../cards/card.ts';
import { mention } from '../../cards/markup.ts';
import { archiveAction } from '../../domain/content-archive.ts';
import { type ContentItem, isDueForReview } from '../../domain/content-item.ts';
import { type Group, isOwner } from '../../domain/group.ts';
import { newId } from '../../domain/ids.ts';
import type { IsoWeek } from '../../domain/iso-week.ts';
import type { Person } from '../../domain/person.ts';
import { ErrorCode, fail, ok, type Result } from '../../errors.ts';
import { translate } from '../../messages/translate.ts';
import { reviewableItem } from '../content-review.ts';
import { enqueue, enqueueCard } from '../deliver-outbox.ts';
import type { CoreDeps } from '../deps.ts';
import { identityIn } from '../view-membership-request.ts';
import { weekWindow } from './compose-cards.ts';

// The per-group actions of the weekly-hour card. Each checks again that the person owns the group,
// acts once per group and week (outbox dedupe keys), and returns what to tell them, in their words.

/** People mentioned in one post, at most: a welcome or a thank-you is not a roll call. */
const MENTIONS_PER_POST = 10;

async function ownedGroup(deps: CoreDeps, person: Person, groupId: string): Promise<Result<Group>> {
  const group = await deps.store.groups.get(person.tenantId, groupId);
  if (!group) return fail(ErrorCode.NotFound, `group ${groupId}`);
  if (!isOwner(group, person.id))
    return fail(ErrorCode.NotAnOwner, `${person.id} does not own ${group.id}`, { group: group.name });
  return ok(group);
}

/** "@Ann, @Bob" on the group's platform; people without an identity there are left out. */
async function mentions(deps: CoreDeps, group: Group, personIds: readonly string[]): Promise<string | null> {
  const people = await deps.store.people.getMany(group.tenantId, personIds.slice(0, MENTIONS_PER_POST));
  const named = people.flatMap((p) => {
    const identity = identityIn(p, group);
    return identity ? [mention(p.displayName, identity.userId)] : [];
  });
  return named.length > 0 ? named.join(', ') : null;
}

async function postInGroup(deps: CoreDeps, group: Group, card: Card, dedupeKey: string): Promise<boolean> {
  const { created } = await enqueue(
    deps,
    group.tenantId,
    group.platformRef.platform,
    { operation: 'post_in_group', payload: { group: group.platformRef, card } },
    dedupeKey,
  );
  return created;
}

async function groupWeek(deps: CoreDeps, group: Group) {
  const [week] = await deps.store.contributions.groupWeeks(
    group.tenantId,
    [{ groupId: group.id, questionsAskedBefore: deps.clock.now() }],
    weekWindow(deps.clock.now(), MENTIONS_PER_POST),
  );
  return week;
}

function audit(
  deps: CoreDeps,
  person: Person,
  action: string,
  subjectKind: string,
  subjectId: string,
  details: Record<string, string>,
) {
  return deps.store.audit.append({
    id: newId(),
    tenantId: person.tenantId,
    at: deps.clock.now(),
    actorId: person.id,
    action,
    subjectKind,
    subjectId,
    details,
  });
}

/** Posts the group's welcome text in the group, mentioning the week's new members. */
export async function welcomeNewMembers(
  deps: CoreDeps,
  owner: Person,
  groupId: string,
  week: IsoWeek,
): Promise<Result<string>> {
  const group = await ownedGroup(deps, owner, groupId);
  if (!group.ok) return group;
  const names = await mentions(
    deps,
    group.value,
    (await groupWeek(deps, group.value))?.newMembers.items.map((m) => m.personId) ?? [],
  );
  if (!names) return fail(ErrorCode.NotFound, `no new members in ${groupId}`);
  const text = group.value.welcomeText
    ? `${group.value.welcomeText}\n\n${names}`
    : translate(owner.locale, 'welcome.default', { group: group.value.name, names });
  const card = textCard(owner.locale, group.value.name, text);
  if (!(await postInGroup(deps, group.value, card, `welcome:${groupId}:${week}`)))
    return fail(ErrorCode.AlreadyActed, `welcome ${groupId} ${week}`);
  await audit(deps, owner, 'group.welcomed', 'group', groupId, { week });
  return ok(translate(owner.locale, 'weekly_hour.notice.welcomed', { group: group.value.name }));
}

/** Posts a short recognition of the week's top contributors in the group. */
export async function thankTopContributors(
  deps: CoreDeps,
  owner: Person,
  groupId: string,
  week: IsoWeek,
): Promise<Result<string>> {
  const group = await ownedGroup(deps, owner, groupId);
  if (!group.ok) return group;
  const top = (await groupWeek(deps, group.value))?.topContributors.slice(0, 3) ?? [];
  const names = await mentions(
    deps,
    group.value,
    top.map((c) => c.personId),
  );
  if (!names) return fail(ErrorCode.NotFound, `no contributors in ${groupId}`);
  const text = translate(owner.locale, 'thank.post', { group: group.value.name, names });
  const card = textCard(owner.locale, group.value.name, text);
  if (!(await postInGroup(deps, group.value, card, `thank:${groupId}:${week}`)))
    return fail(ErrorCode.AlreadyActed, `thank ${groupId} ${week}`);
  await audit(deps, owner, 'group.thanked', 'group', groupId, { week });
  return ok(translate(owner.locale, 'weekly_hour.notice.thanked', { group: group.value.name }));
}

/** A personal note from the owner to a member gone quiet, in the member's language. */
export async function nudgeMember(
  deps: CoreDeps,
  owner: Person,
  groupId: string,
  memberId: string,
  week: IsoWeek,
): Promise<Result<string>> {
  const group = await ownedGroup(deps, owner, groupId);
  if (!group.ok) return group;
  const [member, membership] = await Promise.all([
    deps.store.people.get(owner.tenantId, memberId),
    deps.store.memberships.get(owner.tenantId, groupId, memberId),
  ]);
  const to = member ? identityIn(member, group.value) : null;
  if (!member || !to || !membership || membership.leftAt !== null)
    return fail(ErrorCode.NotFound, `member ${memberId} of ${groupId}`);
  const text = translate(member.locale, 'nudge.text', { owner: owner.displayName, group: group.value.name });
  const card = textCard(member.locale, translate(member.locale, 'nudge.title', { group: group.value.name }), text);
  const { created } = await enqueueCard(deps, owner.tenantId, to, card, `nudge:${groupId}:${memberId}:${week}`);
  if (!created) return fail(ErrorCode.AlreadyActed, `nudge ${memberId} ${week}`);
  await audit(deps, owner, 'member.nudged', 'person', memberId, { groupId, week });
  return ok(translate(owner.locale, 'weekly_hour.notice.nudged', { name: member.displayName }));
}

async function ownedItem(
  deps: CoreDeps,
  owner: Person,
  itemId: string,
): Promise<Result<{ item: ContentItem; group: Group }>> {
  const item = await deps.store.contentItems.get(owner.tenantId, itemId);
  if (item?.state !== 'active') return fail(ErrorCode.NotFound, `content item ${itemId}`);
  const group = await ownedGroup(deps, owner, item.groupId);
  return group.ok ? ok({ item, group: group.value }) : group;
}

/**
 * Keep: the owner checked the item is still right, so its review clock restarts. An item no longer
 * due was kept already (the same press delivered again, or another card): nothing more happens.
 */
export async function keepContentItem(deps: CoreDeps, owner: Person, itemId: string): Promise<Result<string>> {
  const owned = await reviewableItem(deps, owner, itemId); // its verifier may keep it too, and a flag clears
  if (!owned.ok) return owned;
  const { item, group } = owned.value;
  if (isDueForReview(item, group.reviewIntervalDays, deps.clock.now())) {
    await deps.store.contentItems.markReviewed(owner.tenantId, itemId, deps.clock.now());
    await audit(deps, owner, 'content_item.kept', 'content_item', itemId, { groupId: group.id });
  }
  return ok(translate(owner.locale, 'weekly_hour.notice.kept', { title: item.title }));
}

/**
 * Archive: asks the platform to unpin or remove the item, through the outbox. The item stays in
 * the inventory, active, until the platform confirms (confirmArchive); one the platform cannot
 * archive, or the app may not, is refused (its card does not offer it: this is the card not trusted).
 */
export async function archiveContentItem(deps: CoreDeps, owner: Person, itemId: string): Promise<Result<string>> {
  const owned = await ownedItem(deps, owner, itemId);
  if (!owned.ok) return owned;
  const { item, group } = owned.value;
  const installation = await deps.store.installations.find(item.platformRef.platform, item.platformRef.workspaceId);
  if (!archiveAction(item.kind, item.platformRef.platform, installation?.grantedScopes ?? null)) {
    return fail(ErrorCode.CannotArchive, `${item.platformRef.platform} ${item.kind} ${itemId}`, { title: item.title });
  }
  // One request a day: the same press delivered twice asks once; a failed one can be asked again tomorrow.
  const day = deps.clock.now().toISOString().slice(0, 10);
  const { created } = await enqueue(
    deps,
    owner.tenantId,
    group.platformRef.platform,
    {
      operation: 'archive_content',
      payload: { group: group.platformRef, item: { kind: item.kind, ref: item.platformRef }, itemId },
    },
    `content_item:${itemId}:archive:${day}`,
  );
  if (created)
    await audit(deps, owner, 'content_item.archive_requested', 'content_item', itemId, { groupId: group.id });
  return ok(translate(owner.locale, 'content_sync.notice.archiving', { title: item.title }));
}
