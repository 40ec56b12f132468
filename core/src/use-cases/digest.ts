import type { Card } from '../cards/card.ts';
import { type DigestGroup, type DigestSummary, digestCard } from '../cards/digest-card.ts';
import { groupsCard } from '../cards/groups-card.ts';
import { helpCard } from '../cards/help-card.ts';
import {
  type AttentionGroup,
  DIGEST_SLOT,
  MISSED_WEEKS_THRESHOLD,
  needsAttention,
  rankForDigest,
} from '../domain/digest.ts';
import { type IsoWeek, isoWeekOf } from '../domain/iso-week.ts';
import { isCommunityManager, type Person, type PlatformIdentity } from '../domain/person.ts';
import { cardDueAt } from '../domain/weekly-hour-schedule.ts';
import { enqueue, enqueueAll } from './deliver-outbox.ts';
import type { CoreDeps } from './deps.ts';
import { idleProposals } from './groups/idle-groups.ts';
import { allGroupsOverview, type GroupOverview } from './health/overview.ts';
import { ownersOverview } from './health/owners-overview.ts';
import { MAX_PAGE_SIZE } from './health/query.ts';
import { type IdentifyDeps, identify } from './identify.ts';
import { myGroups } from './my-groups.ts';
import { questionsWaitingLongest } from './questions/waiting-longest.ts';
import { cardRecipient } from './weekly-hour/recipient.ts';

/** Where links to the dashboard point when the deployment names no public URL: the demo's. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

const publicUrlOf = (deps: CoreDeps) => deps.publicUrl ?? DEFAULT_PUBLIC_URL;

/**
 * The groups of the tenant that need a community manager's look, worst first, from the
 * cross-group table (read in a few large batches) and the owners' missed weeks (the owners page's
 * figure, read only as far as owners reach the threshold).
 */
export async function digestSummary(deps: CoreDeps, tenantId: string): Promise<DigestSummary> {
  const missed = await ownersMissingWeeks(deps, tenantId);
  const batches = allGroupsOverview(deps, tenantId, { sort: 'score' });
  if (!batches.ok) throw new Error(`the digest's table request was refused: ${batches.detail}`);
  let totalGroups = 0;
  const groups: AttentionGroup<DigestGroup>[] = [];
  for await (const rows of batches.value) {
    totalGroups += rows.length;
    for (const row of rows)
      groups.push({
        group: { groupId: row.groupId, name: row.name },
        score: row.health?.score ?? null,
        reasons: needsAttention(attentionOf(row, missed)),
      });
  }
  const [waitingQuestions, proposals] = await Promise.all([
    questionsWaitingLongest(deps, tenantId),
    idleProposals(deps, tenantId),
  ]);
  return { totalGroups, groups: rankForDigest(groups, (g) => g.name), waitingQuestions, idleProposals: proposals };
}

function attentionOf(row: GroupOverview, missed: ReadonlyMap<string, number>) {
  const activeOwners = row.owners.filter((o) => !o.deactivated);
  return {
    score: row.health?.score ?? null,
    trend: row.trend,
    flags: row.health?.flags ?? [],
    requestsWaiting: row.health?.requestsWaiting ?? 0,
    questionsWaiting: row.health?.questionsWaiting ?? 0,
    ownerMissedWeeks: Math.max(0, ...activeOwners.map((o) => missed.get(o.personId) ?? 0)),
  };
}

/** Active owners who let MISSED_WEEKS_THRESHOLD weeks or more pass, with their count. */
async function ownersMissingWeeks(deps: CoreDeps, tenantId: string): Promise<Map<string, number>> {
  const missed = new Map<string, number>();
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = await ownersOverview(deps, tenantId, {
      sort: 'missedWeeks',
      order: 'desc',
      limit: MAX_PAGE_SIZE,
      offset,
    });
    if (!page.ok) throw new Error(`the digest's owners request was refused: ${page.detail}`);
    for (const owner of page.value.rows)
      if (!owner.deactivated && owner.missedWeeks >= MISSED_WEEKS_THRESHOLD)
        missed.set(owner.personId, owner.missedWeeks);
    const last = page.value.rows.at(-1);
    if (!last || last.missedWeeks < MISSED_WEEKS_THRESHOLD || offset + MAX_PAGE_SIZE >= page.value.total) return missed;
  }
}

export interface DueDigestsOutcome {
  /** Community managers whose digest was due and not yet sent. */
  readonly due: number;
  /** Digests handed to the outbox. */
  readonly sent: number;
}

/** When the manager's digest of the week they are in (in their own zone) is due. */
function thisWeeksDigest(manager: Person, now: Date): { week: IsoWeek; dueAt: Date } {
  const week = isoWeekOf(now, manager.timeZone);
  return { week, dueAt: cardDueAt(DIGEST_SLOT, manager.timeZone, week) };
}

/**
 * The digest job: each community manager gets the week's digest once, at DIGEST_SLOT in their own
 * zone (or at once, later in the week, when they became a manager after it). The week is claimed
 * per manager under a unique key, the message enqueued under `digest:<person>:<week>`, and the
 * claim marked sent last: a run that dies anywhere, or two at once, send one digest. A manager
 * with nothing to report gets the short "all groups are fine" digest, so that silence never means
 * a digest lost. Per tenant: the managers in one read, their claims in one statement, the summary
 * computed once for all of them.
 */
export async function sendDueDigests(deps: CoreDeps): Promise<DueDigestsOutcome> {
  const { store, clock } = deps;
  let due = 0;
  let sent = 0;
  for (const tenant of await store.tenants.list()) {
    const now = clock.now();
    const managers = (await store.people.listWithRole(tenant.id, 'community_manager')).filter(
      (p) => p.deactivatedAt === null && p.identities.length > 0,
    );
    const ready = managers
      .map((manager) => ({ manager, ...thisWeeksDigest(manager, now) }))
      .filter((m) => m.dueAt <= now);
    let summary: DigestSummary | null = null;
    for (const [week, weekly] of Map.groupBy(ready, (m) => m.week)) {
      const claims = await store.digests.claimMany(
        tenant.id,
        weekly.map((m) => m.manager.id),
        week,
        now,
      );
      const unsent = new Set(claims.filter((c) => c.sentAt === null).map((c) => c.personId));
      const sending = weekly.filter((m) => unsent.has(m.manager.id));
      if (sending.length === 0) continue;
      due += sending.length;
      summary ??= await digestSummary(deps, tenant.id);
      const calls = [];
      for (const { manager } of sending) {
        const to = await cardRecipient(deps, manager);
        if (!to) continue;
        const card = digestCard(manager.locale, summary, publicUrlOf(deps));
        calls.push({
          platform: to.platform,
          call: { operation: 'send_card', payload: { to, card } } as const,
          dedupeKey: `digest:${manager.id}:${week}`,
        });
      }
      sent += (await enqueueAll(deps, tenant.id, calls)).length;
      await store.digests.markSent(
        tenant.id,
        sending.map((m) => m.manager.id),
        week,
        clock.now(),
      );
    }
  }
  return { due, sent };
}

/**
 * What a person's Slack App Home shows, as cards shown one under the other: a community manager's
 * digest first, then (for everyone, as before) their groups and what the bot can do. Null for
 * someone who cannot be known.
 */
export async function homeCards(
  deps: IdentifyDeps,
  identity: PlatformIdentity,
  command: string,
): Promise<{ person: Person; cards: Card[] } | null> {
  const known = await identify(deps, identity);
  if (!known.ok) return null;
  const { person } = known.value;
  const digest = isCommunityManager(person)
    ? [digestCard(person.locale, await digestSummary(deps, person.tenantId), publicUrlOf(deps))]
    : [];
  return {
    person,
    cards: [...digest, groupsCard(person.locale, await myGroups(deps, person)), helpCard(person.locale, command)],
  };
}

/**
 * The App Home opened: its view is published through the outbox, like every call to a platform,
 * once per opening (`eventId`, the platform's id of the event).
 */
export async function publishHome(
  deps: IdentifyDeps,
  identity: PlatformIdentity,
  command: string,
  eventId: string,
): Promise<boolean> {
  const home = await homeCards(deps, identity, command);
  if (!home) return false;
  const call = { operation: 'publish_home', payload: { to: identity, cards: home.cards } } as const;
  await enqueue(
    deps,
    home.person.tenantId,
    identity.platform,
    call,
    `home:${identity.platform}:${identity.workspaceId}:${identity.userId}:${eventId}`,
  );
  return true;
}
