import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../../core/src/cards/card.ts';
import type { OrganisationSettings } from '../../../core/src/domain/organisation.ts';
import type { PlatformIdentity } from '../../../core/src/domain/person.ts';
import type { PlatformProfile } from '../../../core/src/ports/chat-platform.ts';
import type { OutboxMessage, Store } from '../../../core/src/ports/store/index.ts';
import { type IdentifyDeps, identify, personFor } from '../../../core/src/use-cases/identify.ts';
import { recordInstallation } from '../../../core/src/use-cases/installations.ts';
import { applyOrganisationSettings } from '../../../core/src/use-cases/organisation.ts';
import { sendDueWeeklyHours } from '../../../core/src/use-cases/weekly-hour/send-due-cards.ts';
import { aGroup } from '../../support/factories.ts';
import { WallClock } from '../../support/wall-clock.ts';

export type OpenStore = () => Promise<{ store: Store; dispose: () => Promise<void> }>;

const ROLES_NONE = { community_manager: [], administrator: [] };
const NO_SETTINGS: OrganisationSettings = { workspaces: [], name: null, roles: ROLES_NONE };

/**
 * A company installed on Slack and on Teams before anyone configured it, then configured: one
 * tenant, one person per e-mail, one weekly card; and roles named only in the configuration.
 */
export function organisationSuite(name: string, open: OpenStore): void {
  describe(`one organisation across Slack and Teams on ${name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    // New tenants default to Monday 10:00 UTC; 2 November 2026 is the Monday of 2026-W45.
    const clock = new WallClock('2026-11-01T12:00:00Z');
    const profiles = new Map<string, PlatformProfile>();
    const profileOf = (identity: PlatformIdentity) => profiles.get(`${identity.platform}:${identity.userId}`);
    const source = {
      readProfile: async (identity: PlatformIdentity) =>
        profileOf(identity) ?? {
          displayName: '?',
          email: null,
          timeZone: null,
          locale: null,
          isBot: true,
          deleted: false,
        },
    };
    const deps = (organisation?: OrganisationSettings): IdentifyDeps => ({
      store,
      clock,
      profiles: { slack: source, teams: source },
      ...(organisation ? { organisation } : {}),
    });
    const someone = (identity: PlatformIdentity, displayName: string, email: string) => {
      profiles.set(`${identity.platform}:${identity.userId}`, {
        displayName,
        email,
        timeZone: 'UTC',
        locale: 'en',
        isBot: false,
        deleted: false,
      });
      return identity;
    };
    const install = (d: IdentifyDeps, platform: 'slack' | 'teams', workspaceId: string) =>
      recordInstallation(d, {
        platform,
        workspaceId,
        workspaceName: workspaceId,
        enterpriseInstall: false,
        secrets: {},
      });
    const seen = new Map<string, OutboxMessage[]>();
    async function outbox(tenantId: string): Promise<OutboxMessage[]> {
      for (const message of await store.outbox.claimDue(new Date('2100-01-01T00:00:00Z'), 10_000, 1)) {
        seen.set(message.tenantId, [...(seen.get(message.tenantId) ?? []), message]);
      }
      return seen.get(tenantId) ?? [];
    }

    beforeAll(async () => ({ store, dispose } = await open()));
    afterAll(() => dispose());

    it('makes the company one tenant, the same e-mail one person, with one weekly card', async () => {
      const slackId = `T${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
      const entraId = crypto.randomUUID();
      const before = deps();
      const slack = await install(before, 'slack', slackId);
      clock.set('2026-11-01T13:00:00Z');
      const teams = await install(before, 'teams', entraId);
      expect(slack.tenantId).not.toBe(teams.tenantId);
      const anaOnSlack = someone(
        { platform: 'slack', workspaceId: slackId, userId: 'U0ANA' },
        'Ana',
        'ana@acme.example',
      );
      const anaOnTeams = someone(
        { platform: 'teams', workspaceId: entraId, userId: 'aad-ana' },
        'Ana M.',
        'ANA@acme.example',
      );
      const slackAna = await personFor(before, slack.tenantId, anaOnSlack);
      const teamsAna = await personFor(before, teams.tenantId, anaOnTeams);
      expect(slackAna?.id).not.toBe(teamsAna?.id);
      await store.groups.save(
        aGroup(slack.tenantId, [slackAna!.id], {
          name: 'design',
          platformRef: { platform: 'slack', workspaceId: slackId, id: 'C0DESIGN' },
        }),
      );
      await store.groups.save(
        aGroup(teams.tenantId, [teamsAna!.id], {
          name: 'research',
          platformRef: { platform: 'teams', workspaceId: entraId, id: '19:research@thread.tacv2' },
        }),
      );
      // Today's way: two tenants, two people, and a card for each of them (new owners get the week's card at once).
      await sendDueWeeklyHours(before);
      const twoCards = [...(await outbox(slack.tenantId)), ...(await outbox(teams.tenantId))].filter((m) =>
        m.dedupeKey?.startsWith('weekly_hour:'),
      );
      expect(twoCards.map((m) => m.platform).sort()).toEqual(['slack', 'teams']);

      const organisation: OrganisationSettings = {
        workspaces: [
          { platform: 'slack', workspaceId: slackId },
          { platform: 'teams', workspaceId: entraId },
        ],
        name: 'Acme',
        roles: ROLES_NONE,
      };
      const applied = await applyOrganisationSettings(deps(organisation));
      // Of the two records of that week, one is kept.
      expect(applied.organisation).toEqual({
        ok: true,
        value: { tenantId: slack.tenantId, merged: [teams.tenantId], peopleMerged: 1, weeklyHoursDropped: 1 },
      });
      expect(await store.tenants.get(teams.tenantId)).toBeNull();
      expect(await store.tenants.get(slack.tenantId)).toMatchObject({ name: 'Acme' });
      const bySlack = await identify(deps(organisation), anaOnSlack);
      const byTeams = await identify(deps(organisation), anaOnTeams);
      expect(bySlack.ok && byTeams.ok && [bySlack.value.person.id, byTeams.value.person.id]).toEqual([
        slackAna!.id,
        slackAna!.id,
      ]);
      expect(byTeams.ok && byTeams.value.person.identities).toHaveLength(2);
      const again = await applyOrganisationSettings(deps(organisation));
      expect(again.organisation).toEqual({
        ok: true,
        value: { tenantId: slack.tenantId, merged: [], peopleMerged: 0, weeklyHoursDropped: 0 },
      });

      clock.set('2026-11-02T10:00:00Z');
      await sendDueWeeklyHours(deps(organisation));
      await sendDueWeeklyHours(deps(organisation));
      const weekly = (await outbox(slack.tenantId)).filter((m) => m.dedupeKey?.endsWith(':2026-W45'));
      expect(weekly.map((m) => m.dedupeKey)).toEqual([`weekly_hour:${slackAna!.id}:2026-W45`]);
      const card = weekly[0]?.payload['card'] as Card;
      expect(card.blocks.filter((b) => b.kind === 'text' && /design|research/.test(b.text))).toHaveLength(2);
    });

    it('lets a workspace installed later join the organisation’s tenant', async () => {
      const [first, later] = [`T${crypto.randomUUID().slice(0, 8).toUpperCase()}`, crypto.randomUUID()];
      const organisation: OrganisationSettings = {
        workspaces: [
          { platform: 'slack', workspaceId: first },
          { platform: 'teams', workspaceId: later },
        ],
        name: 'Globex',
        roles: ROLES_NONE,
      };
      const slack = await install(deps(organisation), 'slack', first);
      expect(await store.tenants.get(slack.tenantId)).toMatchObject({ name: 'Globex' });
      expect((await install(deps(organisation), 'teams', later)).tenantId).toBe(slack.tenantId);
      expect((await install(deps(organisation), 'teams', crypto.randomUUID())).tenantId).not.toBe(slack.tenantId);
    });

    it('grants the configured roles to people already there, in every tenant, and leaves roles given by hand', async () => {
      clock.set('2026-11-01T12:00:00Z');
      const [one, two] = [
        `T${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
        `T${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
      ];
      const tenants = [(await install(deps(), 'slack', one)).tenantId, (await install(deps(), 'slack', two)).tenantId];
      const dora = await personFor(
        deps(),
        tenants[0]!,
        someone({ platform: 'slack', workspaceId: one, userId: 'U0DORA' }, 'Dora', 'dora@hooli.example'),
      );
      const doraToo = await personFor(
        deps(),
        tenants[1]!,
        someone({ platform: 'slack', workspaceId: two, userId: 'U0DORA' }, 'Dora', 'dora@hooli.example'),
      );
      const byHand = await personFor(
        deps(),
        tenants[0]!,
        someone({ platform: 'slack', workspaceId: one, userId: 'U0EVE' }, 'Eve', 'eve@hooli.example'),
      );
      await store.people.save({ ...byHand!, roles: ['community_manager'] });

      const named = { ...NO_SETTINGS, roles: { community_manager: [], administrator: ['DORA@hooli.example'] } };
      expect((await applyOrganisationSettings(deps(named))).roles.granted).toBeGreaterThanOrEqual(2);
      expect((await store.people.get(tenants[0]!, dora!.id))?.roles).toEqual(['administrator']);
      expect((await store.people.get(tenants[1]!, doraToo!.id))?.roles).toEqual(['administrator']);
      expect((await applyOrganisationSettings(deps(named))).roles).toEqual({ granted: 0, revoked: 0 });

      await applyOrganisationSettings(deps(NO_SETTINGS));
      expect((await store.people.get(tenants[0]!, dora!.id))?.roles).toEqual([]);
      expect((await store.people.get(tenants[0]!, byHand!.id))?.roles).toEqual(['community_manager']);
    });

    it('gives the escalation of missed weeks to a community manager named only in the configuration', async () => {
      clock.set('2026-11-01T12:00:00Z');
      const slackId = `T${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
      const entraId = crypto.randomUUID();
      const organisation: OrganisationSettings = {
        workspaces: [
          { platform: 'slack', workspaceId: slackId },
          { platform: 'teams', workspaceId: entraId },
        ],
        name: 'Initech',
        roles: { community_manager: ['cleo@initech.example'], administrator: [] },
      };
      const { tenantId } = await install(deps(organisation), 'slack', slackId);
      await install(deps(organisation), 'teams', entraId);
      await applyOrganisationSettings(deps(organisation));
      const owner = await personFor(
        deps(organisation),
        tenantId,
        someone({ platform: 'slack', workspaceId: slackId, userId: 'U0BOB' }, 'Bob', 'bob@initech.example'),
      );
      await store.groups.save(
        aGroup(tenantId, [owner!.id], { platformRef: { platform: 'slack', workspaceId: slackId, id: 'C0TPS' } }),
      );
      // Cleo appears after the start that applied the configuration, on Teams.
      clock.set('2026-11-01T12:30:00Z');
      const cleoOnTeams = someone(
        { platform: 'teams', workspaceId: entraId, userId: 'aad-cleo' },
        'Cleo',
        'Cleo@Initech.example',
      );
      const cleo = await personFor(deps(organisation), tenantId, cleoOnTeams);
      expect(cleo?.roles).toEqual(['community_manager']);
      const audit = await store.audit.list(tenantId, { limit: 50 });
      expect(audit.filter((e) => e.action === 'role.granted').map((e) => [e.subjectKind, e.subjectId])).toEqual([
        ['person', cleo!.id],
        ['email', 'cleo@initech.example'],
      ]);

      const escalations = async () =>
        (await outbox(tenantId))
          .filter((m) => m.dedupeKey?.startsWith(`escalation:${owner!.id}`))
          .map((m) => (m.payload['to'] as PlatformIdentity).userId);
      for (const monday of ['2026-11-02', '2026-11-09', '2026-11-16']) {
        clock.set(`${monday}T10:00:00Z`);
        await sendDueWeeklyHours(deps(organisation));
      }
      expect(await escalations()).toEqual([]);
      clock.set('2026-11-23T10:00:00Z');
      await sendDueWeeklyHours(deps(organisation));
      expect(await escalations()).toEqual(['aad-cleo']);

      // Out of the configuration, out of the role, at the next start.
      await applyOrganisationSettings(deps({ ...organisation, roles: ROLES_NONE }));
      expect(await store.people.listWithRole(tenantId, 'community_manager')).toEqual([]);
      const [revoked] = (await store.audit.list(tenantId, { limit: 50 })).filter((e) => e.action === 'role.revoked');
      expect(revoked).toMatchObject({
        subjectId: cleo!.id,
        details: { role: 'community_manager', source: 'configuration' },
      });
    });
  });
}
