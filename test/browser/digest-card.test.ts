import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import { digestCard, enqueue, type Locale, needsAttention, systemClock } from '../../core/src/index.ts';
import { aGroup, aPerson, aTenant } from '../support/factories.ts';

const CHROMIUM = '/usr/bin/chromium';
const URL_BASE = 'https://steward.example.com';

// The digest card as Teams draws it (the preview inbox renders Adaptive Cards with Microsoft's
// adaptivecards library), in English and Russian, looked at in Chromium: every group and its
// reasons readable, each a link to its dashboard page, "and 2 more" linked to the table.
describe('the digest card drawn as an Adaptive Card in Chromium', () => {
  let dataDir: string;
  let steward: RunningSteward;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}`);
    dataDir = await mkdtemp(join(tmpdir(), 'steward-digest-card-'));
    steward = await startSteward(
      loadConfig({ STEWARD_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', STEWARD_DEMO: 'false' }),
      createLogger('silent', false),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await steward?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const groups = Array.from({ length: 12 }, (_, n) => ({
    group: { groupId: `g${n}`, name: n === 0 ? 'Ghost town' : `Group ${n}` },
    score: 20 + n,
    reasons: needsAttention({
      score: 20 + n,
      trend: n === 1 ? -15 : 0,
      flags: n === 0 ? ['ownerless', 'idle'] : ['requests_waiting'],
      requestsWaiting: n,
      questionsWaiting: 0,
      ownerMissedWeeks: n === 2 ? 3 : 0,
    }),
  }));

  for (const [locale, words] of [
    [
      'en',
      { title: 'Groups that need attention this week', ghost: 'Ghost town: no active owner, idle', more: 'and 2 more' },
    ],
    [
      'ru',
      {
        title: 'Группы, которым нужно внимание на этой неделе',
        ghost: 'Ghost town: нет активного владельца, неактивна',
        more: '2',
      },
    ],
  ] as const) {
    it(`shows the digest in ${locale}, each group a link to its page`, async () => {
      const tenant = aTenant();
      await steward.store.tenants.save(tenant);
      const manager = aPerson(tenant.id, {
        locale: locale as Locale,
        roles: ['community_manager'],
        displayName: `Manager ${locale}`,
      });
      await steward.store.people.save(manager);
      // The preview lists owners: the manager owns a group too.
      await steward.store.groups.save(aGroup(tenant.id, [manager.id]));
      const card = digestCard(locale, { totalGroups: 40, groups }, URL_BASE);
      await enqueue({ store: steward.store, clock: systemClock }, tenant.id, 'slack', {
        operation: 'send_card',
        payload: { to: manager.identities[0]!, card },
      });

      const page = await browser.newPage({ viewport: { width: 520, height: 1100 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${steward.url}/preview`);
      await page.getByLabel('Person').selectOption(manager.id);
      await expect.poll(() => page.locator('#cards').innerText(), { timeout: 30_000 }).toContain(words.title);
      const drawn = page.locator('section.card', { hasText: words.title }).first();
      const ghost = drawn.getByRole('link', { name: words.ghost });
      expect(await ghost.getAttribute('href')).toBe(`${URL_BASE}/dashboard/groups/g0`);
      expect(await drawn.getByRole('link').count()).toBe(10 + 2);
      expect(await drawn.innerText()).toContain(words.more);
      await drawn.screenshot({ path: join(tmpdir(), `digest-card-${locale}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
