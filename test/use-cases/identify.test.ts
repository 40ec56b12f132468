import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformIdentity } from '../../core/src/domain/person.ts';
import { DONE } from '../../core/src/ingest/outcome.ts';
import type { PlatformProfile } from '../../core/src/ports/chat-platform.ts';
import type { Clock } from '../../core/src/ports/clock.ts';
import type { Store } from '../../core/src/ports/store/index.ts';
import { type IdentifyDeps, identify } from '../../core/src/use-cases/identify.ts';
import { recordActivities } from '../../core/src/use-cases/record-platform-activity.ts';
import { openTemporaryEmbeddedStore } from '../support/embedded-store.ts';
import { aGroup, anInstallation, aPerson, aTenant } from '../support/factories.ts';

// Issue "A real install works from day one", item 8: a person's locale and local time zone are
// taken from what they sent when nothing else is known of them (PLATFORMS.md Wave 2 §13).

const clock: Clock = { now: () => new Date('2026-03-02T10:00:00Z') };
const WORKSPACE = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const montreal = { locale: 'fr-CA', timeZone: 'America/Toronto' };
/** What Graph says of someone without mailbox settings: no zone, no language. */
const noMailbox: PlatformProfile = {
  displayName: 'Camille Roy',
  email: null,
  timeZone: null,
  locale: null,
  isBot: false,
  deleted: false,
};

describe('who someone is, met for the first time', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let profile: PlatformProfile;
  let deps: IdentifyDeps;
  let tenantId: string;
  let n = 0;
  const someone = (): PlatformIdentity => ({
    platform: 'teams',
    workspaceId: WORKSPACE,
    userId: `aaaaaaaa-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });

  beforeAll(async () => {
    ({ store, dispose } = await openTemporaryEmbeddedStore());
    const tenant = aTenant({ defaultTimeZone: 'Europe/London', defaultLocale: 'en' });
    tenantId = tenant.id;
    await store.tenants.save(tenant);
    await store.installations.save(anInstallation(tenantId, 'teams', WORKSPACE, clock.now()));
    deps = { store, clock, profiles: { teams: { readProfile: async () => profile } } };
  });
  afterAll(() => dispose());

  it('takes the locale and time zone their message carried when their profile has none', async () => {
    profile = noMailbox;
    expect(await identify(deps, someone(), montreal)).toMatchObject({
      ok: true,
      value: { person: { locale: 'fr', timeZone: 'America/Toronto' } },
    });
  });

  it('keeps to the tenant’s defaults without it, or when what it says is no zone', async () => {
    profile = noMailbox;
    expect(await identify(deps, someone())).toMatchObject({
      value: { person: { locale: 'en', timeZone: 'Europe/London' } },
    });
    for (const timeZone of ['+01:00', 'Romance Standard Time', 'Mars/Olympus']) {
      expect(await identify(deps, someone(), { timeZone })).toMatchObject({
        value: { person: { locale: 'en', timeZone: 'Europe/London' } },
      });
    }
  });

  it('prefers what their profile says, their own setting', async () => {
    profile = { ...noMailbox, timeZone: 'Asia/Tokyo', locale: 'ru' };
    expect(await identify(deps, someone(), montreal)).toMatchObject({
      value: { person: { locale: 'ru', timeZone: 'Asia/Tokyo' } },
    });
  });

  it('changes nothing for someone already known', async () => {
    const known = aPerson(tenantId, { locale: 'en', timeZone: 'Europe/London', identities: [someone()] });
    await store.people.save(known);
    expect(await identify(deps, known.identities[0]!, montreal)).toMatchObject({
      value: { person: { id: known.id, locale: 'en', timeZone: 'Europe/London' } },
    });
  });

  it('takes them from a channel message too, when its author is counted for the first time', async () => {
    profile = noMailbox;
    const owner = aPerson(tenantId, { identities: [someone()] });
    await store.people.save(owner);
    const group = aGroup(tenantId, [owner.id], {
      platformRef: { platform: 'teams', workspaceId: WORKSPACE, id: 'design' },
    });
    await store.groups.save(group);
    const actor = someone();
    const outcome = await recordActivities(deps, [
      {
        kind: 'post',
        group: group.platformRef,
        actor,
        occurredAt: clock.now(),
        platformEventId: 'message:1',
        threadId: '1',
        asksQuestion: false,
        actorFallback: montreal,
      },
    ]);
    expect(outcome).toEqual([DONE]);
    expect(await store.people.findByIdentity(tenantId, actor)).toMatchObject({
      locale: 'fr',
      timeZone: 'America/Toronto',
    });
  });
});
