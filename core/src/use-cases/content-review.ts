import { textCard } from '../cards/card.ts';
import { link } from '../cards/markup.ts';
import type { ContentItem } from '../domain/content-item.ts';
import {
  MAX_FLAG_NOTE_LENGTH,
  mayReview,
  parseReviewInterval,
  reviewingOwner,
  updateRecipientId,
} from '../domain/content-review.ts';
import { type Group, isOwner } from '../domain/group.ts';
import { newId } from '../domain/ids.ts';
import type { IsoWeek } from '../domain/iso-week.ts';
import type { Locale } from '../domain/locale.ts';
import { isCurrentMember } from '../domain/membership.ts';
import type { Person, PlatformIdentity } from '../domain/person.ts';
import type { PlatformRef } from '../domain/platform.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import { translate } from '../messages/translate.ts';
import { enqueueCard } from './deliver-outbox.ts';
import type { CoreDeps } from './deps.ts';
import { MAX_REVIEW_INTERVAL_DAYS } from './settings.ts';
import { identityIn } from './view-membership-request.ts';

// Content review beyond Keep and Archive: an item's own interval, its verifier, a member's
// "outdated" flag (Guru's "unverify"), and asking the item's author to update it. Each checks
// again who may, and answers in the person's words.

/** How a person names an item in a command or a shortcut: the message it is, or links to it. */
export interface ContentItemWhere {
  readonly refs: readonly PlatformRef[];
  readonly links: readonly string[];
}

/** Who is named verifier: a mention on the platform, or an e-mail address. */
export type VerifierNamed = { readonly identity: PlatformIdentity } | { readonly email: string };

const invalid = (detail: string) => fail(ErrorCode.InvalidInput, detail, { detail });

/** "Team handbook", or "a pinned message" for an item with no title of its own. */
export function itemName(locale: Locale, item: ContentItem): string {
  return item.title.trim() || translate(locale, `content_review.kind.${item.kind}`);
}

function audit(
  deps: CoreDeps,
  person: Person,
  action: string,
  item: ContentItem,
  details: Record<string, string> = {},
) {
  return deps.store.audit.append({
    id: newId(),
    tenantId: person.tenantId,
    at: deps.clock.now(),
    actorId: person.id,
    action,
    subjectKind: 'content_item',
    subjectId: item.id,
    details: { groupId: item.groupId, ...details },
  });
}

/** The active item and its group, when this person may review it: an owner, or its verifier. */
export async function reviewableItem(
  deps: CoreDeps,
  person: Person,
  itemId: string,
): Promise<Result<{ item: ContentItem; group: Group }>> {
  const item = await deps.store.contentItems.get(person.tenantId, itemId);
  const group = item && item.state === 'active' ? await deps.store.groups.get(person.tenantId, item.groupId) : null;
  if (!item || !group) return fail(ErrorCode.NotFound, `content item ${itemId}`);
  if (!mayReview(item, group, person.id))
    return fail(ErrorCode.NotAnOwner, `${person.id} may not review ${itemId}`, { group: group.name });
  return ok({ item, group });
}

/** The items named, among the groups where the person is a member or an owner. */
async function itemsNamed(
  deps: CoreDeps,
  person: Person,
  where: ContentItemWhere,
): Promise<Result<{ item: ContentItem; group: Group }[]>> {
  const found = await deps.store.contentItems.findActive(person.tenantId, where);
  if (found.length === 0) return invalid(translate(person.locale, 'content_review.error.unknown_item'));
  const groupIds = [...new Set(found.map((i) => i.groupId))];
  const [groups, memberships] = await Promise.all([
    deps.store.groups.getMany(person.tenantId, groupIds),
    Promise.all(groupIds.map((id) => deps.store.memberships.get(person.tenantId, id, person.id))),
  ]);
  const inGroup = new Set(memberships.filter((m) => isCurrentMember(m)).map((m) => m!.groupId));
  const allowed = found.flatMap((item) => {
    const group = groups.find((g) => g.id === item.groupId);
    return group && (inGroup.has(group.id) || isOwner(group, person.id)) ? [{ item, group }] : [];
  });
  if (allowed.length > 0) return ok(allowed);
  const group = groups[0]?.name ?? '—';
  return invalid(translate(person.locale, 'content_review.error.not_a_member', { group }));
}

/**
 * A member says an item is outdated: it is due at once, and its verifier's next weekly card says
 * who flagged it. A verifier who owns nothing there gets no weekly card, so they are told now.
 */
export async function flagContentItem(
  deps: CoreDeps,
  person: Person,
  where: ContentItemWhere,
  note: string | null,
): Promise<Result<string>> {
  const trimmed = note?.trim() ? note.trim().slice(0, MAX_FLAG_NOTE_LENGTH) : null;
  const named = await itemsNamed(deps, person, where);
  if (!named.ok) return named;
  const at = deps.clock.now();
  const told: string[] = [];
  for (const { item, group } of named.value) {
    const flagged = await deps.store.contentItems.flag(person.tenantId, item.id, {
      byId: person.id,
      at,
      note: trimmed,
    });
    if (!flagged) continue;
    await audit(deps, person, 'content_item.flagged', item, trimmed ? { note: trimmed } : {});
    await tellOutsideVerifier(deps, person, flagged, group);
    told.push(
      translate(person.locale, 'content_review.notice.flagged', {
        title: itemName(person.locale, item),
        group: group.name,
      }),
    );
  }
  return told.length > 0 ? ok(told.join('\n')) : fail(ErrorCode.NotFound, 'content items archived meanwhile');
}

async function tellOutsideVerifier(deps: CoreDeps, flagger: Person, item: ContentItem, group: Group): Promise<void> {
  if (!item.verifierId || reviewingOwner(item, group) !== null) return;
  const verifier = await deps.store.people.get(item.tenantId, item.verifierId);
  const to =
    verifier && verifier.deactivatedAt === null ? (identityIn(verifier, group) ?? verifier.identities[0]) : undefined;
  if (!verifier || !to) return;
  const title = itemName(verifier.locale, item);
  const text = translate(verifier.locale, 'content_review.flag_dm.text', {
    name: flagger.displayName,
    title: item.link ? link(title, item.link) : title,
    group: group.name,
  });
  const card = textCard(
    verifier.locale,
    translate(verifier.locale, 'content_review.flag_dm.title', { group: group.name }),
    text,
  );
  await enqueueCard(deps, item.tenantId, to, card, `content_item:${item.id}:flagged:${item.flag?.at.toISOString()}`);
}

/** The item's own review interval, typed by an owner or its verifier: "30" days. */
export async function setContentReviewInterval(
  deps: CoreDeps,
  person: Person,
  itemId: string,
  text: string,
): Promise<Result<string>> {
  const reviewable = await reviewableItem(deps, person, itemId);
  if (!reviewable.ok) return reviewable;
  const days = parseReviewInterval(text, MAX_REVIEW_INTERVAL_DAYS);
  if (days === null)
    return invalid(translate(person.locale, 'content_review.error.bad_interval', { max: MAX_REVIEW_INTERVAL_DAYS }));
  const { item } = reviewable.value;
  if (item.reviewIntervalDays !== days) {
    await deps.store.contentItems.setReviewInterval(person.tenantId, item.id, days);
    await audit(deps, person, 'content_item.interval_set', item, { days: String(days) });
  }
  return ok(
    translate(person.locale, 'content_review.notice.interval', { title: itemName(person.locale, item), count: days }),
  );
}

/** `/steward review <link> <days>`: the same, for an item named by its link. */
export async function setContentReviewIntervalAt(
  deps: CoreDeps,
  person: Person,
  where: ContentItemWhere,
  text: string,
): Promise<Result<string>> {
  const found = await deps.store.contentItems.findActive(person.tenantId, where);
  if (found.length === 0) return invalid(translate(person.locale, 'content_review.error.unknown_item'));
  const results = await Promise.all(found.map((item) => setContentReviewInterval(deps, person, item.id, text)));
  return results.find((r) => r.ok) ?? results[0]!;
}

/** An owner names the member who checks an item; naming an owner routes it to their card alone. */
export async function setContentVerifier(
  deps: CoreDeps,
  owner: Person,
  where: ContentItemWhere,
  named: VerifierNamed,
): Promise<Result<string>> {
  const found = await deps.store.contentItems.findActive(owner.tenantId, where);
  if (found.length === 0) return invalid(translate(owner.locale, 'content_review.error.unknown_item'));
  const verifier =
    'identity' in named
      ? await deps.store.people.findByIdentity(owner.tenantId, named.identity)
      : await deps.store.people.findByEmail(owner.tenantId, named.email);
  if (!verifier || verifier.deactivatedAt !== null)
    return invalid(translate(owner.locale, 'content_review.error.unknown_person'));
  const told: string[] = [];
  for (const item of found) {
    const group = await deps.store.groups.get(owner.tenantId, item.groupId);
    if (!group) continue;
    if (!isOwner(group, owner.id))
      return fail(ErrorCode.NotAnOwner, `${owner.id} does not own ${group.id}`, { group: group.name });
    const membership = await deps.store.memberships.get(owner.tenantId, group.id, verifier.id);
    if (!isOwner(group, verifier.id) && !isCurrentMember(membership)) {
      return invalid(
        translate(owner.locale, 'content_review.error.verifier_not_member', {
          name: verifier.displayName,
          group: group.name,
        }),
      );
    }
    await deps.store.contentItems.setVerifier(owner.tenantId, item.id, verifier.id);
    await audit(deps, owner, 'content_item.verifier_set', item, { verifierId: verifier.id });
    told.push(
      translate(owner.locale, 'content_review.notice.verifier', {
        name: verifier.displayName,
        title: itemName(owner.locale, item),
      }),
    );
  }
  return ok(told.join('\n'));
}

/**
 * Update: the item's author (or else its verifier, or else the owner who asks) gets a message
 * asking them to update it, with its link: once per item and week, however often it is pressed.
 */
export async function askToUpdateContentItem(
  deps: CoreDeps,
  person: Person,
  itemId: string,
  week: IsoWeek,
): Promise<Result<string>> {
  const reviewable = await reviewableItem(deps, person, itemId);
  if (!reviewable.ok) return reviewable;
  const { item, group } = reviewable.value;
  const recipientId = updateRecipientId(item, person.id);
  const recipient = recipientId === person.id ? person : await deps.store.people.get(person.tenantId, recipientId);
  const to =
    recipient && recipient.deactivatedAt === null
      ? (identityIn(recipient, group) ?? recipient.identities[0])
      : undefined;
  if (!recipient || !to) return fail(ErrorCode.NotFound, `nobody to ask about ${item.id}`);
  const title = itemName(recipient.locale, item);
  const text = translate(recipient.locale, 'content_review.update.text', {
    name: person.displayName,
    title: item.link ? link(title, item.link) : title,
    group: group.name,
  });
  const card = textCard(recipient.locale, translate(recipient.locale, 'content_review.update.title', { title }), text);
  const { created } = await enqueueCard(deps, person.tenantId, to, card, `content_item:${item.id}:update:${week}`);
  if (!created) return fail(ErrorCode.AlreadyActed, `update ${item.id} ${week}`);
  await audit(deps, person, 'content_item.update_asked', item, { recipientId: recipient.id, week });
  return ok(
    translate(person.locale, 'content_review.notice.update_asked', {
      name: recipient.displayName,
      title: itemName(person.locale, item),
    }),
  );
}
