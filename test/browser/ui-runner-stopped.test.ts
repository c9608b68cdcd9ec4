// The page when the runner itself stops (Ctrl-C in its terminal), in Debian's Chromium: the panel
// says so and how to start it again, instead of "the shell has ended" or retrying for long, and a
// Run pressed then ends at once with an error on its step.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { terminalStringsFor } from '../../i18n/terminal.ts';
import { finalVerdict, launchBrowser, startRunner, type Runner, runbookUrl } from '../helpers/ui-harness.ts';

const s = terminalStringsFor('en');
let runner: Runner;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  runner = await startRunner();
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(runbookUrl(runner.server));
});

afterAll(async () => {
  await browser?.close();
  await runner?.close();
});

test('a stopped runner is named as such, with the command that starts it', async () => {
  await page.locator('.rg-open').click();
  await page.waitForFunction(() => document.querySelector('.rg-state')?.textContent?.startsWith('Connected'), null, { timeout: 60_000 });
  await runner.server.close();
  await page.waitForFunction((text) => document.querySelector('.rg-state')?.textContent === text, s.state.stopped, { timeout: 30_000 });
  expect(await page.locator('.rg-alert').textContent()).toBe(s.runnerStopped);
  expect(await page.locator('.rg-state').textContent()).not.toContain('ended');
  // A Run now fails on its step at once, naming the stopped runner, rather than spinning.
  await page.locator('.rg-step[data-step="tmp-loop"] .rg-run[data-which="run"]').click();
  expect(await finalVerdict(page, 'tmp-loop', 30_000)).toBe('error');
  expect(await page.locator('.rg-step[data-step="tmp-loop"] .rg-verdict').textContent()).toContain('./runguide start');
});
