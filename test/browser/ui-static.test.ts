// The site served as plain files (a web host, no runner): every page still works, no Run button
// shows, no terminal code loads, and the page says how to start the local runner.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { serveDist, type StaticServer } from '../helpers/site-dist.ts';
import { launchBrowser, RUNBOOK_PATH } from '../helpers/ui-harness.ts';

let site: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = await serveDist();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

test.each([
  ['en', 'English', './runguide start'],
  ['pt-pt', 'Portuguese', 'executor local'],
  ['pl', 'Polish', 'lokalnego runnera'],
])('without the runner (%s) the panel explains how to start it', async (locale, _name, words) => {
  const page = await browser.newPage();
  const panelChunks: string[] = [];
  page.on('request', (r) => {
    if (/\/_astro\/panel\./.test(r.url())) panelChunks.push(r.url());
  });
  const res = await page.goto(`${site.url}${RUNBOOK_PATH.replace('/en/', `/${locale}/`)}`);
  expect(res?.status()).toBe(200);
  const notice = page.locator('.rg-notice[data-when="absent"]');
  await notice.waitFor({ state: 'visible' });
  expect(await notice.textContent()).toContain(words);
  expect(await notice.locator('code').textContent()).toBe('./runguide start');
  expect(await page.locator('.rg-step').count()).toBeGreaterThan(5);
  expect(await page.locator('.rg-run:visible').count()).toBe(0);
  expect(await page.locator('.rg-open:visible, .rg-run-all:visible').count()).toBe(0);
  expect(panelChunks).toEqual([]);
  // The steps' commands are still there to read and copy.
  expect(await page.locator('.rg-step[data-step="agent-mask"]').textContent()).toContain('systemctl mask --now qemu-guest-agent');
  await page.close();
});

test('a static host that answers every path with a page is not taken for the runner', async () => {
  // Like a single-page-app fallback: unknown paths get 200 and an HTML page, /api/runner included.
  const { createServer } = await import('node:http');
  const spa = createServer(async (req, res) => {
    const upstream = await fetch(`${site.url}${req.url}`);
    res.writeHead(200, { 'content-type': upstream.headers.get('content-type') ?? 'text/html' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((ok) => spa.listen(0, '127.0.0.1', ok));
  const { port } = spa.address() as { port: number };
  const page = await browser.newPage();
  try {
    await page.goto(`http://127.0.0.1:${port}${RUNBOOK_PATH}`);
    await page.locator('.rg-notice[data-when="absent"]').waitFor({ state: 'visible' });
    expect(await page.locator('.rg-run:visible').count()).toBe(0);
  } finally {
    await page.close();
    spa.closeAllConnections();
    await new Promise<void>((ok) => spa.close(() => ok()));
  }
});
