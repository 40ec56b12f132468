// The inbox from acknowledgement to contribution: what the edges accept is stored at once, then
// handled item by item, so that one bad event never takes the others with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformIdentity } from '../../core/src/domain/person.ts';
import type { KeyedInboxEvent, PlatformActivity } from '../../core/src/ingest/inbox-events.ts';
import { InboxWriter } from '../../core/src/ingest/inbox-writer.ts';
import { PlatformError, type PlatformProfile } from '../../core/src/ports/chat-platform.ts';
import type { InboxRepository, Store } from '../../core/src/ports/store/index.ts';
import type { ProfileSource } from '../../core/src/use-cases/identify.ts';
import { coreInboxHandlers, DEFAULT_INBOX_POLICY, processInbox } from '../../core/src/use-cases/process-inbox.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, anInstallation, aPerson, aTenant } from '../support/factories.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { WallClock } from '../support/wall-clock.ts';

/** Slack's users.info, as the test wants it to answer for each user id. */
class Profiles implements ProfileSource {
  readonly answers = new Map<string, () => PlatformProfile>();
  async readProfile(identity: PlatformIdentity): Promise<PlatformProfile> {
    const answer = this.answers.get(identity.userId);
    if (!answer) throw new PlatformError('user_not_found', { permanent: true });
    return answer();
  }
}

const person =
  (name: string): (() => PlatformProfile) =>
  () => ({
    displayName: name,
    email: `${name}@example.com`,
    timeZone: 'Europe/Paris',
    locale: 'fr',
    isBot: false,
    deleted: false,
  });

describe('the inbox', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());

  /** A workspace installed for a new tenant, one channel that is a group, and 40 people it knows. */
  async function aWorkspace() {
    const workspaceId = `T${crypto.randomUUID().slice(0, 8)}`;
    const tenant = aTenant();
    await store.tenants.save(tenant);
    await store.installations.save(anInstallation(tenant.id, 'slack', workspaceId, new Date()));
    const people = Array.from({ length: 40 }, (_, i) =>
      aPerson(tenant.id, { identities: [{ platform: 'slack', workspaceId, userId: `U${i}` }] }),
    );
    for (const one of people) await store.people.save(one);
    const group = aGroup(tenant.id, [people[0]!.id], { platformRef: { platform: 'slack', workspaceId, id: 'C1' } });
    await store.groups.save(group);
    const message = (eventId: string, userId: string, overrides: Partial<PlatformActivity> = {}): KeyedInboxEvent => ({
      key: { platform: 'slack', workspaceId, eventId },
      event: {
        kind: 'activity',
        activity: {
          kind: 'post',
          group: { platform: 'slack', workspaceId, id: 'C1' },
          actor: { platform: 'slack', workspaceId, userId },
          occurredAt: new Date('2026-03-02T10:00:00Z'),
          platformEventId: eventId,
          threadId: eventId,
          text: 'Shipped it',
          ...overrides,
        },
      },
    });
    const good = Array.from({ length: 40 }, (_, i) => message(`EvGood${i}`, `U${i}`));
    return { tenant, group, message, good };
  }

  async function postsIn(tenantId: string, groupId: string): Promise<number> {
    const days = await store.contributions.groupDays(tenantId, groupId, { from: '2026-01-01', to: '2026-12-31' });
    return days.reduce((sum, day) => sum + day.posts, 0);
  }

  /** Handles the inbox until nothing is due at the clock's time. */
  async function drain(deps: Parameters<typeof coreInboxHandlers>[0]): Promise<void> {
    const handlers = coreInboxHandlers(deps);
    while ((await processInbox({ ...deps, logger: silentLogger }, handlers)) > 0);
  }

  const emptyInbox = async () => {
    const left = [
      ...(await store.inbox.claimDue(new Date('3000-01-01'), 100_000, 1)),
      ...(await store.inbox.listParked(100_000)),
    ];
    await store.inbox.complete(left);
  };

  it('stores the 40 good events of a batch whatever the one bad event in it, and parks that one with its reason', async () => {
    const cases: [string, (w: Awaited<ReturnType<typeof aWorkspace>>) => KeyedInboxEvent, string][] = [
      ['an unreadable time', (w) => w.message('EvBadTs', 'U1', { occurredAt: new Date('abc') }), 'bad_timestamp'],
      ['a user the platform does not know', (w) => w.message('EvStranger', 'U0STRANGER'), 'user_not_found'],
      [
        'no channel',
        (w) =>
          w.message('EvNoChannel', 'U1', {
            group: { platform: 'slack', workspaceId: w.good[0]!.key.workspaceId, id: '' },
          }),
        'missing_channel',
      ],
    ];
    for (const [, poison, reason] of cases) {
      await emptyInbox();
      const workspace = await aWorkspace();
      const clock = new WallClock('2026-03-02T10:00:01Z');
      const deps = { store, clock, profiles: { slack: new Profiles() }, directories: {} };
      const writer = new InboxWriter(store.inbox, clock);
      const bad = poison(workspace);
      await Promise.all(
        [...workspace.good.slice(0, 20), bad, ...workspace.good.slice(20)].map((event) => writer.accept([event])),
      );

      await drain(deps);
      expect(await postsIn(workspace.tenant.id, workspace.group.id)).toBe(40);
      expect(await store.inbox.listParked(10)).toMatchObject([{ eventId: bad.key.eventId, lastError: reason }]);
      expect(await store.inbox.countByStatus()).toEqual({ pending: 0, parked: 1 });
    }
  });

  it('waits for a platform that throttles or fails, however long, and counts the event once it answers', async () => {
    await emptyInbox();
    const workspace = await aWorkspace();
    const clock = new WallClock('2026-03-02T10:00:01Z');
    const profiles = new Profiles();
    let calls = 0;
    profiles.answers.set('U0NEW', () => {
      calls += 1;
      if (calls <= 12)
        throw new PlatformError(calls % 2 ? 'ratelimited' : 'service_unavailable', {
          permanent: false,
          retryAfterMs: calls % 2 ? 30_000 : null,
        });
      return person('newcomer')();
    });
    const deps = { store, clock, profiles: { slack: profiles }, directories: {} };
    await new InboxWriter(store.inbox, clock).accept([
      workspace.message('EvNew', 'U0NEW'),
      ...workspace.good.slice(0, 3),
    ]);

    // More tries than a failure is allowed (10), spread over an hour: a platform's wait never parks.
    for (let round = 0; round < 13; round++) {
      await drain(deps);
      clock.advance(DEFAULT_INBOX_POLICY.maxDelayMs + 60_000);
    }
    expect(calls).toBe(13);
    expect(await postsIn(workspace.tenant.id, workspace.group.id)).toBe(4);
    expect(await store.inbox.countByStatus()).toEqual({ pending: 0, parked: 0 });
  });

  it('tries an event of a channel that is no group yet again, and parks it once it has failed ten times', async () => {
    await emptyInbox();
    const workspace = await aWorkspace();
    const clock = new WallClock('2026-03-02T10:00:01Z');
    const deps = { store, clock, profiles: { slack: new Profiles() }, directories: {} };
    const stray = workspace.message('EvStray', 'U1', {
      group: { platform: 'slack', workspaceId: workspace.good[0]!.key.workspaceId, id: 'C0NOTAGROUP' },
    });
    await new InboxWriter(store.inbox, clock).accept([stray]);

    for (let round = 1; round < DEFAULT_INBOX_POLICY.maxFailures; round++) {
      await drain(deps);
      expect(await store.inbox.countByStatus()).toEqual({ pending: 1, parked: 0 });
      clock.advance(DEFAULT_INBOX_POLICY.maxDelayMs + 1);
    }
    await drain(deps);
    expect(await store.inbox.listParked(10)).toMatchObject([
      { eventId: 'EvStray', lastError: 'unknown_group', attempts: DEFAULT_INBOX_POLICY.maxFailures },
    ]);
  });

  it('ignores bots: their activity is done with, and they never become people', async () => {
    await emptyInbox();
    const workspace = await aWorkspace();
    const clock = new WallClock('2026-03-02T10:00:01Z');
    const profiles = new Profiles();
    profiles.answers.set('U0BOT', () => ({ ...person('bot')(), isBot: true }));
    const deps = { store, clock, profiles: { slack: profiles }, directories: {} };
    await new InboxWriter(store.inbox, clock).accept([workspace.message('EvBot', 'U0BOT')]);
    await drain(deps);
    expect(await store.inbox.countByStatus()).toEqual({ pending: 0, parked: 0 });
    expect(await postsIn(workspace.tenant.id, workspace.group.id)).toBe(0);
    expect(
      await store.people.findByIdentity(workspace.tenant.id, {
        platform: 'slack',
        workspaceId: workspace.good[0]!.key.workspaceId,
        userId: 'U0BOT',
      }),
    ).toBeNull();
  });
});

describe('the inbox writer', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await openTemporaryEmbeddedStore()));
  afterAll(() => dispose());

  const activity = (eventId: string): KeyedInboxEvent => ({
    key: { platform: 'slack', workspaceId: 'T0WRITER', eventId },
    event: {
      kind: 'activity',
      activity: {
        kind: 'reaction',
        group: { platform: 'slack', workspaceId: 'T0WRITER', id: 'C1' },
        actor: { platform: 'slack', workspaceId: 'T0WRITER', userId: 'U1' },
        occurredAt: new Date('2026-03-02T10:00:00Z'),
        platformEventId: eventId,
        threadId: null,
      },
    },
  });

  /** The store's inbox, counting its writes, and failing those the test says. */
  function counted(inbox: InboxRepository, failing: () => boolean) {
    const writes: number[] = [];
    const repository: InboxRepository = {
      ...inbox,
      claimDue: inbox.claimDue.bind(inbox),
      complete: inbox.complete.bind(inbox),
      listParked: inbox.listParked.bind(inbox),
      countByStatus: inbox.countByStatus.bind(inbox),
      accept: async (items) => {
        writes.push(items.length);
        if (failing()) throw new Error('the database went away');
        return inbox.accept(items);
      },
    };
    return { repository, writes };
  }

  it('stores 200 events that arrive at once in a few writes, each resolved once stored', async () => {
    const { repository, writes } = counted(store.inbox, () => false);
    const writer = new InboxWriter(repository, new WallClock('2026-03-02T10:00:01Z'));
    const ids = Array.from({ length: 200 }, (_, i) => `EvBurst${i}`);
    await Promise.all(ids.map((id) => writer.accept([activity(id)])));
    expect(writes.reduce((sum, n) => sum + n, 0)).toBe(200);
    expect(writes.length).toBeLessThan(10);
    const claimed = await store.inbox.claimDue(new Date('2026-03-02T10:00:02Z'), 1_000, 60_000);
    expect(claimed.map((item) => item.eventId).sort()).toEqual([...ids].sort());
    await store.inbox.complete(claimed);
  });

  it('fails the requests of a write that failed, so that the platform delivers them again, and goes on with the next', async () => {
    let fail = true;
    const { repository } = counted(store.inbox, () => fail);
    const writer = new InboxWriter(repository, new WallClock('2026-03-02T10:00:01Z'));
    const refused = await Promise.allSettled([
      writer.accept([activity('EvLost1')]),
      writer.accept([activity('EvLost2')]),
    ]);
    expect(refused.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await writer.accept([activity('EvLost1')]);
    const claimed = await store.inbox.claimDue(new Date('2026-03-02T10:00:02Z'), 10, 60_000);
    expect(claimed.map((item) => item.eventId)).toEqual(['EvLost1']);
    await store.inbox.complete(claimed);
  });

  it('keeps no message text, only whether the message asked a question', async () => {
    const writer = new InboxWriter(store.inbox, new WallClock('2026-03-02T10:00:01Z'));
    const asking = activity('EvAsk');
    await writer.accept([
      {
        ...asking,
        event: {
          kind: 'activity',
          activity: {
            ...(asking.event as { activity: PlatformActivity }).activity,
            kind: 'post',
            text: 'Where is the secret roadmap?',
          },
        },
      },
    ]);
    const [item] = await store.inbox.claimDue(new Date('2026-03-02T10:00:02Z'), 10, 60_000);
    expect(JSON.stringify(item?.payload)).not.toContain('roadmap');
    expect(item?.payload).toMatchObject({ asksQuestion: true });
    await store.inbox.complete([item!]);
  });
});
