// The terminal panel end to end: the real runner (real PTY, real bash on this machine), the real
// built page, real chromium. What a user sees: lazy loading, output, verdicts, confirmation, summary.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seriousViolations } from '../helpers/browser.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runbooks } from '../../runbooks/index.ts';
import { assess } from '../../core/render.ts';
import type { Verdict } from '../../core/step-ref.ts';
import { terminalStrings } from '../../i18n/terminal.ts';
import {
  expectedVerdict,
  finalVerdict,
  launchBrowser,
  runHere,
  screenText,
  startRunner,
  waitForScreen,
  type Runner,
  runbookUrl,
} from '../helpers/ui-harness.ts';

const rb = runbooks['cpanel-backup-freeze']!;
let runner: Runner;
let browser: Browser;
let context: BrowserContext;
let page: Page;
// Every script the page fetched, with its body. A response's body arrives after the response event:
// keep the promises, so a check waits for the bodies of all scripts fetched so far, never for time.
const scripts: Promise<[string, string]>[] = [];

beforeAll(async () => {
  runner = await startRunner({ record: true });
  browser = await launchBrowser();
  context = await browser.newContext();
  // Test hook only: keep a handle on the page's WebSockets, to drop one as a network would.
  await context.addInitScript(() => {
    const Native = window.WebSocket;
    const sockets: WebSocket[] = [];
    (window as unknown as { rgSockets: WebSocket[] }).rgSockets = sockets;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    };
  });
  page = await context.newPage();
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script')
      scripts.push(
        r.text().then(
          (body) => [new URL(r.url()).pathname, body],
          () => [new URL(r.url()).pathname, ''],
        ),
      );
  });
  // The URL the runner prints carries the token; it redirects to the page with a cookie.
  await page.goto(runbookUrl(runner.server));
  await page.locator('.rg-open').waitFor({ state: 'visible' });
});

afterAll(async () => {
  await browser?.close();
  await runner?.close();
});

const xtermLoaded = async () =>
  (await Promise.all(scripts)).filter(([, body]) => body.includes('xterm-helper-textarea')).map(([url]) => url);

describe('terminal panel with the runner', () => {
  test('the page ships no terminal code until the user opens the terminal', async () => {
    await page.waitForLoadState('load');
    // The runner is there: Run buttons of the steps are revealed (once the page has asked the
    // runner), rollback ones are not.
    await page.locator('.rg-step[data-step="tmp-loop"] .rg-run[data-which="run"]').waitFor({ state: 'visible' });
    expect(await page.locator('.rg-step[data-step="agent-mask"] .rg-run[data-which="rollback"]').isVisible()).toBe(false);
    expect(scripts.length).toBeGreaterThan(0);
    expect(await xtermLoaded()).toEqual([]);
    expect(await page.locator('.xterm').count()).toBe(0);

    await page.locator('.rg-open').click();
    await page.locator('.rg-screen .xterm').waitFor();
    // The terminal's code came as one script, fetched on the click.
    expect(await xtermLoaded()).toHaveLength(1);
    // With it, the panel's text in the page's language only, not the six others.
    const locales = (await Promise.all(scripts))
      .map(([url]) => /\/_astro\/(en|pt-pt|fr|de|es|it|pl)\.[^/]+\.js$/.exec(url)?.[1])
      .filter(Boolean);
    expect(locales).toEqual(['en']);
    expect(await page.locator('.rg-open').getAttribute('aria-expanded')).toBe('true');
    // The focus moves into the terminal.
    await page.waitForFunction(() => document.activeElement?.classList.contains('xterm-helper-textarea'));
    await page.locator('.rg-download').waitFor({ state: 'visible' });
  });

  test('typing in the terminal reaches the shell', async () => {
    await page.waitForFunction(() => document.querySelector('.rg-state')?.textContent?.startsWith('Connected'));
    await page.keyboard.type('echo hel""lo-from-ui');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'hello-from-ui');
  });

  test('a flood of output reaches the screen: the page acknowledges what it wrote', async () => {
    // The runner pauses the shell above 100 000 unacknowledged characters: without acks this stalls.
    await page.keyboard.type('seq 1 300000; echo flood-$((40+2))-done');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'flood-42-done', 120_000);
  });

  test('a read-only step runs on this machine: its output in the terminal, its verdict on the page', async () => {
    const expected = expectedVerdict('tmp-loop');
    await page.locator('.rg-step[data-step="tmp-loop"] .rg-run[data-which="run"]').click();
    expect(await finalVerdict(page, 'tmp-loop')).toBe(expected);
    await waitForScreen(page, '/tmp:');
    const badge = page.locator('.rg-step[data-step="tmp-loop"] .rg-badge');
    // Words and a duration, not colour alone; a check says what it found, and quotes its last line.
    expect(await badge.textContent()).toMatch(expected === 'pass' ? /OK · [\d.]+ s/ : /Risk factor found|Could not tell/);
    expect(await page.locator('.rg-step[data-step="tmp-loop"] .rg-verdict-output').textContent()).toBe(runHere('tmp-loop').lastLine);
    // The panel's header repeats the last verdict, as a link back to its step.
    const last = page.locator('.rg-drawer-head .rg-last');
    expect(await last.textContent()).toMatch(
      expected === 'pass'
        ? /^Is \/tmp on a loop device\?: OK · [\d.]+ s/
        : /^Is \/tmp on a loop device\?: (Risk factor found|Could not tell)/,
    );
    expect(await last.getAttribute('href')).toBe('#step-tmp-loop');
  });

  test('"Run all checks" runs the diagnosis in page order and fills the verdict card', async () => {
    await page.locator('.rg-assessment .rg-run-all').click();
    const ids = await page.$$eval('.rg-step:not([data-fix])', (els) => els.map((e) => (e as HTMLElement).dataset.step!));
    // Done when the card is complete: no "n of m checks" line left.
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('.rg-assessment .rg-card-checks li[data-verdict]:not([data-verdict="none"])').length === n &&
        !document.querySelector('.rg-assessment .rg-card-stopped'),
      ids.length,
      { timeout: 240_000 },
    );
    const verdicts: Record<string, Verdict> = {};
    for (const id of ids) verdicts[id] = (await finalVerdict(page, id)) as Verdict;
    const a = assess(rb, verdicts);
    const head = page.locator('.rg-assessment .rg-card-verdict');
    expect(await head.getAttribute('data-outcome')).toBe(a.outcome);
    // The dock repeats it in a few words.
    expect(await page.locator('.rg-summary .rg-summary-head').getAttribute('data-outcome')).toBe(a.outcome);
    expect(await page.locator('.rg-summary .rg-summary-head').textContent()).toBe(terminalStrings.en.outcome[a.outcome]);
    // The card names the host, lists the conditions of the rule, and quotes each check's last line.
    expect(await page.locator('.rg-card-about').textContent()).toMatch(/^On this machine, as root, at /);
    const rule = a.outcome === 'at-risk-latent' ? rb.risk.latent! : rb.risk.now;
    expect(await page.locator('.rg-conditions > li').count()).toBe(rule.length);
    const tmp = page.locator('.rg-card-checks li', { has: page.locator('a[href="#step-tmp-loop"]') });
    expect(await tmp.getAttribute('data-verdict')).toBe(verdicts['tmp-loop']);
    expect(await tmp.locator('.rg-card-output').textContent()).toBe(runHere('tmp-loop').lastLine);
    // Checks that could not tell are listed, each a link to its step.
    const errored = ids.filter((id) => verdicts[id] === 'error');
    expect(await page.locator('.rg-card-errored a').evaluateAll((as) => as.map((x) => x.getAttribute('href')))).toEqual(
      errored.map((id) => `#step-${id}`),
    );
    if (a.atRisk) {
      const href = await page.locator('.rg-assessment .rg-summary-recommend a').getAttribute('href');
      expect(await page.locator(`${href} `).count()).toBe(1);
    }
  });

  test('the session recording downloads as asciicast v2', async () => {
    // The link fetches with the tab's token (a plain link could not send it), then saves.
    const download = page.waitForEvent('download');
    await page.locator('.rg-download').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^runguide-[0-9a-f-]{36}\.cast$/);
    const body = readFileSync((await saved.path())!, 'utf8');
    expect(JSON.parse(body.split('\n')[0]!).version).toBe(2);
    expect(body).toContain('hello-from-ui');
  });

  test('the terminal follows the site theme', async () => {
    const bg = () => page.evaluate(() => getComputedStyle(document.querySelector('.rg-screen .xterm-scrollable-element')!).backgroundColor);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    const dark = await bg();
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await page.waitForFunction(
      (d) => getComputedStyle(document.querySelector('.rg-screen .xterm-scrollable-element')!).backgroundColor !== d,
      dark,
    );
    expect(await bg()).toBe('rgb(251, 251, 252)');
  });

  test('no serious or critical accessibility violation with the panel open', async () => {
    expect(await page.locator('.rg-drawer').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  }, 240_000); // axe walks a long page on two busy cores

  test('a dropped connection comes back to the same session', async () => {
    const saved = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('runguide:terminal-session')!).session as string);
    const session = await saved();
    const count = await page.evaluate(() => (window as unknown as { rgSockets: WebSocket[] }).rgSockets.length);
    await page.evaluate(() => (window as unknown as { rgSockets: WebSocket[] }).rgSockets.at(-1)!.close());
    await page.waitForFunction((n) => (window as unknown as { rgSockets: WebSocket[] }).rgSockets.length > n, count, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('.rg-state')?.textContent?.startsWith('Connected'), null, { timeout: 60_000 });
    expect(await saved()).toBe(session);
    await page.locator('.rg-screen .xterm').click();
    await page.keyboard.type('echo back-$((1+1))-again');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'back-2-again');
  });

  test('Escape then Tab leaves the terminal; Escape outside it closes the drawer', async () => {
    await page.locator('.rg-screen .xterm').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(false);
    await page.locator('.rg-new-session').focus();
    await page.keyboard.press('Escape');
    expect(await page.locator('.rg-drawer').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('rg-open'))).toBe(true);
    // Verdicts stay on the page when the drawer is closed.
    expect(await page.locator('.rg-step[data-step="tmp-loop"] .rg-badge').isVisible()).toBe(true);
  });

  test('a reloaded tab gets its session back, screen included', async () => {
    // The last command typed printed this; the runner replays the screen.
    expect(await screenText(page)).toContain('back-2-again');
    const verdict = await finalVerdict(page, 'tmp-loop');
    const outcome = await page.locator('.rg-card-verdict').getAttribute('data-outcome');
    await page.reload();
    await page.locator('.rg-screen .xterm').waitFor({ timeout: 60_000 });
    await waitForScreen(page, 'back-2-again');
    expect(await page.locator('.rg-state').textContent()).toMatch(/^Connected/);
    // The verdicts survive the reload, with the card.
    expect(await finalVerdict(page, 'tmp-loop')).toBe(verdict);
    expect(await page.locator('.rg-card-verdict').getAttribute('data-outcome')).toBe(outcome);
    expect(await page.locator('.rg-card-restored').isVisible()).toBe(true);
  });
});

test('the throwaway HOME is used by the runner', () => {
  expect(runner.server.paths.home).toBe(runner.home);
  expect(existsSync(runner.server.paths.auditLog)).toBe(true);
});
