import { type CoreDeps, type Store, sendDueWeeklyHours } from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../apps/slack/src/scopes.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';
import { FakeSlack } from '../support/fake-slack/index.ts';
import { FAKE_TENANT, FakeTeams } from '../support/fake-teams/index.ts';
import { deliverUntilEmpty, type FakePlatforms, platformsOnFakes } from '../support/outbox-to-fakes.ts';
import { WallClock } from '../support/wall-clock.ts';

const WORKSPACE = { id: 'T0WEEKLY', token: 'xoxb-weekly' };
const AAD = FAKE_TENANT.id;
const slackUsers = ['UOWNER1', 'UOWNER2', 'UBOTH'];
const teamsUsers = [
  'a0000000-0000-4000-8000-000000000001',
  'a0000000-0000-4000-8000-000000000002',
  'a0000000-0000-4000-8000-000000000003',
];

/**
 * The weekly cards through the outbox to Slack's and Microsoft's fakes: each owner's card reaches
 * its platform once, even when the platforms fail for a while and the job and delivery run again.
 */
describe('weekly-hour cards reach Slack and Teams once', () => {
  const slack = new FakeSlack({ workspaces: [{ ...WORKSPACE, scopes: SLACK_BOT_SCOPES }] });
  const teams = new FakeTeams();
  const clock = new WallClock('2026-11-23T06:00:00Z');
  let store: Store;
  let dispose: () => Promise<void>;
  let deps: CoreDeps & { clock: WallClock };
  let platforms: FakePlatforms;

  beforeAll(async () => {
    await Promise.all([slack.start(), teams.start()]);
    ({ store, dispose } = await openTemporaryEmbeddedStore());
    deps = { store, clock };
    for (const id of slackUsers) slack.addUser({ id, realName: id });
    for (const [n, id] of teamsUsers.entries()) teams.addUser({ id, tenantId: AAD, displayName: `Owner ${n}` });
    platforms = platformsOnFakes(store, slack, WORKSPACE, teams);

    // Two Slack owners, two Teams owners, and one person who owns a group on each (last active on Teams).
    const tenant = aTenant();
    await store.tenants.save(tenant);
    const slackId = (userId: string) => ({ platform: 'slack' as const, workspaceId: WORKSPACE.id, userId });
    const teamsId = (userId: string) => ({ platform: 'teams' as const, workspaceId: AAD, userId });
    const people = [
      aPerson(tenant.id, { identities: [slackId('UOWNER1')] }),
      aPerson(tenant.id, { identities: [slackId('UOWNER2')] }),
      aPerson(tenant.id, { identities: [teamsId(teamsUsers[0]!)] }),
      aPerson(tenant.id, { identities: [teamsId(teamsUsers[1]!)] }),
      aPerson(tenant.id, { identities: [slackId('UBOTH'), teamsId(teamsUsers[2]!)], preferredPlatform: 'teams' }),
    ];
    for (const person of people) await store.people.save(person);
    const [s1, s2, t1, t2, both] = people.map((p) => p.id) as [string, string, string, string, string];
    await store.groups.save(
      aGroup(tenant.id, [s1, s2, both], {
        platformRef: { platform: 'slack', workspaceId: WORKSPACE.id, id: 'CDESIGN' },
      }),
    );
    await store.groups.save(
      aGroup(tenant.id, [t1, t2, both], {
        platformRef: { platform: 'teams', workspaceId: AAD, id: '19:team@thread.tacv2' },
      }),
    );
  });
  afterAll(async () => {
    await dispose();
    await Promise.all([slack.stop(), teams.stop()]);
  });

  const deliverAll = () => deliverUntilEmpty(deps, platforms);

  const slackCards = () => slack.callsTo('chat.postMessage').filter((call) => call.outcome === 'ok');
  const teamsCards = () => teams.callsTo('sendActivity').filter((call) => call.status >= 200 && call.status < 300);

  it('sends each owner’s card once, on their platform, through outages', async () => {
    // Both platforms fail the first tries: Slack with a 503, Teams with a 429 and then a 502.
    slack.failNext('chat.postMessage', { status: 503 });
    teams.failNext('sendActivity', { status: 429, retryAfter: 1 });
    teams.failNext('sendActivity', { status: 502 });

    clock.set('2026-11-23T08:00:00Z'); // Monday 09:00 in Paris, everyone's weekly hour
    await sendDueWeeklyHours(deps);
    await deliverAll();
    await sendDueWeeklyHours(deps); // a second run of the job, as after a restart
    await deliverAll();

    // Once per owner: as many cards as distinct conversations, and none to Slack for the person on both.
    expect(new Set(slackCards().map((call) => call.params['channel'])).size).toBe(2);
    expect(slackCards()).toHaveLength(2);
    expect(new Set(teamsCards().map((call) => call.path)).size).toBe(3);
    expect(teamsCards()).toHaveLength(3);
    expect(slack.callsTo('chat.postMessage').filter((call) => call.params['channel'] === 'UBOTH')).toEqual([]);
    const failedOnce = [...slack.calls, ...teams.calls].filter((call) =>
      'outcome' in call ? call.outcome !== 'ok' : call.status >= 400,
    );
    expect(failedOnce.length).toBeGreaterThanOrEqual(3);
    expect(slackCards().every((call) => String(call.params['text']).length > 0)).toBe(true);
  });

  it('sends nothing more in the same week, and one card each the next week', async () => {
    // This week's cards first, so that the test stands alone; where the test above ran, the job
    // finds them sent and sends nothing again.
    clock.set('2026-11-23T08:00:00Z');
    await sendDueWeeklyHours(deps);
    await deliverAll();
    expect(slackCards()).toHaveLength(2);
    expect(teamsCards()).toHaveLength(3);

    clock.set('2026-11-25T08:00:00Z');
    await sendDueWeeklyHours(deps);
    await deliverAll();
    expect(slackCards()).toHaveLength(2);
    expect(teamsCards()).toHaveLength(3);

    clock.set('2026-11-30T08:00:00Z');
    await sendDueWeeklyHours(deps);
    await deliverAll();
    expect(slackCards()).toHaveLength(4);
    expect(teamsCards()).toHaveLength(6);
  });
});
