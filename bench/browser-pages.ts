// The pages `./runguide bench browser` measures, each opened fresh in its own browser context and
// left with a shell at its prompt and the probe (browser-probe.ts) on its xterm.js instance:
//   the runner's runbook page, its terminal panel opened by the "Open terminal" button, drawn by
//   xterm's DOM renderer as shipped, or by its WebGL renderer loaded into it (browser-webgl.ts);
//   ttyd's own page, as ttyd 1.7.7 serves it (WebGL, falling back to its canvas renderer).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { installProbe, waitForTail } from './browser-probe.ts';
import { useWebgl } from './browser-webgl.ts';

export const RUNBOOK = '/en/cpanel-backup-freeze/';
export const VIEWPORT = { width: 1280, height: 860 };

export type PageTarget = 'runner-webgl' | 'runner-dom' | 'ttyd';

export interface OpenedPage {
  page: Page;
  /** What draws the terminal: webgl, dom or canvas (ttyd's fallback), as the page says. */
  renderer: string;
  cols: number;
  rows: number;
  /** The terminal's element, in CSS pixels: ttyd's page is given the same size. */
  box: { width: number; height: number };
  close(): Promise<void>;
}

async function sized(context: BrowserContext, page: Page, renderer: string, boxOf: string): Promise<OpenedPage> {
  const { cols, rows, box } = await page.evaluate((sel) => {
    const w = window as unknown as { __bench: { cols(): number; rows(): number } };
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { cols: w.__bench.cols(), rows: w.__bench.rows(), box: { width: Math.round(r.width), height: Math.round(r.height) } };
  }, boxOf);
  return { page, renderer, cols, rows, box, close: () => context.close() };
}

export async function openRunnerPage(
  browser: Browser,
  origin: string,
  token: string,
  target: PageTarget,
  cap: number,
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}${RUNBOOK}#token=${token}`, { waitUntil: 'load', timeout: cap });
    await page.locator('.rg-open').click({ timeout: cap });
    await page.waitForFunction(() => document.querySelector('.rg-state')?.textContent?.startsWith('Connected'), null, { timeout: cap });
    // The panel draws with the DOM renderer; the WebGL column loads the add-on into it here.
    const renderer = target === 'runner-webgl' ? await useWebgl(page) : 'dom';
    await installProbe(page, 'runner');
    await waitForTail(page, /\S/, cap, 1);
    return await sized(context, page, renderer, '.rg-screen');
  } catch (e) {
    await context.close();
    throw e;
  }
}

export async function openTtydPage(
  browser: Browser,
  url: string,
  box: { width: number; height: number },
  cap: number,
): Promise<OpenedPage> {
  // The terminal fills ttyd's page: the page gets the panel's size, so both draw about as many cells.
  const context = await browser.newContext({ viewport: box });
  try {
    const page = await context.newPage();
    let renderer = 'dom';
    const said = new Promise<void>((ok) => {
      page.on('console', (m) => {
        // ttyd 1.7.7's xterm/index.ts says which renderer it loaded, or fell back to.
        const t = m.text();
        if (/WebGL renderer loaded/.test(t)) renderer = 'webgl';
        else if (/canvas renderer loaded/.test(t)) renderer = 'canvas';
        else return;
        ok();
      });
    });
    await page.goto(url, { waitUntil: 'load', timeout: cap });
    await page.waitForFunction(() => (window as unknown as { term?: { buffer?: unknown } }).term?.buffer, null, { timeout: cap });
    await installProbe(page, 'ttyd');
    await waitForTail(page, /\S/, cap, 1);
    await Promise.race([said, new Promise((r) => setTimeout(r, 5000))]);
    await page.evaluate(() => (window as unknown as { term: { focus(): void } }).term.focus());
    return await sized(context, page, renderer, '.xterm');
  } catch (e) {
    await context.close();
    throw e;
  }
}
