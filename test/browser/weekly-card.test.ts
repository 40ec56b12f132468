import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../apps/teams/src/render/adaptive-card.ts';
import { ACTION_SET_MAX_ACTIONS } from '../../apps/teams/src/render/limits.ts';
import { busyOwnerCard } from '../support/busy-owner.ts';
import { launchChromium } from '../support/chromium.ts';

// The weekly card as Teams draws it: Microsoft's adaptivecards library in Chromium, with buttons
// sharing a row's width as Teams' host config has them (which is where "Done" became "D…"), at the
// width of a Teams chat column. Screenshots go to /work/screens (outside the repository) to look at.
const SCREENS = process.env['STEWARD_SCREENS'] ?? '/work/screens';
const require = createRequire(import.meta.url);
const LIBRARY = require.resolve('adaptivecards/dist/adaptivecards.min.js');
const STYLES = require.resolve('adaptivecards/dist/adaptivecards.css');

// Our markdown is Teams's subset: backslash escapes, **bold**, [links](https://…), "- " lines.
const MARKDOWN = `
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (markdown, result) => {
  const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  result.outputHtml = '<p>' + escape(markdown.replace(/\\\\(.)/g, '$1'))
    .replace(/\\*\\*(.+?)\\*\\*/g, '<strong>$1</strong>')
    .replace(/\\[([^\\]]*)\\]\\((https?:[^)\\s]+)\\)/g, '<a href="$2">$1</a>')
    .replace(/\\n/g, '<br>') + '</p>';
  result.didProcess = true;
};`;

async function draw(page: Page, json: unknown): Promise<void> {
  await page.setContent(
    '<html><body style="margin:0;background:#f5f5f5;font-family:Segoe UI,system-ui,sans-serif"><div id="card" style="width:440px;margin:12px;background:white"></div></body></html>',
  );
  await page.addStyleTag({ path: STYLES });
  await page.addScriptTag({ path: LIBRARY });
  await page.addScriptTag({ content: MARKDOWN });
  await page.evaluate(
    ([card, maxActions]) => {
      const library = (
        window as unknown as {
          AdaptiveCards: {
            AdaptiveCard: new () => { hostConfig: unknown; parse(json: unknown): void; render(): HTMLElement };
            HostConfig: new (json: object) => unknown;
          };
        }
      ).AdaptiveCards;
      const drawn = new library.AdaptiveCard();
      drawn.hostConfig = new library.HostConfig({
        fontFamily: 'Segoe UI, system-ui, sans-serif',
        actions: { maxActions, actionsOrientation: 'horizontal', actionAlignment: 'stretch', buttonSpacing: 8 },
      });
      drawn.parse(card);
      document.getElementById('card')?.replaceChildren(drawn.render());
    },
    [json, ACTION_SET_MAX_ACTIONS] as const,
  );
}

/** The labels of buttons whose words do not fit them (the library cuts them with an ellipsis). */
function truncatedButtons(page: Page): Promise<string[]> {
  return page.$$eval('button.ac-pushButton', (buttons) =>
    buttons.flatMap((button) => {
      const words = button.querySelector('div') ?? button;
      return words.scrollWidth > words.clientWidth + 1 ? [button.textContent ?? ''] : [];
    }),
  );
}

describe('the weekly card drawn as an Adaptive Card in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const [locale, words] of [
    [
      'en',
      {
        done: 'Done',
        fold: 'Top contributors and members gone quiet ▾',
        top: 'Top contributors this week',
        summary: '18 requests · 18 overdue questions',
        handTo: 'Hand to…',
        timeOff: 'Last day away',
      },
    ],
    [
      'ru',
      {
        done: 'Готово',
        fold: 'Активные и притихшие участники ▾',
        top: 'Самые активные на этой неделе',
        summary: '18 заявок · 18 вопросов без ответа',
        handTo: 'Передать…',
        timeOff: 'Последний день отсутствия',
      },
    ],
    [
      'fr',
      {
        done: 'Fait',
        fold: 'Contributeurs actifs et membres silencieux ▾',
        top: 'Contributeurs de la semaine',
        summary: '18 demandes · 18 questions en retard',
        handTo: 'Confier à…',
        timeOff: 'Dernier jour d’absence',
      },
    ],
  ] as const) {
    for (const groups of [1, 3]) {
      it(`shows ${groups} busy group${groups > 1 ? 's' : ''} in ${locale}: Done whole, what informs folded away until asked for`, async () => {
        const page = await browser.newPage({ viewport: { width: 464, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await draw(page, renderAdaptiveCard(busyOwnerCard(groups, locale)));

        if (groups === 3) expect(await page.locator('#card').innerText()).toContain(words.summary);
        // Done, on top and at the bottom, reads whole; so does every other button.
        const done = page.locator('button.ac-pushButton', { hasText: words.done });
        expect(await done.count()).toBe(2);
        expect(await truncatedButtons(page)).toEqual([]);
        // Top contributors are folded away until the owner opens them.
        const top = page.getByText(words.top).first();
        expect(await top.isVisible()).toBe(false);
        await page.screenshot({ path: join(SCREENS, `weekly-card-${groups}-${locale}.png`), fullPage: true });
        await page
          .locator('button.ac-pushButton', { hasText: words.fold.slice(0, -2) })
          .first()
          .click();
        expect(await top.isVisible()).toBe(true);
        // The requests' menu opens a card to pick one from.
        await page.locator('button.ac-pushButton.expandable').first().click();
        expect(await page.locator('select').first().isVisible()).toBe(true);
        await page.screenshot({ path: join(SCREENS, `weekly-card-${groups}-${locale}-opened.png`), fullPage: true });
        // The bottom menu holds "Time off…": a date to pick, the co-owners, and a button to save.
        await page.locator('button.ac-pushButton.expandable', { hasText: words.handTo }).click();
        expect(await page.locator('input[type="date"]').first().isVisible()).toBe(true);
        expect(await page.locator('#card').innerText()).toContain(words.timeOff);
        expect(await truncatedButtons(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENS, `weekly-card-${groups}-${locale}-time-off.png`), fullPage: true });
        expect(errors).toEqual([]);
        await page.close();
      }, 60_000);
    }
  }
});
