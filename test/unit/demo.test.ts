import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoGroup, type DemoTenant, generateDemoTenant, HISTORY_DAYS } from '../../core/src/demo/index.ts';
import { createRandom } from '../../core/src/demo/random.ts';
import { CONTENT_KINDS, isDueForReview } from '../../core/src/domain/content-item.ts';
import { type ContributionEvent, isContribution } from '../../core/src/domain/contribution.ts';
import { isoWeekOf } from '../../core/src/domain/iso-week.ts';
import { LOCALES } from '../../core/src/domain/locale.ts';

const now = new Date('2026-04-15T09:30:00Z');
const DAY = 86_400_000;
const KINDS = { slack: ['pinned_message', 'bookmark', 'file', 'canvas'], teams: ['tab', 'pinned_message', 'file'] };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let demo: DemoTenant;
beforeAll(() => {
  demo = generateDemoTenant({ now, seed: 7 });
});

const fingerprint = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const ofProfile = (profile: DemoGroup['profile']) => demo.groups.filter((g) => g.profile === profile);
const contributionsOf = (groupId: string, from: number, to = now.getTime()) =>
  demo.events.filter(
    (e) =>
      e.groupId === groupId && isContribution(e.kind) && e.occurredAt.getTime() >= from && e.occurredAt.getTime() <= to,
  );
const person = (id: string) => {
  const found = demo.people.find((p) => p.id === id);
  if (!found) throw new Error(`no person ${id}`);
  return found;
};
const localHour = (event: ContributionEvent) =>
  Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: person(event.personId).timeZone,
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(event.occurredAt),
  );

describe('demo PRNG', () => {
  it('repeats itself for a seed and stream, and differs across streams', () => {
    const draw = (seed: number, stream: string) => Array.from({ length: 5 }, createRandom(seed, stream).next);
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    const random = createRandom(3);
    for (let i = 0; i < 200; i++) expect(random.uuid()).toMatch(UUID_V4);
  });
});

describe('demo tenant generation', () => {
  it('is deterministic: the same seed and now make the same tenant, another seed another', () => {
    const again = generateDemoTenant({ now, seed: 7 });
    expect(fingerprint(again)).toBe(fingerprint(demo));
    const other = generateDemoTenant({ now, seed: 8 });
    expect(other.tenant.id).not.toBe(demo.tenant.id);
    expect(fingerprint(other.events.slice(0, 100))).not.toBe(fingerprint(demo.events.slice(0, 100)));
  }, 30_000); // Two whole tenants are generated: seconds on a busy machine, and timing is not what it checks.

  it('makes every id UUID-v4 shaped and unique', () => {
    const ids = [
      demo.tenant.id,
      ...demo.people.map((p) => p.id),
      ...demo.groups.map((g) => g.group.id),
      ...demo.contentItems.map((c) => c.id),
      ...demo.requests.map((r) => r.request.id),
      ...demo.requests.flatMap((r) => (r.decided ? [r.created.id, r.decided.id] : [r.created.id])),
    ];
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has at least 50 groups, roughly half Slack channels and half Teams teams, with 1–3 owners each', () => {
    expect(demo.groups.length).toBeGreaterThanOrEqual(50);
    const slack = demo.groups.filter((g) => g.group.platformRef.platform === 'slack').length;
    const teams = demo.groups.length - slack;
    expect(Math.abs(slack - teams)).toBeLessThanOrEqual(demo.groups.length / 5);
    for (const { group } of demo.groups) {
      expect(group.ownerIds.length).toBeGreaterThanOrEqual(1);
      expect(group.ownerIds.length).toBeLessThanOrEqual(3);
      expect(new Set(group.ownerIds).size).toBe(group.ownerIds.length);
    }
    expect(demo.groups.some((g) => g.group.ownerIds.length === 1)).toBe(true);
    expect(demo.groups.some((g) => g.group.purpose === null)).toBe(true);
    expect(demo.groups.filter((g) => g.group.purpose !== null).length).toBeGreaterThan(demo.groups.length / 2);
    const refs = demo.groups.map((g) => `${g.group.platformRef.platform}/${g.group.platformRef.id}`);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('has 300 people across several zones and all three locales, some on both platforms', () => {
    expect(demo.people).toHaveLength(300);
    expect(new Set(demo.people.map((p) => p.locale))).toEqual(new Set(LOCALES));
    expect(new Set(demo.people.map((p) => p.timeZone)).size).toBeGreaterThanOrEqual(4);
    // Russian speakers have Cyrillic names; French speakers sit in French-speaking offices.
    for (const p of demo.people.filter((p) => p.locale === 'ru')) expect(p.displayName).toMatch(/^[А-ЯЁа-яё -]+$/);
    for (const p of demo.people.filter((p) => p.locale === 'fr')) {
      expect(['Europe/Paris', 'America/Toronto', 'Europe/London']).toContain(p.timeZone);
    }

    const both = demo.people.filter((p) => new Set(p.identities.map((i) => i.platform)).size === 2);
    expect(both.length).toBeGreaterThan(30);
    const emails = demo.people.map((p) => p.email?.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    const identities = demo.people.flatMap((p) =>
      p.identities.map((i) => `${i.platform}/${i.workspaceId}/${i.userId}`),
    );
    expect(new Set(identities).size).toBe(identities.length);

    const managers = demo.people.filter((p) => p.roles.includes('community_manager'));
    expect(managers.length).toBeGreaterThanOrEqual(2);
    expect(managers.every((m) => m.deactivatedAt === null)).toBe(true);
    const chose = demo.people.filter((p) => p.weeklyHour !== null).length;
    expect(chose).toBeGreaterThan(0);
    expect(chose).toBeLessThan(demo.people.length / 2);
    const deactivated = demo.people.filter((p) => p.deactivatedAt !== null);
    expect(deactivated.length).toBeGreaterThan(0);
    expect(deactivated.length).toBeLessThan(demo.people.length / 10);
    for (const p of deactivated) expect(p.deactivatedAt!.getTime()).toBeLessThan(now.getTime());
  });

  it('has ownerless groups, whose owners all left, and no other group without an active owner', () => {
    const deactivated = (id: string) => person(id).deactivatedAt !== null;
    const ownerless = demo.groups.filter((g) => g.group.ownerIds.every(deactivated));
    expect(ownerless.length).toBeGreaterThanOrEqual(1);
    expect(ownerless).toEqual(ofProfile('ownerless'));
  });

  it('has brand-new groups, created in the last two weeks, whose members joined in a burst', () => {
    const fresh = ofProfile('new');
    expect(fresh.length).toBeGreaterThanOrEqual(1);
    for (const { group } of fresh) {
      expect(now.getTime() - group.createdAt.getTime()).toBeLessThan(14 * DAY);
      const joins = demo.events.filter((e) => e.groupId === group.id && e.kind === 'join');
      const members = demo.memberships.filter((m) => m.groupId === group.id);
      expect(joins).toHaveLength(members.length);
      const early = joins.filter((e) => e.occurredAt.getTime() - group.createdAt.getTime() < 4 * DAY);
      expect(early.length).toBeGreaterThan(joins.length / 2);
    }
  });

  it('has dying groups: busy three months ago, silent in the last two weeks', () => {
    const start = now.getTime() - HISTORY_DAYS * DAY;
    const dying = ofProfile('dying');
    expect(dying.length).toBeGreaterThanOrEqual(1);
    for (const { group } of dying) {
      expect(contributionsOf(group.id, start, start + 30 * DAY).length).toBeGreaterThan(100);
      expect(contributionsOf(group.id, now.getTime() - 14 * DAY)).toHaveLength(0);
      const members = demo.memberships.filter((m) => m.groupId === group.id);
      expect(members.filter((m) => m.leftAt !== null).length).toBeGreaterThan(members.length / 10);
    }
  });

  it('has lively groups: many contributions a day, on working days, in working hours', () => {
    const lively = ofProfile('lively');
    expect(lively.length).toBeGreaterThanOrEqual(1);
    for (const { group } of lively) {
      const recent = contributionsOf(group.id, now.getTime() - 28 * DAY);
      expect(recent.length / 28).toBeGreaterThan(50);
      const weekend = recent.filter((e) => [0, 6].includes(e.occurredAt.getUTCDay())).length;
      expect(weekend / 8).toBeLessThan((recent.length - weekend) / 20 / 3);
      const posts = recent.filter((e) => e.kind === 'post');
      const inOfficeHours = posts.filter((e) => localHour(e) >= 8 && localHour(e) < 19);
      expect(inOfficeHours.length).toBeGreaterThan(posts.length * 0.8);
    }
  });

  it('has 90 days of events ending at now, each valid for the store', () => {
    expect(demo.events.length).toBeGreaterThanOrEqual(100_000);
    expect(demo.events.length).toBeLessThanOrEqual(250_000);
    const groups = new Map(demo.groups.map((g) => [g.group.id, g.group]));
    const start = now.getTime() - HISTORY_DAYS * DAY;
    // Collected rather than asserted one by one: there are over 100,000 events.
    const problems: string[] = [];
    let previous = 0;
    for (const e of demo.events) {
      const at = e.occurredAt.getTime();
      if (at < previous) problems.push(`${e.platformEventId} out of order`);
      previous = at;
      if (at < start || at > now.getTime()) problems.push(`${e.platformEventId} outside the history`);
      if (e.tenantId !== demo.tenant.id) problems.push(`${e.platformEventId} of another tenant`);
      if (e.platform !== groups.get(e.groupId)?.platformRef.platform)
        problems.push(`${e.platformEventId} on the wrong platform`);
      if (e.asksQuestion && e.kind !== 'post') problems.push(`${e.platformEventId}: a ${e.kind} asks a question`);
      if (e.kind === 'post' && e.threadId === null) problems.push(`${e.platformEventId}: a post without its thread`);
    }
    expect(problems).toEqual([]);
    expect(demo.events[0]!.occurredAt.getTime() - start).toBeLessThan(DAY);
    expect(now.getTime() - previous).toBeLessThan(DAY);
    const ids = demo.events.map((e) => `${e.platform}/${e.platformEventId}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const kind of ['post', 'reply', 'reaction', 'file', 'answer', 'join', 'leave']) {
      expect(demo.events.some((e) => e.kind === kind)).toBe(true);
    }
  });

  it('has questions answered by others and questions left unanswered', () => {
    const responders = new Map<string, Set<string>>();
    for (const e of demo.events) {
      if ((e.kind === 'reply' || e.kind === 'answer') && e.threadId) {
        const key = `${e.groupId}/${e.threadId}`;
        responders.set(key, (responders.get(key) ?? new Set()).add(e.personId));
      }
    }
    const questions = demo.events.filter((e) => e.asksQuestion);
    const answered = questions.filter((q) =>
      [...(responders.get(`${q.groupId}/${q.threadId}`) ?? [])].some((id) => id !== q.personId),
    );
    expect(answered.length).toBeGreaterThan(questions.length / 2);
    expect(questions.length - answered.length).toBeGreaterThan(50);
  });

  it('records joins and leaves both as events and as memberships, and only members contribute', () => {
    const start = now.getTime() - HISTORY_DAYS * DAY;
    const key = (groupId: string, personId: string, at: Date) => `${groupId}/${personId}/${at.toISOString()}`;
    const inHistory = (at: Date | null): at is Date => at !== null && at.getTime() >= start;
    const joins = demo.memberships
      .filter((m) => inHistory(m.joinedAt))
      .map((m) => key(m.groupId, m.personId, m.joinedAt));
    const leaves = demo.memberships
      .filter((m) => inHistory(m.leftAt))
      .map((m) => key(m.groupId, m.personId, m.leftAt!));
    const events = (kind: string) =>
      demo.events.filter((e) => e.kind === kind).map((e) => key(e.groupId, e.personId, e.occurredAt));
    expect(new Set(events('join'))).toEqual(new Set(joins));
    expect(new Set(events('leave'))).toEqual(new Set(leaves));
    expect(joins.length).toBeGreaterThan(100);
    expect(leaves.length).toBeGreaterThan(50);

    const memberships = new Map(demo.memberships.map((m) => [`${m.groupId}/${m.personId}`, m]));
    const people = new Map(demo.people.map((p) => [p.id, p]));
    const outsiders = demo.events.filter((e) => {
      if (!isContribution(e.kind)) return false;
      const m = memberships.get(`${e.groupId}/${e.personId}`);
      const at = e.occurredAt.getTime();
      const gone = people.get(e.personId)?.deactivatedAt;
      const member = m !== undefined && at > m.joinedAt.getTime() && (m.leftAt === null || at < m.leftAt.getTime());
      return !member || (gone !== null && gone !== undefined && at >= gone.getTime());
    });
    expect(outsiders).toEqual([]);
    for (const { group } of demo.groups) {
      for (const owner of group.ownerIds) expect(memberships.get(`${group.id}/${owner}`)?.leftAt).toBeNull();
    }
  });

  it('has content of every kind and every age, on the right platform', () => {
    const platformOf = new Map(demo.groups.map((g) => [g.group.id, g.group]));
    for (const kind of CONTENT_KINDS) expect(demo.contentItems.some((c) => c.kind === kind)).toBe(true);
    for (const item of demo.contentItems) {
      const group = platformOf.get(item.groupId)!;
      expect(item.platformRef.platform).toBe(group.platformRef.platform);
      expect(KINDS[group.platformRef.platform]).toContain(item.kind);
      expect(item.lastChangedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    for (const platform of ['slack', 'teams'] as const) {
      const kinds = new Set(demo.contentItems.filter((c) => c.platformRef.platform === platform).map((c) => c.kind));
      expect(kinds.size).toBe(KINDS[platform].length);
    }
    const due = (c: (typeof demo.contentItems)[number]) =>
      isDueForReview(c, platformOf.get(c.groupId)!.reviewIntervalDays, now);
    const active = demo.contentItems.filter((c) => c.state === 'active');
    expect(active.filter((c) => !due(c)).length).toBeGreaterThan(20);
    expect(active.filter(due).length).toBeGreaterThan(20);
    expect(active.filter((c) => now.getTime() - c.lastChangedAt.getTime() > 365 * DAY).length).toBeGreaterThan(5);
    expect(demo.contentItems.filter((c) => c.lastReviewedAt !== null && !due(c)).length).toBeGreaterThan(5);
    expect(demo.contentItems.filter((c) => c.state === 'archived').length).toBeGreaterThan(5);
    expect(demo.contentItems.filter((c) => c.reviewIntervalDays !== null).length).toBeGreaterThan(5);
    const refs = demo.contentItems.map(
      (c) => `${c.platformRef.platform}/${c.platformRef.workspaceId}/${c.platformRef.id}`,
    );
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('has pending requests in approval groups and a few decided by an owner with a reason', () => {
    const groups = new Map(demo.groups.map((g) => [g.group.id, g.group]));
    const pending = demo.requests.filter((r) => r.decision === null);
    expect(pending.length).toBeGreaterThanOrEqual(5);
    expect(new Set(pending.map((r) => r.request.groupId)).size).toBeGreaterThanOrEqual(3);
    for (const { request } of demo.requests) {
      expect(request.status).toBe('pending');
      expect(groups.get(request.groupId)?.membershipPolicy).toBe('approval');
      expect(request.requestedAt.getTime()).toBeLessThan(now.getTime());
    }
    for (const { request } of pending) {
      expect(demo.memberships.some((m) => m.groupId === request.groupId && m.personId === request.requesterId)).toBe(
        false,
      );
    }
    const decided = demo.requests.filter((r) => r.decision !== null);
    expect(new Set(decided.map((r) => r.decision!.status))).toEqual(new Set(['approved', 'denied']));
    for (const { request, decision } of decided) {
      expect(groups.get(request.groupId)?.ownerIds).toContain(decision!.decidedBy);
      expect(decision!.reason).toBeTruthy();
      expect(decision!.decidedAt.getTime()).toBeGreaterThan(request.requestedAt.getTime());
      const joined = demo.memberships.find((m) => m.groupId === request.groupId && m.personId === request.requesterId);
      if (decision!.status === 'approved')
        expect(joined!.joinedAt.getTime()).toBeGreaterThan(decision!.decidedAt.getTime());
      else expect(joined).toBeUndefined();
    }
  });

  it('has weekly-hour history for past weeks: done, skipped with a reason, pending', () => {
    const statuses = new Set(demo.weeklyHours.map((w) => w.status));
    for (const status of ['done', 'skipped', 'pending']) expect(statuses).toContain(status);
    const owners = new Set(demo.groups.flatMap((g) => g.group.ownerIds));
    const seen = new Set<string>();
    for (const record of demo.weeklyHours) {
      const owner = person(record.ownerId);
      expect(owners.has(owner.id)).toBe(true);
      expect(record.week < isoWeekOf(now, owner.timeZone)).toBe(true);
      expect(record.week).toBe(isoWeekOf(record.cardSentAt!, owner.timeZone));
      if (record.status === 'skipped') expect(record.skipReason).toBeTruthy();
      if (record.status === 'done') expect(record.doneAt).not.toBeNull();
      const key = `${record.ownerId}/${record.week}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
});
