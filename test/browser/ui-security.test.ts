// The runner against another web page on the same machine, in Debian's Chromium: a local site on
// another port of 127.0.0.1 (a dev server, another user's) must neither receive the runner's token
// nor frame the runner's pages; and the pages' Content-Security-Policy leaves the terminal and the
// search working. The runner and the other site are both real HTTP servers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { launchBrowser, RUNBOOK_PATH, startRunner, type Runner, runbookUrl } from '../helpers/ui-harness.ts';

let runner: Runner;
let browser: Browser;
let other: Server;
let otherOrigin: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  runner = await startRunner();
  browser = await launchBrowser();
  // The other local site: it records every request's headers, and serves a page that frames the runner.
  other = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      req.url === '/frame'
        ? `<!doctype html><title>other</title><iframe id="f" src="${runner.server.origin}${RUNBOOK_PATH}" width="1200" height="800"></iframe>`
        : '<!doctype html><title>other</title><p>another local site</p>',
    );
  });
  await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
  otherOrigin = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
});

afterAll(async () => {
  await browser?.close();
  await runner?.close();
  await new Promise((ok) => other?.close(ok));
});

describe('the token stays with the runner', () => {
  test('a local site on another port never receives it, and the address bar drops it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(runner.server.url); // what `./runguide start` prints: …/#token=…
    await page.waitForURL((u) => u.pathname === '/en/' && u.hash === '');
    await page.goto(`${runner.server.origin}${RUNBOOK_PATH}`);
    await page.locator('.rg-open').waitFor({ state: 'visible' }); // the runner answered: the tab holds the token
    expect(await context.cookies()).toEqual([]);

    seen.length = 0;
    await page.goto(`${otherOrigin}/`);
    const second = await context.newPage();
    await second.goto(`${otherOrigin}/again`);
    // The other site's own script cannot fetch it either: no cookie goes with a request to the runner.
    const status = await second.evaluate(
      async (url) =>
        await fetch(url, { credentials: 'include', mode: 'no-cors' })
          .then((r) => r.status)
          .catch(() => -1),
      `${runner.server.origin}/api/runner`,
    );
    expect(status).toBe(0); // opaque: the answer is not readable, and it was a 401 without the token
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const h of seen) expect(JSON.stringify(h)).not.toContain(runner.server.token);
    await context.close();
  });
});

describe('the runner cannot be framed', () => {
  test('a page on another local port that frames the runbook shows nothing of it, and no terminal opens', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The user has the runner open in this browser, token and all.
    await page.goto(runbookUrl(runner.server));
    await page.locator('.rg-open').waitFor({ state: 'visible' });
    const framing = await context.newPage();
    const refused = framing.waitForEvent('console', {
      predicate: (m) => /frame-ancestors|refused to (display|frame)/i.test(m.text()),
      timeout: 30_000,
    });
    await framing.goto(`${otherOrigin}/frame`);
    await refused;
    const frame = framing.frames().find((f) => f !== framing.mainFrame())!;
    expect(await frame.locator('.rg-open').count()).toBe(0);
    expect(runner.server.sessions.list()).toEqual([]);
    await context.close();
  });
});

describe('the Content-Security-Policy', () => {
  test('every page says frame-ancestors none and nosniff; the terminal, a step and the search work with no violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { violations: string[] }).violations.push(
          `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`,
        ),
      );
    });
    const response = await page.goto(runbookUrl(runner.server));
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');

    await page.locator('.rg-open').waitFor({ state: 'visible' });
    await page.locator('.rg-open').click();
    await page.locator('.rg-step[data-step="virtfs-mounts"] .rg-run[data-which="run"]').click();
    await page.waitForFunction(
      () => document.querySelector('.rg-step[data-step="virtfs-mounts"] .rg-badge')?.getAttribute('data-verdict') === 'pass',
      null,
      { timeout: 60_000 },
    );
    await page.locator('button[data-open-modal]').first().click();
    await page.keyboard.type('securetmp');
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    // The export, built in the page and saved from a blob.
    await page.locator('.rg-export-open').first().click();
    const download = page.waitForEvent('download');
    await page.locator('.rg-export-download').first().click();
    expect((await download).suggestedFilename()).toMatch(/\.sh$/);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    await context.close();
  });
});
