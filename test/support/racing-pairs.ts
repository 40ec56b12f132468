// Membership requests decided at the same moment by two owners, one approving and one denying,
// through the edges' signed HTTP: the reliability suite's racing pairs, on one server or on several
// processes behind a round-robin. The world is seeded on the fakes and in the store; the race is sent;
// the figures are read back from the store and from the calls the fakes recorded.
import { expect } from 'vitest';
import {
  askToJoin,
  type Group,
  type MembershipRequest,
  type Person,
  type Store,
  systemClock,
} from '../../core/src/index.ts';
import type { Figure } from '../reliability/figures.ts';
import type { LocalBotFrameworkIssuer } from './bot-framework-auth.ts';
import { eventually } from './eventually.ts';
import { aGroup, aPerson } from './factories.ts';
import { postToTeamsEndpoint } from './fake-platforms.ts';
import type { FakeSlack, FakeSlackOptions } from './fake-slack/index.ts';
import { FAKE_APP, type FakeTeams, type FakeTeamsOptions } from './fake-teams/index.ts';
import { asForm, postToSlackEndpoint, slackFixture } from './slack-requests.ts';
import { cardAction } from './teams-activities.ts';

export const RACE_SLACK_TEAM = 'T0RACE';
export const RACE_SLACK_TOKEN = 'xoxb-race';
export const RACE_ENTRA_TENANT = '0a0a0a0a-0000-4000-8000-000000000001';

/**
 * The fakes for a race: their clocks fast and the limits of what a race calls lifted, so that the
 * outbox's cards, updates and invites are not held back by a Retry-After (the outage and weekly-card
 * scenarios meet the limits; this one is about deciding once).
 */
export const RACE_SLACK_OPTIONS: FakeSlackOptions = {
  timeScale: 0.01,
  limits: {
    'chat.postMessage': null,
    'chat.update': null,
    'chat.postEphemeral': null,
    'conversations.invite': null,
    'views.open': null,
    'users.info': null,
  },
};
export const RACE_TEAMS_OPTIONS: FakeTeamsOptions = {
  timeScale: 0.01,
  limits: { send: null, create: null, members: null, tenant: null, graph: null },
};

const pad = (n: number) => String(n).padStart(3, '0');
const slackRequester = (n: number) => `U0REQ${pad(n)}`;
const teamsRequester = (n: number) => `1e000000-0000-4000-8000-000000000${pad(n)}`;
const slackChannel = (n: number) => `C0RACE${pad(n)}`;
const teamsTeam = (n: number) => `7e000000-0000-4000-8000-000000000${pad(n)}`;
const SLACK_OWNERS = ['U0OWNA', 'U0OWNB'] as const;
const TEAMS_OWNERS = ['0a000000-0000-4000-8000-00000000000a', '0b000000-0000-4000-8000-00000000000b'] as const;

/** One request and the two owners who race on it. */
export interface RacingPair {
  readonly request: MembershipRequest;
  readonly group: Group;
  readonly requesterUserId: string;
  readonly approver: Person;
  readonly denier: Person;
}

export interface RaceWorld {
  readonly pairs: readonly RacingPair[];
}

/** Both fakes know the workspace, the Entra tenant, the owners, the requesters and each group. */
export function seedRaceFakes(slack: FakeSlack, teams: FakeTeams, count: number): void {
  slack.addWorkspace({ id: RACE_SLACK_TEAM, token: RACE_SLACK_TOKEN });
  teams.addTenant({ id: RACE_ENTRA_TENANT, permissions: null });
  for (const [i, id] of SLACK_OWNERS.entries()) slack.addUser({ id, realName: `Slack Owner ${'AB'[i]}` });
  for (const [i, id] of TEAMS_OWNERS.entries())
    teams.addUser({ id, tenantId: RACE_ENTRA_TENANT, displayName: `Teams Owner ${'AB'[i]}` });
  for (let n = 0; n < count; n += 1) {
    if (onSlack(n)) {
      slack.addUser({ id: slackRequester(n), realName: `Requester ${n}` });
      slack.addChannel({ id: slackChannel(n), name: `race-${n}`, members: [...SLACK_OWNERS], botIsMember: true });
    } else {
      teams.addUser({ id: teamsRequester(n), tenantId: RACE_ENTRA_TENANT, displayName: `Requester ${n}` });
      teams.addTeam({
        id: teamsTeam(n),
        tenantId: RACE_ENTRA_TENANT,
        displayName: `Race ${n}`,
        members: [...TEAMS_OWNERS],
      });
    }
  }
}

// Groups alternate by twos between Slack and Teams, so that either owner approves on both.
const onSlack = (n: number) => Math.floor(n / 2) % 2 === 0;

/**
 * The tenant's four owners (two on Slack, two on Teams), one group per pair owned by the two of its
 * platform, and one request per group asked through the core (its cards go out through the outbox).
 * The Teams tenant is installed on the tenant the Slack workspace made at the server's start.
 */
export async function seedRace(store: Store, count: number, serviceUrl: string): Promise<RaceWorld> {
  const installation = await eventually(async () => {
    const found = await store.installations.find('slack', RACE_SLACK_TEAM);
    if (!found) throw new Error('the Slack workspace is not installed yet');
    return found;
  }, 15_000);
  const tenantId = installation.tenantId;
  await store.installations.save({
    platform: 'teams',
    workspaceId: RACE_ENTRA_TENANT,
    tenantId,
    enterpriseInstall: false,
    installedAt: new Date(),
    secrets: { serviceUrl },
    revokedAt: null,
  });
  const owner = (platform: 'slack' | 'teams', userId: string, name: string) =>
    aPerson(tenantId, {
      displayName: name,
      locale: 'en',
      identities: [{ platform, workspaceId: platform === 'slack' ? RACE_SLACK_TEAM : RACE_ENTRA_TENANT, userId }],
    });
  const [slackA, slackB] = SLACK_OWNERS.map((id, i) => owner('slack', id, `Slack Owner ${'AB'[i]}`)) as [
    Person,
    Person,
  ];
  const [teamsA, teamsB] = TEAMS_OWNERS.map((id, i) => owner('teams', id, `Teams Owner ${'AB'[i]}`)) as [
    Person,
    Person,
  ];
  for (const person of [slackA, slackB, teamsA, teamsB]) await store.people.save(person);
  // Each owner gets the request's card on the group's platform, and decides there: half the pairs
  // race on Slack, half on Teams, and which owner approves alternates.
  const ownersOn = { slack: [slackA, slackB], teams: [teamsA, teamsB] } as const;
  const pairs: RacingPair[] = [];
  for (let n = 0; n < count; n += 1) {
    const slack = onSlack(n);
    const requesterUserId = slack ? slackRequester(n) : teamsRequester(n);
    const platformRef = slack
      ? { platform: 'slack' as const, workspaceId: RACE_SLACK_TEAM, id: slackChannel(n) }
      : { platform: 'teams' as const, workspaceId: RACE_ENTRA_TENANT, id: teamsTeam(n) };
    const [first, second] = ownersOn[platformRef.platform];
    const group = aGroup(tenantId, [first.id, second.id], { name: slack ? `#race-${n}` : `Race ${n}`, platformRef });
    await store.groups.save(group);
    const requester = aPerson(tenantId, {
      displayName: `Requester ${n}`,
      identities: [{ platform: platformRef.platform, workspaceId: platformRef.workspaceId, userId: requesterUserId }],
    });
    await store.people.save(requester);
    const asked = await askToJoin({ store, clock: systemClock }, requester, platformRef, null);
    if (!asked.ok) throw new Error(`request ${n}: ${asked.detail}`);
    const [approver, denier] = n % 2 === 0 ? [first, second] : [second, first];
    pairs.push({ request: asked.value.request, group, requesterUserId, approver, denier });
  }
  return { pairs };
}

const identityOf = (person: Person) => person.identities[0]!;

/** Where the request's card reached a Slack owner: the message its button is pressed in. */
async function slackCardOf(
  slack: FakeSlack,
  pair: RacingPair,
  userId: string,
): Promise<{ channel: string; ts: string }> {
  return eventually(() => {
    const im = slack.imOf(userId);
    const card = slack.messages.find(
      (message) =>
        message.channel === im &&
        message.ephemeralFor === null &&
        JSON.stringify(message.blocks).includes(pair.request.id),
    );
    if (!card) throw new Error(`no card for ${pair.request.id} reached ${userId}`);
    return { channel: card.channel, ts: card.ts };
  }, 60_000);
}

/** The owner's decision as the platform sends it: a signed Slack button or modal, or a Teams Action.Execute. */
async function decide(
  url: string,
  fakes: { slack: FakeSlack; issuer: LocalBotFrameworkIssuer; serviceUrl: string },
  pair: RacingPair,
  owner: Person,
  decision: 'approve' | 'deny',
): Promise<{ status: number; teamsAnswer: string | null }> {
  const { platform, userId } = identityOf(owner);
  if (platform === 'teams') {
    const data =
      decision === 'approve'
        ? { value: pair.request.id }
        : { value: pair.request.id, inputId: 'input', input: 'Racing pair: denied' };
    // The typed builder sets the action's data as an object (the recorded fixture's data is empty).
    const invoke = cardAction(
      {
        tenantId: RACE_ENTRA_TENANT,
        teamId: pair.group.platformRef.id,
        serviceUrl: fakes.serviceUrl,
        appId: FAKE_APP.id,
      },
      { aadObjectId: userId, name: owner.displayName },
      `membership_request.${decision}`,
      data,
    );
    const answer = await postToTeamsEndpoint(url, fakes.issuer, fakes.serviceUrl, JSON.stringify(invoke));
    return { status: answer.status, teamsAnswer: await answer.text() };
  }
  const where = await slackCardOf(fakes.slack, pair, userId);
  const body =
    decision === 'approve'
      ? slackFixture('block-actions-approve.json', {
          __ACTION_ID__: 'membership_request.approve#0',
          __VALUE__: pair.request.id,
          U0ALICE: userId,
          T0STEWARD: RACE_SLACK_TEAM,
        })
          .replaceAll('D0ALICE', where.channel)
          .replaceAll('1772463600.000700', where.ts)
      : JSON.stringify({
          // The deny button's modal, submitted with its reason (apps/slack views/input-modal.ts's private_metadata).
          type: 'view_submission',
          team: { id: RACE_SLACK_TEAM, domain: 'race' },
          user: { id: userId, team_id: RACE_SLACK_TEAM },
          api_app_id: 'A0STEWARD',
          token: 'XXYYZZ',
          trigger_id: `trigger-${pair.request.id}`,
          view: {
            id: 'V0MODAL',
            type: 'modal',
            callback_id: 'card_action.input',
            private_metadata: JSON.stringify({ id: 'membership_request.deny', value: pair.request.id, ...where }),
            state: { values: { input: { input: { type: 'plain_text_input', value: 'Racing pair: denied' } } } },
          },
        });
  const answer = await postToSlackEndpoint(url, asForm({ payload: body }));
  await answer.text();
  return { status: answer.status, teamsAnswer: null };
}

export interface RaceAnswers {
  readonly pair: RacingPair;
  readonly approve: { status: number; teamsAnswer: string | null };
  readonly deny: { status: number; teamsAnswer: string | null };
}

/** Every pair's two decisions at the same moment; `urls` are taken in turn (one server, or a round-robin). */
export async function race(
  urls: readonly string[],
  fakes: { slack: FakeSlack; issuer: LocalBotFrameworkIssuer; serviceUrl: string },
  world: RaceWorld,
): Promise<RaceAnswers[]> {
  // Each Slack card is found first, so that both decisions of a pair leave together.
  for (const pair of world.pairs)
    for (const owner of [pair.approver, pair.denier])
      if (identityOf(owner).platform === 'slack') await slackCardOf(fakes.slack, pair, identityOf(owner).userId);
  let turn = 0;
  const next = () => urls[turn++ % urls.length]!;
  return Promise.all(
    world.pairs.map(async (pair, i) => {
      // Whichever leaves first tends to win: in turn, the approval or the denial leaves first.
      const approving = () => decide(next(), fakes, pair, pair.approver, 'approve');
      const denying = () => decide(next(), fakes, pair, pair.denier, 'deny');
      if (Math.floor(i / 4) % 2 === 0) {
        const [approve, deny] = await Promise.all([approving(), denying()]);
        return { pair, approve, deny };
      }
      const [deny, approve] = await Promise.all([denying(), approving()]);
      return { pair, approve, deny };
    }),
  );
}

export interface RaceFigures {
  readonly uninvitedOutbox: string;
  readonly pairs: number;
  readonly decidedOnce: number;
  readonly undecided: number;
  readonly auditedTwice: number;
  readonly approved: number;
  readonly invites: number;
  readonly doubleInvites: number;
  readonly inviteCallsWithoutEffect: number;
  readonly invitesOfDenied: number;
  readonly approvedNotInvited: number;
  readonly losersTold: number;
  readonly answers5xx: number;
}

/** What came of the race, once every decision has settled and the outbox has invited whom it should. */
export async function raceFigures(
  store: Store,
  fakes: { slack: FakeSlack; teams: FakeTeams },
  answers: readonly RaceAnswers[],
  settleMs = 300_000,
): Promise<RaceFigures> {
  const tenantId = answers[0]!.pair.request.tenantId;
  const read = async () =>
    Promise.all(
      answers.map(async ({ pair }) => ({ pair, now: await store.membershipRequests.get(tenantId, pair.request.id) })),
    );
  // An invite is a call the platform carried out: Slack answered ok (a repeat is refused with
  // already_in_channel), Graph answered 2xx (201 Created, team-post-members). A call refused
  // before it was carried out — 401 for a token our client held past the fake's sped-up expiry,
  // 429, 5xx — added no one and is counted apart, as a call without effect.
  const inviteCallsOf = (pair: RacingPair) =>
    pair.group.platformRef.platform === 'slack'
      ? fakes.slack
          .callsTo('conversations.invite')
          .filter(
            (call) =>
              call.params['channel'] === pair.group.platformRef.id &&
              String(call.params['users']).includes(pair.requesterUserId),
          )
          .map((call) => call.outcome === 'ok')
      : fakes.teams
          .callsTo('addTeamMember')
          .filter(
            (call) =>
              call.path.includes(pair.group.platformRef.id) && JSON.stringify(call.body).includes(pair.requesterUserId),
          )
          .map((call) => call.status >= 200 && call.status < 300);
  const invitesOf = (pair: RacingPair) => inviteCallsOf(pair).filter((carriedOut) => carriedOut).length;
  // Settled: nothing pending, each approved request invited. Our Slack client paces itself to Slack's
  // tiers (chat.update 50 a minute), so the invites queued behind the cards' updates take minutes.
  const states = await eventually(async () => {
    const now = await read();
    const pending = now.filter(({ now: request }) => request?.status === 'pending').length;
    const uninvited = now.filter(
      ({ pair, now: request }) => request?.status === 'approved' && invitesOf(pair) === 0,
    ).length;
    if (pending + uninvited > 0) throw new Error(`${pending} still pending, ${uninvited} approved and not yet invited`);
    return now;
  }, settleMs).catch(read);
  // A moment more, for an invite that would come twice.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  let auditedTwice = 0;
  for (const { pair } of states) {
    const decisions = (await store.audit.list(tenantId, { subjectId: pair.request.id, limit: 20 })).filter(
      (entry) => entry.action === 'membership_request.approved' || entry.action === 'membership_request.denied',
    );
    if (decisions.length !== 1) auditedTwice += 1;
  }
  const decided = states.filter(({ now }) => now?.status === 'approved' || now?.status === 'denied');
  const approved = states.filter(({ now }) => now?.status === 'approved');
  const invites = states.map(({ pair }) => invitesOf(pair));
  const losers = answers.map(({ pair, approve, deny }) => {
    const status = states.find((state) => state.pair === pair)!.now?.status;
    return status === 'approved' ? { owner: pair.denier, answer: deny } : { owner: pair.approver, answer: approve };
  });
  const inviteOutbox = await store.outbox.listByDedupeKeys(
    tenantId,
    approved
      .filter(({ pair }) => invitesOf(pair) === 0)
      .map(({ pair }) => `membership_request:${pair.request.id}:invite`),
  );
  return {
    uninvitedOutbox: inviteOutbox
      .map((message) => `${message.platform}:${message.status}:${message.lastError ?? ''}`)
      .join(', '),
    pairs: answers.length,
    decidedOnce: decided.length - auditedTwice,
    undecided: states.length - decided.length,
    auditedTwice,
    approved: approved.length,
    invites: invites.reduce((sum, count) => sum + count, 0),
    doubleInvites: invites.filter((count) => count > 1).length,
    inviteCallsWithoutEffect: states
      .map(({ pair }) => inviteCallsOf(pair).filter((carriedOut) => !carriedOut).length)
      .reduce((sum, count) => sum + count, 0),
    invitesOfDenied: states.filter(({ now }, i) => now?.status === 'denied' && invites[i]! > 0).length,
    approvedNotInvited: states.filter(({ now }, i) => now?.status === 'approved' && invites[i] === 0).length,
    losersTold: await losersTold(fakes.slack, losers),
    answers5xx: answers.filter(({ approve, deny }) => approve.status >= 500 || deny.status >= 500).length,
  };
}

/**
 * Losers told it was already decided: on Teams in the invoke's answer; on Slack in a private note
 * (chat.postEphemeral) — counted per owner, as the note names no request.
 */
async function losersTold(
  slack: FakeSlack,
  losers: readonly { owner: Person; answer: { teamsAnswer: string | null } }[],
): Promise<number> {
  const alreadyDecided = /already (approved|denied)/;
  const onTeams = losers.filter(
    ({ owner, answer }) => identityOf(owner).platform === 'teams' && alreadyDecided.test(answer.teamsAnswer ?? ''),
  ).length;
  const slackLosers = new Map<string, number>();
  for (const { owner } of losers)
    if (identityOf(owner).platform === 'slack')
      slackLosers.set(identityOf(owner).userId, (slackLosers.get(identityOf(owner).userId) ?? 0) + 1);
  const notes = (userId: string) =>
    slack
      .callsTo('chat.postEphemeral')
      .filter(
        (call) =>
          call.outcome === 'ok' && call.params['user'] === userId && alreadyDecided.test(String(call.params['text'])),
      ).length;
  const onSlack = await eventually(() => {
    let told = 0;
    for (const [userId, lost] of slackLosers) {
      if (notes(userId) < lost) throw new Error(`${userId} lost ${lost} and was told ${notes(userId)} times`);
      told += Math.min(lost, notes(userId));
    }
    return told;
  }, 30_000).catch(() => [...slackLosers].reduce((sum, [userId, lost]) => sum + Math.min(lost, notes(userId)), 0));
  return onTeams + onSlack;
}

/** The figures as the suite prints them, each with what it must be. */
export function raceFigureList(figures: RaceFigures, wallSeconds: number): Figure[] {
  return [
    { name: 'racing pairs', value: figures.pairs },
    { name: 'requests decided exactly once', value: figures.decidedOnce, expected: String(figures.pairs) },
    { name: 'requests left undecided', value: figures.undecided, expected: '0' },
    { name: 'requests with ≠ 1 decision audited', value: figures.auditedTwice, expected: '0' },
    { name: 'approved (the rest denied)', value: figures.approved },
    { name: 'invites (Slack + Teams)', value: figures.invites, expected: String(figures.approved) },
    { name: 'double invites', value: figures.doubleInvites, expected: '0' },
    { name: 'invite calls refused, without effect', value: figures.inviteCallsWithoutEffect },
    { name: 'invites of a denied requester', value: figures.invitesOfDenied, expected: '0' },
    { name: 'losers told it was already decided', value: figures.losersTold, expected: String(figures.pairs) },
    { name: '5xx answers', value: figures.answers5xx, expected: '0' },
    { name: 'wall time (s)', value: wallSeconds.toFixed(1) },
  ];
}

/** What must hold after a race: each request decided once, each approved one invited once, every loser told. */
export function expectRaceHeld(figures: RaceFigures): void {
  const { pairs, approved, inviteCallsWithoutEffect } = figures;
  expect(figures).toEqual({
    uninvitedOutbox: '',
    pairs,
    decidedOnce: pairs,
    undecided: 0,
    auditedTwice: 0,
    approved,
    invites: approved,
    doubleInvites: 0,
    inviteCallsWithoutEffect,
    invitesOfDenied: 0,
    approvedNotInvited: 0,
    losersTold: pairs,
    answers5xx: 0,
  });
  // A race has two outcomes: if one side always won, the pairs would not be racing.
  expect(approved).toBeGreaterThan(0);
  expect(approved).toBeLessThan(pairs);
}
