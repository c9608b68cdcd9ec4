// The drawer's search box, in the real page against the real runner: it finds text in the output,
// and xterm's search add-on is fetched at the first search, not when the terminal opens.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, runbookUrl, startRunner, waitForScreen, type Runner } from '../helpers/ui-harness.ts';

let runner: Runner;
let browser: Browser;
let page: Page;
/** Bodies of the scripts fetched so far (a body arrives after its response event: keep the promises). */
const scripts: Promise<string>[] = [];
const searchCode = async () => (await Promise.all(scripts)).filter((body) => body.includes('findNext')).length;

beforeAll(async () => {
  runner = await startRunner();
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r.text().catch(() => ''));
  });
  await page.goto(runbookUrl(runner.server));
  await page.locator('.rg-open').click();
  await page.waitForFunction(() => document.querySelector('.rg-state')?.textContent?.startsWith('Connected'));
});

afterAll(async () => {
  await browser?.close();
  await runner?.close();
});

test('the search box finds text in the output, its code fetched at the first search', async () => {
  await page.keyboard.type('echo sea""rch-me-42');
  await page.keyboard.press('Enter');
  await waitForScreen(page, 'search-me-42');
  // Only the panel, which calls the add-on, names findNext so far.
  const before = await searchCode();
  await page.locator('.rg-search-input').fill('search-me');
  await page.locator('.rg-search-input').press('Enter');
  // The add-on selects the match in xterm's buffer (the instance is on the screen element).
  await page.waitForFunction(
    () =>
      (document.querySelector('.rg-screen') as HTMLElement & { rgTerm?: { getSelection(): string } }).rgTerm?.getSelection() ===
      'search-me',
  );
  expect(await searchCode()).toBe(before + 1);
});
