import type { Card } from '../../core/src/cards/card.ts';
import type { ContributionKind } from '../../core/src/domain/contribution.ts';
import { newId } from '../../core/src/domain/ids.ts';
import { hashSessionId } from '../../core/src/domain/session.ts';
import type { Clock } from '../../core/src/ports/clock.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import type { OutboxMessage } from '../../core/src/ports/store/outbox.ts';
import { type GroupDetail, groupDetail } from '../../core/src/use-cases/health/group-detail.ts';
import { aGroup, anEvent, aPerson, aRequest, aTenant } from './factories.ts';

/** The instant the scenario's figures are read at: its activity is the four weeks before. */
export const PRIVACY_NOW = new Date('2026-03-20T15:00:00Z');
export const privacyClock: Clock = { now: () => PRIVACY_NOW };

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/** A card whose only text is `text`: what an outbox message to a person says. */
export function aTextCard(text: string): Card {
  return { locale: 'en', title: text, blocks: [], summary: text };
}

/** A message to a person's Slack identity, as the core enqueues one. */
export function aCardMessage(
  tenantId: string,
  to: { workspaceId: string; userId: string },
  text: string,
): OutboxMessage {
  return {
    id: newId(),
    tenantId,
    platform: 'slack',
    operation: 'send_card',
    payload: { to: { platform: 'slack', ...to }, card: aTextCard(text) },
    workspaceId: to.workspaceId,
    groupId: null,
    dedupeKey: null,
    status: 'pending',
    attempts: 0,
    createdAt: PRIVACY_NOW,
    notBefore: PRIVACY_NOW,
    lockedUntil: null,
    doneAt: null,
    result: null,
    lastError: null,
  };
}

/**
 * A group whose member Patricia (the person to erase) posts, reacts, asks a question others answer
 * and answers one, with a co-member and an owner; Patricia also asked to join a second group with
 * a note, is granted a role by e-mail, signed in to the dashboard, and is named in an audit entry's
 * details and in two cards to her (one sent, one waiting). Returns what the tests look at.
 */
export async function seedPersonToErase(store: Store) {
  const tenant = aTenant();
  await store.tenants.save(tenant);
  const owner = aPerson(tenant.id, { displayName: 'Olga Owner' });
  const other = aPerson(tenant.id, { displayName: 'Quentin Other' });
  const suffix = newId().slice(0, 8);
  const patricia = aPerson(tenant.id, {
    displayName: `Patricia Zed ${suffix}`,
    email: `patricia.zed.${suffix}@example.com`,
    identities: [
      { platform: 'slack', workspaceId: 'T1', userId: `UPATRICIA${suffix}` },
      { platform: 'teams', workspaceId: 'tenant-1', userId: `aad-patricia-${suffix}` },
    ],
  });
  for (const person of [owner, other, patricia]) await store.people.save(person);
  const group = aGroup(tenant.id, [owner.id]);
  const closed = aGroup(tenant.id, [owner.id], { membershipPolicy: 'approval' });
  await store.groups.save(group);
  await store.groups.save(closed);
  for (const person of [owner, other, patricia])
    await store.memberships.recordJoin(tenant.id, group.id, person.id, noon('2026-02-01'));
  const events: [string, ContributionKind, string, Partial<Parameters<typeof anEvent>[3]>?][] = [
    [patricia.id, 'post', '2026-03-02', { threadId: 'q-patricia', asksQuestion: true }],
    [other.id, 'reply', '2026-03-02', { threadId: 'q-patricia', occurredAt: new Date('2026-03-02T15:00:00Z') }],
    [other.id, 'post', '2026-03-05', { threadId: 'q-other', asksQuestion: true }],
    [patricia.id, 'answer', '2026-03-06', { threadId: 'q-other' }],
    [patricia.id, 'reaction', '2026-03-10'],
    [patricia.id, 'post', '2026-03-18'],
    [patricia.id, 'file', '2026-03-19'],
    [other.id, 'reaction', '2026-03-19'],
    [owner.id, 'post', '2026-03-12'],
  ];
  await store.contributions.record(
    tenant.id,
    events.map(([personId, kind, day, overrides]) =>
      anEvent(tenant.id, group.id, personId, { kind, occurredAt: noon(day), ...overrides }),
    ),
  );
  await store.membershipRequests.create({
    ...aRequest(tenant.id, closed.id, patricia.id),
    note: `Hi, ${patricia.displayName} here, let me in`,
  });
  await store.roleGrants.grant({
    tenantId: tenant.id,
    email: patricia.email!,
    role: 'community_manager',
    source: 'configuration',
    grantedAt: PRIVACY_NOW,
  });
  await store.sessions.create({
    idHash: hashSessionId(`session-${suffix}`),
    tenantId: tenant.id,
    personId: patricia.id,
    createdAt: PRIVACY_NOW,
    idleExpiresAt: new Date(PRIVACY_NOW.getTime() + 3_600_000),
    expiresAt: new Date(PRIVACY_NOW.getTime() + 86_400_000),
  });
  await store.audit.append({
    id: newId(),
    tenantId: tenant.id,
    at: PRIVACY_NOW,
    actorId: null,
    action: 'role.granted',
    subjectKind: 'person',
    subjectId: patricia.id,
    details: { email: patricia.email, name: patricia.displayName, role: 'community_manager' },
  });
  const slack = patricia.identities[0]!;
  const sent = aCardMessage(tenant.id, slack, `Secret weekly words for ${patricia.displayName}`);
  const waiting = aCardMessage(tenant.id, slack, `Waiting words for ${patricia.displayName}`);
  await store.outbox.enqueue(sent);
  await store.outbox.markSent(tenant.id, sent.id, PRIVACY_NOW, {
    platform: 'slack',
    workspaceId: 'T1',
    conversationId: slack.userId,
    messageId: '1.2',
  });
  await store.outbox.enqueue(waiting);
  return {
    tenant,
    owner,
    other,
    patricia,
    group,
    closed,
    sessionHash: hashSessionId(`session-${suffix}`),
    sentId: sent.id,
    waitingId: waiting.id,
  };
}

/**
 * Everything a community manager reads on the group's page over the scenario's month, with the
 * people it names left out: after an erasure the same counts belong to an anonymous id.
 */
export async function groupFigures(store: Store, tenantId: string, groupId: string): Promise<unknown> {
  const detail = await groupDetail({ store, clock: privacyClock }, tenantId, groupId, {
    from: '2026-02-20',
    to: '2026-03-20',
  });
  if (!detail.ok) throw new Error(detail.detail);
  const { group: _group, contributors, questions, ...figures }: GroupDetail = detail.value;
  return {
    ...figures,
    contributors: {
      ...contributors,
      engaged: contributors.engaged.map(({ level, contributions }) => ({ level, contributions })),
      top: contributors.top.map(({ personId: _p, displayName: _n, ...rank }) => rank),
    },
    questions: { ...questions, open: questions.open.map(({ askerId: _a, askerName: _n, ...open }) => open) },
  };
}
