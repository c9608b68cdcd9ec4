// A sysadmin's first hour, in a real browser against the real runner: on a phone and on a desktop,
// what they see when they press Run, approve a change, fill in a parameter or reload the page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { finalVerdict, launchBrowser, screenText, startRunner, type Runner, runbookUrl } from '../helpers/ui-harness.ts';

let runner: Runner;
let browser: Browser;

beforeAll(async () => {
  runner = await startRunner();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await runner?.close();
});

/** True when `el`'s box lies inside the window and above the dock. */
const inView = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    const dockTop = document.querySelector('.rg-dock')!.getBoundingClientRect().top;
    return r.top >= 0 && r.bottom <= dockTop && r.height > 0;
  }, selector);

describe('on a phone (390×844, touch)', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
    await page.goto(runbookUrl(runner.server));
    await page.locator('.rg-step[data-step="tmp-loop"] .rg-run[data-which="run"]').waitFor({ state: 'visible' });
  });
  afterAll(() => context?.close());

  test('Run with the terminal closed: the verdict shows where the user tapped, the wrapper never on screen', async () => {
    await page.locator('.rg-step[data-step="tmp-loop"] .rg-run[data-which="run"]').tap();
    expect(await finalVerdict(page, 'tmp-loop')).toMatch(/^(pass|fail)$/);
    // The verdict sits right after the Run button, in view above the dock.
    expect(
      await page.evaluate(() =>
        document
          .querySelector('.rg-step[data-step="tmp-loop"] .rg-block[data-which="run"]')!
          .nextElementSibling?.matches('output.rg-verdict'),
      ),
    ).toBe(true);
    expect(await inView(page, '.rg-step[data-step="tmp-loop"] .rg-badge')).toBe(true);
    // At 40 columns the label wraps: look at the rows joined.
    const screen = (await screenText(page)).replace(/\n/g, '');
    expect(screen).toContain('runguide: cpanel-backup-freeze/tmp-loop');
    expect(screen).not.toMatch(/sh -c|stty|base64|trap :/);
  });

  test('the panel leaves room for the page: one toolbar row, no keyboard hints, no page widening', async () => {
    const [drawer, head, hint] = await page.evaluate(() => [
      document.querySelector('.rg-drawer')!.getBoundingClientRect().height,
      document.querySelector('.rg-drawer-head')!.getBoundingClientRect().height,
      getComputedStyle(document.querySelector('.rg-hint')!).display,
    ]);
    expect(drawer).toBeLessThanOrEqual(844 * 0.45);
    expect(head).toBeLessThan(56);
    expect(hint).toBe('none');
    const bar = await page.evaluate(() => document.querySelector('.rg-bar')!.getBoundingClientRect().height);
    expect(bar).toBeLessThan(56);
    await page.locator('.rg-export-open').tap();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.keyboard.press('Escape');
  });

  test('the confirmation is centred and shows the whole command, wrapped', async () => {
    await page.locator('.rg-step[data-step="agent-mask"] .rg-run[data-which="run"]').tap();
    const dialog = page.locator('dialog.rg-confirm');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(Math.abs(box.x + box.width / 2 - 195)).toBeLessThan(10);
    expect(await dialog.locator('.rg-confirm-command').evaluate((pre) => pre.scrollWidth <= pre.clientWidth)).toBe(true);
    await dialog.locator('.rg-confirm-cancel').tap();
    expect(await finalVerdict(page, 'agent-mask')).toBe('cancelled');
  });
});

describe('on a desktop', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await page.goto(runbookUrl(runner.server));
    await page.locator('.rg-step[data-step="tmp-loop"] .rg-run[data-which="run"]').waitFor({ state: 'visible' });
  });
  afterAll(() => context?.close());

  test('the keyboard reaches "Run all checks" in three key presses, by a skip link', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab'); // Starlight's "Skip to content"
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the checks');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('rg-run-all'))).toBe(true);
  });

  test('the commands on the page show the value typed for {{user}}, and copy it', async () => {
    const section = page.locator('.rg-step[data-step="shell-user"]');
    const code = () => section.locator('.rg-block[data-which="run"] pre').first().textContent();
    const copy = () => section.locator('.rg-block[data-which="run"] [data-code]').first().getAttribute('data-code');
    await section.locator('input.rg-param').fill('alice42');
    expect(await code()).toContain('alice42');
    expect(await code()).not.toContain('{{user}}');
    expect(await copy()).toContain('alice42');
    // A value the step refuses is not shown as if it would run.
    await section.locator('input.rg-param').fill('Bad User!');
    expect(await code()).toContain('{{user}}');
    expect(await code()).not.toContain('Bad User!');
  });

  test('a change step and a check look different, and their verdict shows next to the button pressed', async () => {
    const style = (sel: string) => page.locator(sel).evaluate((b) => getComputedStyle(b).backgroundColor);
    const check = await style('.rg-step[data-step="tmp-loop"] .rg-run[data-which="run"]');
    const change = await style('.rg-step[data-step="agent-mask"] .rg-run[data-which="run"]');
    expect(check).not.toBe(change);
    expect(check).not.toBe('rgba(0, 0, 0, 0)');
    await page.locator('.rg-step[data-step="panic-on-hang"] .rg-run[data-which="run"]').click();
    expect(await finalVerdict(page, 'panic-on-hang')).toMatch(/^(pass|fail)$/);
    expect(await inView(page, '.rg-step[data-step="panic-on-hang"] .rg-badge')).toBe(true);
    // The dock repeats the verdict so far, with how many checks it rests on.
    expect(await page.locator('.rg-summary .rg-summary-head').textContent()).toMatch(/1 of \d+ checks have run/);
  });
});
