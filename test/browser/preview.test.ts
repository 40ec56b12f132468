import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import { isoWeekOf, newWeeklyHourRecord, translate } from '../../core/src/index.ts';
import { launchChromium } from '../support/chromium.ts';
import { eventually } from '../support/eventually.ts';
import { aSmallTenant } from '../support/factories.ts';

// Debian's Chromium, as CI installs it (.ci/run): the preview page is driven as a person would.

describe('the preview inbox in Chromium', () => {
  let dataDir: string;
  let steward: RunningSteward;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'steward-browser-'));
    steward = await startSteward(
      loadConfig({ STEWARD_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', STEWARD_DEMO: 'false' }),
      createLogger('silent', false),
    );
    browser = await launchChromium();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await steward?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** An owner whose card of this week is out (the scheduler does this at the owner's hour), picked on the page. */
  async function openWeeklyHourOfAnOwner() {
    const { tenant, owner } = await aSmallTenant(steward.store);
    const now = new Date();
    const week = isoWeekOf(now, owner.timeZone);
    await steward.store.weeklyHours.claim(newWeeklyHourRecord(tenant.id, owner.id, week, now));
    await page.goto(`${steward.url}/preview`);
    await page.getByLabel('Person').selectOption(owner.id);
    // Fails with what the page shows instead (an error from the API, say).
    await expect
      .poll(() => page.locator('#cards').innerText(), { timeout: 15_000 })
      .toContain(translate('en', 'weekly_hour.title'));
    const card = page.locator('section.card', { hasText: translate('en', 'weekly_hour.title') }).first();
    const stored = () => steward.store.weeklyHours.get(tenant.id, owner.id, week);
    return { card, stored };
  }

  it('shows an owner’s weekly-hour card, and “Done” logs the hour and updates the card', async () => {
    const { card, stored } = await openWeeklyHourOfAnOwner();
    // Done sits both under the summary and in the bottom row: either logs the hour.
    const done = card.getByRole('button', { name: translate('en', 'weekly_hour.action.done'), exact: true });
    await expect.poll(() => done.count()).toBe(2);
    await done.first().click();

    // The thank-you summary replaces the buttons.
    const thanks = translate('en', 'weekly_hour.done_summary').split('{')[0]!;
    await expect.poll(() => card.innerText()).toContain(thanks);
    expect(await done.count()).toBe(0);
    await card.locator('.card-error').waitFor({ state: 'hidden' });

    const record = await eventually(async () => {
      const now = await stored();
      expect(now?.status).toBe('done');
      return now;
    });
    expect(record?.doneAt).toBeInstanceOf(Date);

    // Opened again, the page shows the card as it now stands.
    await page.reload();
    await expect.poll(() => page.locator('section.card').first().innerText()).toContain(thanks);
    expect(pageErrors).toEqual([]);
  });

  it('asks for the text an action needs under its button, and sends it with the action', async () => {
    const { card, stored } = await openWeeklyHourOfAnOwner();
    const skip = card.getByRole('button', { name: translate('en', 'weekly_hour.action.skip') });
    await skip.first().click();
    await card.getByLabel(translate('en', 'weekly_hour.skip.reason')).fill('On holiday');
    await skip.last().click();

    await expect
      .poll(() => card.innerText())
      .toContain(translate('en', 'weekly_hour.skipped_reason', { reason: 'On holiday' }));
    expect(await card.innerText()).toContain(translate('en', 'weekly_hour.skipped_summary'));
    await eventually(async () => expect(await stored()).toMatchObject({ status: 'skipped', skipReason: 'On holiday' }));
    expect(pageErrors).toEqual([]);
  });
});
