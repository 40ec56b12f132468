// A real content inventory and Archive for real (issue 11, item 2), end to end through the real
// Slack and Teams clients over HTTP against the fakes, on a controlled clock: the sync finds pins,
// bookmarks, files and canvases (Slack: a channel canvas once, however Slack tells of it) and tabs
// and files (Teams); Archive removes a pin, a
// bookmark and a tab on the platform and only then marks them archived; a removal the platform
// refuses leaves the item active; a file is never offered Archive. On PostgreSQL when
// TEST_DATABASE_URL is set, else on embedded PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../apps/slack/src/scopes.ts';
import { SlackPlatform } from '../../apps/slack/src/web/slack-platform.ts';
import { TeamsPlatform } from '../../apps/teams/src/web/teams-platform.ts';
import type { Card } from '../../core/src/cards/card.ts';
import type { ContentItem } from '../../core/src/domain/content-item.ts';
import type { Group } from '../../core/src/domain/group.ts';
import { isoWeekOf } from '../../core/src/domain/iso-week.ts';
import type { Person } from '../../core/src/domain/person.ts';
import type { Platform } from '../../core/src/domain/platform.ts';
import { newWeeklyHourRecord } from '../../core/src/domain/weekly-hour.ts';
import type { ChatPlatform } from '../../core/src/ports/chat-platform.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { performCardAction } from '../../core/src/use-cases/card-actions.ts';
import { type ContentSyncDeps, syncContent } from '../../core/src/use-cases/content/sync-content.ts';
import { deliverOutbox } from '../../core/src/use-cases/deliver-outbox.ts';
import { recordContentChange } from '../../core/src/use-cases/record-content-change.ts';
import { composeWeeklyHourCards } from '../../core/src/use-cases/weekly-hour/compose-cards.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_APP, FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { openTemporaryPostgresStore } from '../support/temporary-postgres.ts';
import { WallClock } from '../support/wall-clock.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];
const WORKSPACE = { id: 'T0CONTENT', token: 'xoxb-content' };
const GENERAL = '19:general-content@thread.tacv2';
const DAY_MS = 86_400_000;
// Pins and bookmarks made on 1 March 2026; the clock starts a week later and moves past the 90-day interval.
const MADE = new Date('2026-03-01T10:00:00Z');
const LATER = new Date('2026-03-02T10:00:00Z');

/** Every action on the card whose value names this item. */
/** Offered on every due item besides Keep and Archive (content-review-actions.ts). */
const REVIEW_ACTIONS = ['content_item.update', 'content_item.set_interval'];

function actionsOn(card: Card, itemId: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const { id, value } = node as { id?: unknown; value?: unknown };
      if (typeof id === 'string' && typeof value === 'string' && value.startsWith(`${itemId}|`)) found.push(id);
      Object.values(node).forEach(walk);
    }
  };
  walk(card.blocks);
  return found;
}

describe(`Content is synced from the platforms and archived for real (${serverUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const slackFake = new FakeSlack({ workspaces: [{ ...WORKSPACE, scopes: SLACK_BOT_SCOPES }] });
  const teamsFake = new FakeTeams();
  const clock = new WallClock('2026-03-08T09:00:00Z');
  let store: Store;
  let dispose: () => Promise<void>;
  let platforms: Record<Platform, ChatPlatform>;
  const deps = (): ContentSyncDeps => ({ store, clock, contentSources: platforms });
  const deliver = () => deliverOutbox(deps(), platforms, silentLogger, undefined);

  beforeAll(async () => {
    await Promise.all([slackFake.start(), teamsFake.start()]);
    ({ store, dispose } = serverUrl ? await openTemporaryPostgresStore(serverUrl) : await openTemporaryEmbeddedStore());
    platforms = {
      slack: new SlackPlatform({
        tokenFor: async (workspaceId) => (workspaceId === WORKSPACE.id ? WORKSPACE.token : null),
        apiUrl: slackFake.url,
        render: () => ({ text: '', blocks: [] }),
      }),
      teams: new TeamsPlatform({
        appId: FAKE_APP.id,
        appPassword: FAKE_APP.secret,
        tokenUrl: teamsFake.tokenUrl,
        graphUrl: teamsFake.graphUrl,
        conversations: store.conversations,
        serviceUrlFor: async () => teamsFake.serviceUrl(),
        render: () => ({}),
      }),
    };
  }, 60_000);
  afterAll(async () => {
    await dispose();
    await Promise.all([slackFake.stop(), teamsFake.stop()]);
  });

  /** A tenant installed on the platform: one tenant per workspace, as installations are. */
  async function anInstalledTenant(platform: Platform, workspaceId: string, grantedScopes?: readonly string[]) {
    const tenant = aTenant();
    await store.tenants.save(tenant);
    await store.installations.save({
      platform,
      workspaceId,
      tenantId: tenant.id,
      enterpriseInstall: false,
      installedAt: MADE,
      secrets: {},
      revokedAt: null,
      ...(grantedScopes ? { grantedScopes } : {}),
    });
    return tenant.id;
  }

  /** A group and its own owner, whose weekly card holds it alone. */
  async function aGroupOn(
    tenantId: string,
    platform: Platform,
    workspaceId: string,
    id: string,
  ): Promise<{ group: Group; owner: Person }> {
    const owner = aPerson(tenantId, { timeZone: 'Europe/London' });
    await store.people.save(owner);
    const group = aGroup(tenantId, [owner.id], { platformRef: { platform, workspaceId, id } });
    await store.groups.save(group);
    return { group, owner };
  }

  /** The owner's weekly card for this week, as composed from the store. */
  async function weeklyCard(tenantId: string, owner: Person): Promise<Card> {
    const week = isoWeekOf(clock.now(), 'Europe/London');
    const [card] = await composeWeeklyHourCards(deps(), (await store.tenants.get(tenantId))!, [
      { record: newWeeklyHourRecord(tenantId, owner.id, week, clock.now()), viewerId: owner.id },
    ]);
    return card!;
  }

  const byTitle = (items: readonly ContentItem[]) => Object.fromEntries(items.map((item) => [item.title, item]));
  const archive = (owner: Person, item: ContentItem) =>
    performCardAction(deps(), owner, { id: 'content_item.archive', value: item.id });
  let channels = 0;

  describe('on Slack', () => {
    let tenantId: string;

    beforeAll(async () => {
      slackFake.addUser({ id: slackFake.botUserId, realName: 'Group Steward', isBot: true });
      slackFake.addUser({ id: 'U0ALICE', realName: 'Alice Martin' });
      tenantId = await anInstalledTenant('slack', WORKSPACE.id, SLACK_BOT_SCOPES);
    });

    /** A channel of its own with two pins, a bookmark, a file and a canvas, registered as a group and synced. */
    async function aSyncedChannel(): Promise<{ channel: string; owner: Person; items: Record<string, ContentItem> }> {
      clock.set('2026-03-08T09:00:00Z');
      channels += 1;
      const channel = `C0CONTENT${channels}`;
      slackFake.addChannel({ id: channel, members: ['U0ALICE'], botIsMember: true });
      slackFake.addPin(channel, { ts: '1772359200.000100', text: 'Read me first', user: 'U0ALICE', pinnedAt: MADE });
      slackFake.addPin(channel, { ts: '1772359300.000200', text: 'Office hours', user: 'U0ALICE', pinnedAt: MADE });
      slackFake.addBookmark(channel, {
        id: `Bk0${channel}`,
        title: 'Handbook',
        link: 'https://example.com/handbook',
        createdAt: MADE,
      });
      slackFake.addFile(channel, { id: `F0MINUTES${channel}`, title: 'Minutes', filetype: 'pdf', createdAt: LATER });
      slackFake.addFile(channel, { id: `F0PLAN${channel}`, title: 'Plan', filetype: 'quip', createdAt: LATER });
      const { group, owner } = await aGroupOn(tenantId, 'slack', WORKSPACE.id, channel);
      await syncContent(deps());
      return { channel, owner, items: byTitle(await store.contentItems.listByGroup(tenantId, group.id, 'active')) };
    }

    it('finds pins, bookmarks, files and canvases; a pin that came by event keeps its one key; what is gone is archived', async () => {
      clock.set('2026-03-08T09:00:00Z');
      channels += 1;
      const channel = `C0CONTENT${channels}`;
      slackFake.addChannel({ id: channel, members: ['U0ALICE'], botIsMember: true });
      slackFake.addPin(channel, { ts: '1772359200.000100', text: 'Read me first', user: 'U0ALICE', pinnedAt: MADE });
      slackFake.addBookmark(channel, {
        id: 'Bk0HANDBOOK',
        title: 'Handbook',
        link: 'https://example.com/handbook',
        createdAt: MADE,
      });
      slackFake.addFile(channel, { id: 'F0MINUTES', title: 'Minutes', filetype: 'pdf', createdAt: MADE });
      slackFake.addFile(channel, { id: 'F0PLAN', title: 'Plan', filetype: 'quip', createdAt: MADE });
      const { group } = await aGroupOn(tenantId, 'slack', WORKSPACE.id, channel);
      // pin_added came first (apps/slack listeners: the event's channel and message ts), and a bookmark since removed.
      const ref = (id: string) => ({ platform: 'slack' as const, workspaceId: WORKSPACE.id, id });
      const change = { group: group.platformRef, link: null, changedAt: MADE, state: 'active' as const };
      await recordContentChange(deps(), {
        ...change,
        kind: 'pinned_message',
        ref: ref(`${channel}/1772359200.000100`),
        title: '',
      });
      const byEvent = (await store.contentItems.listByGroup(tenantId, group.id))[0]!;
      await recordContentChange(deps(), { ...change, kind: 'bookmark', ref: ref('Bk0GONE'), title: 'Old link' });

      await syncContent(deps());
      const items = await store.contentItems.listByGroup(tenantId, group.id);
      expect(items.map((i) => [i.kind, i.title, i.state]).sort()).toEqual(
        [
          ['bookmark', 'Handbook', 'active'],
          ['bookmark', 'Old link', 'archived'],
          ['canvas', 'Plan', 'active'],
          ['file', 'Minutes', 'active'],
          ['pinned_message', 'Read me first', 'active'],
        ].sort(),
      );
      expect(byTitle(items)['Read me first']?.id).toBe(byEvent.id);
      expect(await store.contentSyncs.get(tenantId, group.id)).toMatchObject({
        lastSyncedAt: clock.now(),
        dueAt: new Date(clock.now().getTime() + DAY_MS),
      });

      // Due again tomorrow; then nothing has changed on Slack and nothing is written.
      clock.advance(DAY_MS);
      await syncContent(deps());
      expect((await store.contentSyncs.get(tenantId, group.id))?.lastSyncedAt).toEqual(clock.now());
      expect(await store.contentItems.listByGroup(tenantId, group.id)).toEqual(items);
    });

    it('lists a channel canvas once, whether files.list brings it or only conversations.info tells of it (property or tab)', async () => {
      clock.set('2026-03-08T09:00:00Z');
      const canvas = (id: string, sharedInChannel: boolean) => ({
        id,
        title: `Canvas ${id}`,
        filetype: 'quip',
        createdAt: MADE,
        updatedAt: LATER,
        sharedInChannel,
      });
      const seeds = [
        // Listed by files.list too: one item, and no files.info.
        {
          id: 'C0CANVASBOTH',
          canvas: { fileId: 'F0CANVASBOTH', as: 'property' as const },
          file: canvas('F0CANVASBOTH', true),
        },
        // Only as a tab of the channel, as newer channels show it: read by files.info.
        {
          id: 'C0CANVASTAB',
          canvas: { fileId: 'F0CANVASTAB', as: 'tab' as const },
          file: canvas('F0CANVASTAB', false),
        },
        // An empty channel canvas holds nothing to review.
        {
          id: 'C0CANVASEMPTY',
          canvas: { fileId: 'F0CANVASEMPTY', as: 'property' as const, isEmpty: true },
          file: canvas('F0CANVASEMPTY', false),
        },
        // Deleted since: files.info answers file_not_found, and the rest of the channel still syncs.
        { id: 'C0CANVASGONE', canvas: { fileId: 'F0CANVASGONE', as: 'property' as const }, file: null },
      ];
      const groups: Record<string, Group> = {};
      for (const seed of seeds) {
        slackFake.addChannel({
          id: seed.id,
          members: ['U0ALICE'],
          botIsMember: true,
          canvas: seed.canvas,
          files: seed.file ? [seed.file] : [],
        });
        slackFake.addBookmark(seed.id, {
          id: `Bk0${seed.id}`,
          title: 'Handbook',
          link: 'https://example.com/handbook',
          createdAt: MADE,
        });
        groups[seed.id] = (await aGroupOn(tenantId, 'slack', WORKSPACE.id, seed.id)).group;
      }
      const infoCalls = slackFake.callsTo('files.info').length;
      await syncContent(deps());
      const listed = async (channel: string) =>
        (await store.contentItems.listByGroup(tenantId, groups[channel]!.id))
          .map((i) => [i.kind, i.platformRef.id, i.title, i.lastChangedAt.toISOString()])
          .sort();
      expect(await listed('C0CANVASBOTH')).toEqual([
        ['bookmark', 'Bk0C0CANVASBOTH', 'Handbook', MADE.toISOString()],
        ['canvas', 'F0CANVASBOTH', 'Canvas F0CANVASBOTH', LATER.toISOString()],
      ]);
      expect(await listed('C0CANVASTAB')).toEqual([
        ['bookmark', 'Bk0C0CANVASTAB', 'Handbook', MADE.toISOString()],
        ['canvas', 'F0CANVASTAB', 'Canvas F0CANVASTAB', LATER.toISOString()],
      ]);
      expect(await listed('C0CANVASEMPTY')).toEqual([['bookmark', 'Bk0C0CANVASEMPTY', 'Handbook', MADE.toISOString()]]);
      expect(await listed('C0CANVASGONE')).toEqual([['bookmark', 'Bk0C0CANVASGONE', 'Handbook', MADE.toISOString()]]);
      expect(
        slackFake
          .callsTo('files.info')
          .slice(infoCalls)
          .map((call) => call.params['file'])
          .sort(),
      ).toEqual(['F0CANVASGONE', 'F0CANVASTAB']);
    });

    it('offers Archive on pins and bookmarks, never on a file or a canvas', async () => {
      const { owner, items } = await aSyncedChannel();
      clock.set('2026-06-15T09:00:00Z');
      const card = await weeklyCard(tenantId, owner);
      // The card shows three items a section: the oldest changes, the pins and the bookmark.
      expect(actionsOn(card, items['Read me first']!.id)).toEqual([
        'content_item.keep',
        'content_item.archive',
        ...REVIEW_ACTIONS,
      ]);
      expect(actionsOn(card, items['Handbook']!.id)).toEqual([
        'content_item.keep',
        'content_item.archive',
        ...REVIEW_ACTIONS,
      ]);
      for (const file of [items['Minutes']!, items['Plan']!]) {
        expect(await archive(owner, file)).toMatchObject({ ok: false, code: 'cannot_archive' });
        expect((await store.contentItems.get(tenantId, file.id))?.state).toBe('active');
      }
    });

    it('unpins a pin and removes a bookmark on Slack, and only then marks them archived', async () => {
      const { channel, owner, items } = await aSyncedChannel();
      const [pin, bookmark] = [items['Read me first']!, items['Handbook']!];
      expect(await archive(owner, pin)).toMatchObject({ ok: true });
      expect(await archive(owner, bookmark)).toMatchObject({ ok: true });
      // Asked, not done: the platform has not answered yet.
      expect((await store.contentItems.get(tenantId, pin.id))?.state).toBe('active');
      expect((await store.contentItems.get(tenantId, bookmark.id))?.state).toBe('active');
      expect(slackFake.channel(channel).pins).toHaveLength(2);

      await deliver();
      const calls = (method: 'pins.remove' | 'bookmarks.remove') =>
        slackFake.callsTo(method).filter((call) => Object.values(call.params).includes(channel));
      expect(calls('pins.remove').map((call) => call.params)).toEqual([{ channel, timestamp: '1772359200.000100' }]);
      expect(calls('bookmarks.remove').map((call) => call.params)).toEqual([
        { channel_id: channel, bookmark_id: `Bk0${channel}` },
      ]);
      expect(slackFake.channel(channel).pins).toHaveLength(1);
      expect(slackFake.channel(channel).bookmarks).toEqual([]);
      expect(await store.contentItems.get(tenantId, pin.id)).toMatchObject({
        state: 'archived',
        lastChangedAt: clock.now(),
      });
      expect((await store.contentItems.get(tenantId, bookmark.id))?.state).toBe('archived');
    });

    it('leaves a pin active when Slack refuses to unpin it', async () => {
      const { channel, owner, items } = await aSyncedChannel();
      const pin = items['Office hours']!;
      slackFake.failNext('pins.remove', { error: 'restricted_action' });
      expect(await archive(owner, pin)).toMatchObject({ ok: true });
      await deliver();
      expect(slackFake.callsTo('pins.remove').at(-1)?.outcome).toBe('restricted_action');
      expect(slackFake.channel(channel).pins).toHaveLength(2);
      expect((await store.contentItems.get(tenantId, pin.id))?.state).toBe('active');
      expect((await store.outbox.listFailed(tenantId, 10)).map((m) => [m.operation, m.lastError])).toContainEqual([
        'archive_content',
        'restricted_action',
      ]);
    });

    it('does not offer Archive where the install did not grant the scope, nor act on a press anyway', async () => {
      clock.set('2026-06-15T09:00:00Z');
      const narrow = await anInstalledTenant('slack', 'T0NARROW', ['pins:read', 'bookmarks:read']);
      const { group, owner } = await aGroupOn(narrow, 'slack', 'T0NARROW', 'C0NARROW');
      const item = await store.contentItems.save({
        id: crypto.randomUUID(),
        tenantId: narrow,
        groupId: group.id,
        kind: 'pinned_message',
        platformRef: { platform: 'slack', workspaceId: 'T0NARROW', id: 'C0NARROW/1772359200.000100' },
        title: 'Pinned',
        link: null,
        lastChangedAt: MADE,
        lastReviewedAt: null,
        reviewIntervalDays: null,
        state: 'active',
      });
      expect(actionsOn(await weeklyCard(narrow, owner), item.id)).toEqual(['content_item.keep', ...REVIEW_ACTIONS]);
      expect(await archive(owner, item)).toMatchObject({ ok: false, code: 'cannot_archive' });
    });
  });

  describe('on Teams', () => {
    let tenantId: string;

    beforeAll(async () => {
      tenantId = await anInstalledTenant('teams', FAKE_TENANT.id);
    });

    /** A team of its own with two tabs and a file in General and a file in a private channel, registered as a group and synced. */
    async function aSyncedTeam(): Promise<{ teamId: string; owner: Person; items: Record<string, ContentItem> }> {
      clock.set('2026-03-08T09:00:00Z');
      channels += 1;
      const teamId = `c0ffee00-0000-4000-8000-${String(channels).padStart(12, '0')}`;
      teamsFake.addTeam({
        id: teamId,
        tenantId: FAKE_TENANT.id,
        displayName: 'Gardeners',
        channels: [
          {
            id: GENERAL,
            displayName: 'General',
            createdDateTime: MADE,
            tabs: [
              {
                id: 'tab-wiki',
                displayName: 'Handbook',
                teamsApp: { id: 'com.microsoft.teamspace.tab.web', displayName: 'Website' },
              },
              {
                id: 'tab-plan',
                displayName: 'Planner',
                teamsApp: { id: 'com.microsoft.teamspace.tab.planner', displayName: 'Planner' },
              },
            ],
          },
          {
            id: `19:private-${teamId}@thread.tacv2`,
            displayName: 'Committee',
            membershipType: 'private',
            createdDateTime: MADE,
            // In the private channel's own site: the team's library does not hold it.
            files: [{ id: `file-budget-${teamId}`, name: 'Budget.xlsx', lastModifiedDateTime: MADE }],
          },
        ],
        files: [
          {
            id: `folder-general-${teamId}`,
            name: 'General',
            lastModifiedDateTime: MADE,
            children: [{ id: `file-charter-${teamId}`, name: 'Charter.docx', lastModifiedDateTime: MADE }],
          },
        ],
      });
      const { group, owner } = await aGroupOn(tenantId, 'teams', FAKE_TENANT.id, teamId);
      await syncContent(deps());
      return { teamId, owner, items: byTitle(await store.contentItems.listByGroup(tenantId, group.id)) };
    }

    it('finds the tabs and the files of every channel, a private channel’s included, and offers Archive on the tabs only', async () => {
      const { teamId, owner, items } = await aSyncedTeam();
      expect(
        Object.values(items)
          .map((i) => [i.kind, i.title, i.platformRef.id, i.state])
          .sort(),
      ).toEqual(
        [
          ['file', 'Budget.xlsx', `file-budget-${teamId}`, 'active'],
          ['file', 'Charter.docx', `file-charter-${teamId}`, 'active'],
          ['tab', 'Handbook', `${GENERAL}/tab-wiki`, 'active'],
          ['tab', 'Planner', `${GENERAL}/tab-plan`, 'active'],
        ].sort(),
      );
      clock.set('2026-06-15T09:00:00Z');
      const card = await weeklyCard(tenantId, owner);
      expect(actionsOn(card, items['Handbook']!.id)).toEqual([
        'content_item.keep',
        'content_item.archive',
        ...REVIEW_ACTIONS,
      ]);
      expect(actionsOn(card, items['Charter.docx']!.id)).toEqual(['content_item.keep', ...REVIEW_ACTIONS]);
      expect(await archive(owner, items['Charter.docx']!)).toMatchObject({ ok: false, code: 'cannot_archive' });
    });

    it('deletes a tab through Graph and only then marks it archived', async () => {
      const { teamId, owner, items } = await aSyncedTeam();
      const wiki = items['Handbook']!;
      expect(await archive(owner, wiki)).toMatchObject({ ok: true });
      expect((await store.contentItems.get(tenantId, wiki.id))?.state).toBe('active');
      await deliver();
      expect(
        teamsFake
          .callsTo('deleteTab')
          .filter((call) => call.path.includes(teamId))
          .map((call) => [call.path, call.status]),
      ).toEqual([[`/graph/v1.0/teams/${teamId}/channels/${encodeURIComponent(GENERAL)}/tabs/tab-wiki`, 204]]);
      expect(
        teamsFake
          .team(teamId)
          .channels.get(GENERAL)
          ?.tabs.map((tab) => tab.id),
      ).toEqual(['tab-plan']);
      expect((await store.contentItems.get(tenantId, wiki.id))?.state).toBe('archived');
    });

    it('leaves a tab active when Graph refuses to delete it', async () => {
      const { teamId, owner, items } = await aSyncedTeam();
      const plan = items['Planner']!;
      // https://learn.microsoft.com/graph/api/channel-delete-tabs: 403 when the app lacks the permission.
      teamsFake.failNext('deleteTab', {
        status: 403,
        error: { code: 'Forbidden', message: 'Missing role permissions on the request.' },
      });
      expect(await archive(owner, plan)).toMatchObject({ ok: true });
      await deliver();
      expect(
        teamsFake
          .team(teamId)
          .channels.get(GENERAL)
          ?.tabs.map((tab) => tab.id),
      ).toEqual(['tab-wiki', 'tab-plan']);
      expect((await store.contentItems.get(tenantId, plan.id))?.state).toBe('active');
    });
  });
});
