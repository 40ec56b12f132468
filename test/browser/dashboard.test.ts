import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../apps/dashboard/src/client/api.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { type RunningSteward, startSteward } from '../../apps/server/src/steward.ts';
import {
  flagLabel,
  type GroupDetail,
  type GroupsOverview,
  type Locale,
  type OwnersOverview,
  translate,
} from '../../core/src/index.ts';
import { launchChromium } from '../support/chromium.ts';
import { aContentItem } from '../support/factories.ts';

// The dashboard driven in Debian's Chromium, as a community manager would, on the demo company
// (52 groups) in the embedded store: sign-in, the table, a group's charts, the CSV, accessibility.
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const DEMO_GROUPS = 52;
const LAPTOP = { width: 1366, height: 900 };
// A Teams personal tab in a narrow window.
const TEAMS_TAB = { width: 520, height: 900 };

describe('the dashboard in Chromium', () => {
  let dataDir: string;
  let steward: RunningSteward;
  let browser: Browser;
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate('en', key, params);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'steward-dashboard-'));
    steward = await startSteward(
      loadConfig({ STEWARD_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', STEWARD_DEMO: 'true' }),
      createLogger('silent', false),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await steward?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** A browser of its own, signed in through the demo sign-in; page errors are collected to be asserted. */
  async function signedIn(
    options: {
      role?: 'community_manager' | 'owner';
      locale?: Locale;
      viewport?: typeof LAPTOP;
      bypassCSP?: boolean;
    } = {},
  ) {
    const context = await browser.newContext({
      viewport: options.viewport ?? LAPTOP,
      bypassCSP: options.bypassCSP ?? false,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const answer = await page.request.post(`${steward.url}/auth/demo`, {
      data: { role: options.role ?? 'community_manager', locale: options.locale ?? 'en' },
    });
    expect(answer.status(), await answer.text()).toBeLessThan(300);
    return { context, page, errors };
  }

  const groupsApi = async (page: Page, query: string) => {
    const answer = await page.request.get(`${steward.url}/api/v1/groups?${query}`);
    expect(answer.status()).toBe(200);
    return (await answer.json()) as GroupsOverview;
  };
  const rowNames = (page: Page) => page.locator('table.groups tbody th.name').allInnerTexts();
  const openTable = async (page: Page, query = '') => {
    await page.goto(`${steward.url}/dashboard${query}`);
    await page.locator('table.groups tbody tr').first().waitFor();
  };

  /** No serious or critical violation of axe-core's rules (WCAG 2.x A and AA) on the page as it stands. */
  async function expectAccessible(page: Page) {
    await page.addScriptTag({ path: AXE });
    type Violation = { id: string; impact: string; nodes: { target: string[] }[] };
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
    const result = await page.evaluate<{ violations: Violation[] }>(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } })`,
    );
    const grave = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(grave).toEqual([]);
  }

  it('sends a visitor without a session to the sign-in, to come back to the dashboard', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${steward.url}/dashboard`);
    await page.waitForURL(/\/auth\/signin\?next=(\/|%2F)dashboard$/);
    await context.close();
  });

  it('is framed by Teams’ hosts only and loads nothing from elsewhere', async () => {
    const { context, page } = await signedIn();
    const answer = (await page.goto(`${steward.url}/dashboard`))!;
    expect(answer.url()).toBe(`${steward.url}/dashboard`);
    const policy = (await answer.headerValue('content-security-policy')) ?? '';
    const ancestors = policy
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('frame-ancestors'));
    expect(ancestors?.split(/\s+/).slice(1).sort()).toEqual(
      [
        "'self'",
        'https://*.cloud.microsoft',
        'https://*.microsoft365.com',
        'https://*.office.com',
        'https://*.teams.microsoft.com',
        'https://teams.microsoft.com',
      ].sort(),
    );
    expect(policy).toContain("script-src 'self'");
    const html = await answer.text();
    expect(
      [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
        .map((m) => m[1])
        .every((url) => url!.startsWith('/dashboard/assets/')),
    ).toBe(true);
    await context.close();
  });

  it('shows all 52 demo groups with their health, components and flags, as the API has them', async () => {
    const { context, page, errors } = await signedIn();
    await openTable(page, '?limit=100');
    const api = await groupsApi(page, 'limit=100');
    expect(api.total).toBe(DEMO_GROUPS);
    await expect.poll(() => page.locator('table.groups tbody tr').count()).toBe(DEMO_GROUPS);
    expect(await rowNames(page)).toEqual(api.rows.map((row) => row.name));
    for (const [i, row] of api.rows.entries()) {
      const tr = page.locator('table.groups tbody tr').nth(i);
      expect(row.health?.score, row.name).toBeTypeOf('number');
      expect(await tr.locator('.score strong').innerText()).toBe(String(row.health!.score));
      expect(await tr.locator('.components li').count()).toBe(7);
      expect(await tr.locator('.chips li').allInnerTexts()).toEqual(
        row.health!.flags.map((flag) => t(flagLabel(flag))),
      );
    }
    // Some demo group raises some flag: the chips are not empty throughout.
    expect(api.rows.some((row) => row.health!.flags.length > 0)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sorts by a column header, and says so', async () => {
    const { context, page } = await signedIn();
    await openTable(page, '?limit=100');
    const header = page.getByRole('columnheader', { name: t('dashboard.column.members') });
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const api = await groupsApi(page, 'limit=100&sort=members&order=asc');
    await expect.poll(() => rowNames(page)).toEqual(api.rows.map((row) => row.name));
    const members = api.rows.map((row) => row.health!.members);
    expect(members).toEqual([...members].sort((a, b) => a - b));
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    expect(page.url()).toContain('order=desc');
    await context.close();
  });

  it('filters by platform, flag and text, keeps the view in the URL, and Back undoes a filter', async () => {
    const { context, page } = await signedIn();
    await openTable(page, '?limit=100');
    await page.getByRole('combobox', { name: t('dashboard.filter.platform') }).selectOption('teams');
    const teams = await groupsApi(page, 'limit=100&platform=teams');
    expect(teams.total).toBeGreaterThan(0);
    expect(teams.total).toBeLessThan(DEMO_GROUPS);
    await expect.poll(() => rowNames(page)).toEqual(teams.rows.map((row) => row.name));
    expect(new Set(await page.locator('table.groups tbody tr td:nth-child(3)').allInnerTexts())).toEqual(
      new Set([t('dashboard.platform.teams')]),
    );

    await page.getByRole('checkbox', { name: t('group.flag.single_owner') }).check();
    const single = await groupsApi(page, 'limit=100&platform=teams&flag=single_owner');
    await expect.poll(() => rowNames(page)).toEqual(single.rows.map((row) => row.name));
    expect(single.rows.every((row) => row.health!.flags.includes('single_owner'))).toBe(true);

    await page.goBack();
    await expect.poll(() => rowNames(page)).toEqual(teams.rows.map((row) => row.name));

    const word = teams.rows[0]!.name.slice(1, 5);
    await page.getByLabel(t('dashboard.filter.search')).fill(word);
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(word);
    const found = await groupsApi(page, `limit=100&platform=teams&q=${encodeURIComponent(word)}`);
    await expect.poll(() => rowNames(page)).toEqual(found.rows.map((row) => row.name));
    expect(found.rows.every((row) => row.name.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    await context.close();
  });

  it('downloads the CSV of the filtered table, the same groups as the API’s JSON', async () => {
    const { context, page } = await signedIn();
    await openTable(page, '?platform=slack');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: t('dashboard.csv') }).click(),
    ]);
    const text = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const records = parse(text, { columns: true }) as Record<string, string>[];
    const api = await groupsApi(page, 'platform=slack&limit=200');
    expect(records).toHaveLength(api.total);
    const nameColumn = Object.keys(records[0]!).find((column) => /name/i.test(column))!;
    const scoreColumn = Object.keys(records[0]!).find((column) => /score/i.test(column))!;
    expect(records.map((r) => [r[nameColumn], Number(r[scoreColumn])])).toEqual(
      api.rows.map((row) => [row.name, row.health!.score]),
    );
    await context.close();
  });

  it('opens a group and draws its charts, each with a text alternative', async () => {
    const { context, page, errors } = await signedIn();
    await openTable(page);
    const first = page.locator('table.groups tbody th.name a').first();
    const name = await first.innerText();
    await first.click();
    await expect.poll(() => page.locator('h1').innerText()).toBe(name);
    await page.getByRole('link', { name: t('dashboard.period.days', { count: 90 }) }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('days')).toBe('90');
    const charts = page.locator('figure.chart');
    await expect.poll(() => charts.count()).toBe(5);
    const drawn = page.locator('figure.chart canvas');
    await expect.poll(() => drawn.count()).toBeGreaterThanOrEqual(4);
    // Drawn: every canvas has a size (read in one go: a period change redraws the charts).
    await expect
      .poll(() =>
        drawn.evaluateAll((canvases) =>
          canvases.every((c) => c.getBoundingClientRect().width > 100 && c.getBoundingClientRect().height > 50),
        ),
      )
      .toBe(true);
    for (const plot of await page.locator('figure.chart .plot').all())
      expect(await plot.getAttribute('aria-label')).toMatch(/\d/);
    const table = charts.first().locator('details');
    await table.locator('summary').click();
    expect(await table.locator('tbody tr').count()).toBe(90);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('names a group’s top contributors and the askers of its open questions, as the API has them', async () => {
    const { context, page } = await signedIn();
    const [healthiest] = (await groupsApi(page, 'sort=score&order=desc&limit=1')).rows;
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const range = `from=${day(89)}&to=${day(0)}`;
    const answer = await page.request.get(`${steward.url}/api/v1/groups/${healthiest!.groupId}?${range}`);
    const detail = (await answer.json()) as Json<GroupDetail>;
    expect(detail.contributors.top.length).toBeGreaterThan(0);
    // Every demo contributor is a person on record: a name, never an id.
    expect(detail.contributors.top.every((c) => c.displayName !== null)).toBe(true);
    await page.goto(`${steward.url}/dashboard/groups/${healthiest!.groupId}?${range}`);
    const top = page.getByRole('table', { name: t('dashboard.top') });
    await top.waitFor();
    expect(await top.locator('tbody th').allInnerTexts()).toEqual(detail.contributors.top.map((c) => c.displayName));
    const open = page.locator('section[aria-labelledby="questions-title"] tbody tr td:nth-child(3)');
    expect(await open.allInnerTexts()).toEqual(detail.questions.open.map((q) => q.askerName));
    await context.close();
  });

  it('lists a group’s waiting membership requests and content to review in full, as the API has them', async () => {
    const { context, page, errors } = await signedIn();
    // A demo group with both lists: found through the API, as a manager would through the table.
    const { rows } = await groupsApi(page, 'limit=100');
    let found: { groupId: string; detail: Json<GroupDetail> } | undefined;
    for (const row of rows.filter((r) => (r.health?.requestsWaiting ?? 0) > 0)) {
      const detail = (await (
        await page.request.get(`${steward.url}/api/v1/groups/${row.groupId}`)
      ).json()) as Json<GroupDetail>;
      if (detail.contentDue.total > 0) {
        found = { groupId: row.groupId, detail };
        break;
      }
    }
    expect(found, 'a demo group with requests waiting and content due').toBeDefined();
    const { groupId, detail } = found!;
    expect(detail.pendingRequests.total).toBeGreaterThan(0);
    await page.goto(`${steward.url}/dashboard/groups/${groupId}#requests`);
    const requests = page.getByRole('table', { name: t('dashboard.requests.list') });
    await requests.waitFor();
    expect(await page.locator('section#requests tbody tr td:nth-child(1)').allInnerTexts()).toEqual(
      detail.pendingRequests.rows.map((r) => r.requesterName ?? t('dashboard.person.unknown')),
    );
    const content = page.getByRole('table', { name: t('dashboard.content.list') });
    await content.waitFor();
    expect(await page.locator('section#content tbody tr td:nth-child(1)').allInnerTexts()).toEqual(
      detail.contentDue.rows.map((c) => c.title),
    );
    expect(await page.locator('section#content tbody tr td:nth-child(2)').allInnerTexts()).toEqual(
      detail.contentDue.rows.map((c) => t(`dashboard.kind.${c.kind}`)),
    );
    // The card's other anchor lands on a section too.
    expect(await page.locator('section#questions').count()).toBe(1);
    // A platform's link is anyone's text: a `javascript:` bookmark is shown as its title, never as a link.
    await steward.store.contentItems.save(
      aContentItem(detail.group.tenantId, groupId, { title: 'Hostile bookmark', link: 'javascript:alert(1)' }),
    );
    await page.reload();
    const hostile = page.locator('section#content tbody tr', { hasText: 'Hostile bookmark' });
    await hostile.waitFor();
    expect(await hostile.locator('a').count()).toBe(0);
    expect(await page.locator('section#content a[href^="javascript"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a community manager message the owners of selected groups from a dialog that keeps the keyboard', async () => {
    const { context, page } = await signedIn();
    await openTable(page);
    const rows = page.locator('table.groups tbody tr');
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    const open = page.getByRole('button', { name: t('dashboard.message.open', { count: 2 }) });
    await open.click();
    const dialog = page.getByRole('dialog', { name: t('dashboard.message_dialog.title') });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => open.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);

    await open.click();
    await dialog.getByLabel(t('dashboard.message_dialog.note')).fill('Please have a look this week.');
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/groups/message'));
    await dialog.getByRole('button', { name: t('dashboard.message.send') }).click();
    const outcome = (await (await answer).json()) as { owners: number; messages: number };
    expect(outcome.owners).toBeGreaterThan(0);
    // The dialog says how many owners the API wrote to, in the viewer's words.
    await expect
      .poll(() => dialog.getByRole('status').innerText())
      .toBe(t('dashboard.message.sent', { count: outcome.owners }));
    await context.close();
  });

  it('shows an owner no message action', async () => {
    const { context, page } = await signedIn({ role: 'owner' });
    await openTable(page);
    expect(await page.getByRole('button', { name: /Message the owners/ }).count()).toBe(0);
    await context.close();
  });

  it('lists the owners with their weekly-hour record', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${steward.url}/dashboard/owners`);
    await page.locator('table.owners-table tbody tr').first().waitFor();
    const api = (await (await page.request.get(`${steward.url}/api/v1/owners`)).json()) as Json<OwnersOverview>;
    expect(await page.locator('table.owners-table tbody th').allInnerTexts()).toEqual(
      api.rows.map((row) => expect.stringContaining(row.name)),
    );
    // Each owner's last 8 weeks as done, skipped and missed, as the API counts them.
    const record = ({ done, skipped, missed }: (typeof api.rows)[number]['weeklyHours']) =>
      done + skipped + missed === 0
        ? t('dashboard.none')
        : t('dashboard.owner.weekly_record', { done, skipped, missed });
    expect(await page.locator('table.owners-table tbody td:nth-child(3)').allInnerTexts()).toEqual(
      api.rows.map((row) => record(row.weeklyHours)),
    );
    await context.close();
  });

  it('has no serious or critical accessibility violation on any page', async () => {
    // axe is injected as a script of the test's: the page's policy would rightly refuse it.
    const { context, page } = await signedIn({ bypassCSP: true });
    await openTable(page);
    await expectAccessible(page);
    await page.locator('table.groups tbody tr').first().getByRole('checkbox').check();
    await page.getByRole('button', { name: t('dashboard.message.open', { count: 1 }) }).click();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await page.locator('table.groups tbody th.name a').first().click();
    await page.locator('figure.chart canvas').first().waitFor();
    await expectAccessible(page);
    await page.goto(`${steward.url}/dashboard/owners`);
    await page.locator('table.owners-table tbody tr').first().waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('takes screenshots on a laptop and in a Teams tab, for people to look at', async () => {
    for (const [name, viewport] of [
      ['laptop', LAPTOP],
      ['teams-tab', TEAMS_TAB],
    ] as const) {
      const { context, page } = await signedIn({ viewport });
      await openTable(page, '?theme=default');
      await page.screenshot({ path: join(tmpdir(), `dashboard-groups-${name}.png`), fullPage: false });
      await page.locator('table.groups tbody th.name a').first().click();
      await page.locator('figure.chart canvas').first().waitFor();
      await page.screenshot({ path: join(tmpdir(), `dashboard-group-${name}.png`), fullPage: true });
      await context.close();
    }
  });
});
