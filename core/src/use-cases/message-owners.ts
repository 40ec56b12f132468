import { createHash } from 'node:crypto';
import type { Card } from '../cards/card.ts';
import { type Group, isActive } from '../domain/group.ts';
import type { GroupFlag } from '../domain/group-health.ts';
import { isId, newId } from '../domain/ids.ts';
import type { Person } from '../domain/person.ts';
import { utcDay } from '../domain/rollups.ts';
import { ErrorCode, fail, ok, type Result } from '../errors.ts';
import { flagLabel } from '../messages/labels.ts';
import { translate } from '../messages/translate.ts';
import type { DashboardViewer } from './dashboard-access.ts';
import { enqueueAll } from './deliver-outbox.ts';
import type { CoreDeps } from './deps.ts';
import { groupsOverview } from './health/overview.ts';
import { MAX_PAGE_SIZE } from './health/query.ts';
import { cardRecipient } from './weekly-hour/recipient.ts';

/** How many groups a community manager may select for one message. */
export const MAX_MESSAGED_GROUPS = 500;
export const MAX_MESSAGE_NOTE_LENGTH = 1_000;

export interface MessageOwnersRequest {
  readonly groupIds: readonly string[];
  readonly note: string | null;
}

export interface MessageOwnersOutcome {
  /** Owners a message is addressed to (active, reachable in chat). */
  readonly owners: number;
  /** Messages enqueued by this request: 0 when the same was asked already today (a double click). */
  readonly messages: number;
}

/**
 * "Act from the dashboard": a community manager selects groups and their owners are asked to look
 * at them, ONE message per owner (Slack DM or Teams 1:1, through the outbox) listing that owner's
 * selected groups with what is flagged on each, in the owner's language, with the manager's note.
 * The same selection and note from the same manager goes once a UTC day (a double click sends
 * once); it is audited when it sends. A group not found in the tenant fails the whole request.
 */
export async function messageOwners(
  deps: CoreDeps,
  manager: DashboardViewer,
  request: MessageOwnersRequest,
): Promise<Result<MessageOwnersOutcome>> {
  if (manager.role !== 'community_manager')
    return fail(ErrorCode.NotAManager, `${manager.personId} is not a community manager`);
  const ids = [...new Set(request.groupIds)].sort();
  if (ids.length === 0 || ids.length > MAX_MESSAGED_GROUPS)
    return fail(ErrorCode.InvalidInput, `${ids.length} groups`, { field: 'groupIds' });
  const note = request.note?.trim() || null;
  if (note !== null && note.length > MAX_MESSAGE_NOTE_LENGTH)
    return fail(ErrorCode.InvalidInput, 'note too long', { field: 'note' });
  const { store, clock } = deps;
  const groups = ids.every(isId) ? (await store.groups.getMany(manager.tenantId, ids)).filter(isActive) : [];
  if (groups.length !== ids.length)
    return fail(ErrorCode.NotFound, `some of ${ids.length} groups are not active groups of tenant ${manager.tenantId}`);

  const reasons = await flagsOf(deps, manager.tenantId, ids);
  if (!reasons.ok) return reasons;
  const owners = (await store.people.getMany(manager.tenantId, [...new Set(groups.flatMap((g) => g.ownerIds))])).filter(
    (p) => p.deactivatedAt === null,
  );
  const selection = createHash('sha256')
    .update(JSON.stringify([ids, note]))
    .digest('hex')
    .slice(0, 32);
  const day = utcDay(clock.now());
  const calls = [];
  for (const owner of owners) {
    const to = await cardRecipient(deps, owner);
    if (!to) continue;
    const card = messageCard(
      owner,
      manager.displayName,
      groups.filter((g) => g.ownerIds.includes(owner.id)),
      reasons.value,
      note,
    );
    calls.push({
      platform: to.platform,
      call: { operation: 'send_card', payload: { to, card } } as const,
      dedupeKey: `dashboard_message:${manager.personId}:${selection}:${day}:${owner.id}`,
    });
  }
  const created = await enqueueAll(deps, manager.tenantId, calls);
  const messages = created.filter(Boolean).length;
  if (messages > 0) {
    await store.audit.append({
      id: newId(),
      tenantId: manager.tenantId,
      at: clock.now(),
      actorId: manager.personId,
      action: 'dashboard.owners_messaged',
      subjectKind: 'group_selection',
      subjectId: selection,
      details: { groups: ids.length, owners: calls.length, messages, note: note !== null, groupIds: ids.join(',') },
    });
  }
  return ok({ owners: calls.length, messages });
}

/** Each selected group's flags from its latest health (the cross-group table's rows), by group id. */
async function flagsOf(
  deps: CoreDeps,
  tenantId: string,
  groupIds: readonly string[],
): Promise<Result<Map<string, readonly GroupFlag[]>>> {
  const flags = new Map<string, readonly GroupFlag[]>();
  for (let offset = 0; offset < groupIds.length; offset += MAX_PAGE_SIZE) {
    const page = await groupsOverview(deps, tenantId, { sort: 'name', limit: MAX_PAGE_SIZE, offset }, { groupIds });
    if (!page.ok) return page;
    for (const row of page.value.rows) flags.set(row.groupId, row.health?.flags ?? []);
  }
  return ok(flags);
}

function messageCard(
  owner: Person,
  managerName: string,
  groups: readonly Group[],
  flags: ReadonlyMap<string, readonly GroupFlag[]>,
  note: string | null,
): Card {
  const { locale } = owner;
  const text = translate(locale, 'dashboard.message.text', { manager: managerName, count: groups.length });
  const items = groups.map((group) => {
    const raised = flags.get(group.id) ?? [];
    const reasons =
      raised.length > 0
        ? raised.map((flag) => translate(locale, flagLabel(flag))).join(', ')
        : translate(locale, 'dashboard.message.no_flag');
    return { text: translate(locale, 'dashboard.message.group', { group: group.name, reasons }) };
  });
  return {
    locale,
    title: translate(locale, 'dashboard.message.title'),
    summary: text,
    blocks: [
      { kind: 'text', text },
      { kind: 'list', title: translate(locale, 'dashboard.message.groups'), items },
      ...(note
        ? [{ kind: 'text' as const, text: translate(locale, 'dashboard.message.note', { manager: managerName, note }) }]
        : []),
    ],
  };
}
