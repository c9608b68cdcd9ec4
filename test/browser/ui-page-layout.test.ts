// The runbook page's layout in Debian's Chromium, served as plain files: what to do comes first (the
// diagnosis and its verdict card near the top), and nothing is wider than the window, at a desktop
// and a phone size: no sideways scrolling of the page, no lab table cut off at its column's edge.
// And the home page, served by the running runner, says that it runs instead of how to start it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { t } from '../../i18n/site.ts';
import { serveDist, type StaticServer } from '../helpers/site-dist.ts';
import { launchBrowser, RUNBOOK_PATH, runbookUrl, startRunner, type Runner } from '../helpers/ui-harness.ts';

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

let site: StaticServer;
let runner: Runner;
let browser: Browser;

beforeAll(async () => {
  [site, runner, browser] = await Promise.all([serveDist(), startRunner(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await runner?.close();
  await site?.close();
});

async function withPage<T>(options: BrowserContextOptions, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * Elements of `selector` that reach past the left or right edge of the box of `within`, as text.
 * Visually hidden ones (inside a clipped 1 px box, like the headers of a table shown as cards) are
 * not seen, so they do not count.
 */
function overflowing(page: Page, selector: string, within: string): Promise<string[]> {
  return page.evaluate(
    ([sel, box]) => {
      const clipped = (el: Element) => {
        for (let e: Element | null = el; e; e = e.parentElement)
          if (getComputedStyle(e).clipPath !== 'none' && e.getBoundingClientRect().width <= 1) return true;
        return false;
      };
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>(sel)) {
        if (clipped(el)) continue;
        const outer = el.closest<HTMLElement>(box)?.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        if (!outer) out.push(`${sel}: not inside ${box}`);
        else if (r.left < outer.left - 0.5 || r.right > outer.right + 0.5)
          out.push(
            `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" spans ${Math.round(r.left)}–${Math.round(r.right)}, its box ${Math.round(outer.left)}–${Math.round(outer.right)}`,
          );
      }
      return out;
    },
    [selector, within] as const,
  );
}

describe('the runbook page', () => {
  for (const locale of ['en', 'de'])
    for (const viewport of VIEWPORTS)
      test(`${locale} at ${viewport.width}×${viewport.height}: diagnosis first, nothing wider than the window`, async () => {
        await withPage({ viewport }, async (page) => {
          const res = await page.goto(site.url + RUNBOOK_PATH.replace('/en/', `/${locale}/`), { waitUntil: 'load', timeout: 120_000 });
          expect(res?.status()).toBe(200);

          // The lab evidence is folded; opened, its tables must still fit (that is when they are read).
          const details = page.locator('details.rg-lab');
          expect(await details.count(), 'one folded lab evidence block').toBe(1);
          expect(await details.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
          await details.locator('summary').click();
          await page.waitForFunction(() => document.querySelector<HTMLDetailsElement>('details.rg-lab')?.open === true);

          const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
          expect(width.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(width.inner);

          // Every cell of the lab tables lies within the lab block, and no table scrolls inside.
          expect(await overflowing(page, '.rg-lab-evidence th, .rg-lab-evidence td', 'details.rg-lab')).toEqual([]);
          const scrolling = await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('main table, .rg-lab-evidence')]
              .filter((el) => el.scrollWidth > el.clientWidth + 1)
              .map((el) => `${el.className || el.tagName}: ${el.scrollWidth} > ${el.clientWidth}`),
          );
          expect(scrolling, 'a table is cut off at its edge').toEqual([]);
          // Markdown tables ("Choose a fix") stay inside the content column too.
          expect(await overflowing(page, '.sl-markdown-content table', '.sl-markdown-content')).toEqual([]);

          if (viewport.width === 1440) {
            // In document coordinates: the diagnosis heading (the h2 over the first step) and the
            // verdict card with "Run all checks" come within the first 2000 px.
            const tops = await page.evaluate(() => {
              const top = (el: Element | null | undefined) => (el ? el.getBoundingClientRect().top + window.scrollY : null);
              const firstStep = document.querySelector('section.rg-step');
              const h2s = [...document.querySelectorAll('main h2')].filter(
                (h) => firstStep && h.compareDocumentPosition(firstStep) & Node.DOCUMENT_POSITION_FOLLOWING,
              );
              return { diagnose: top(h2s.at(-1)), card: top(document.querySelector('.rg-assessment')) };
            });
            expect(tops.diagnose, 'no h2 before the first step').not.toBeNull();
            expect(tops.diagnose!).toBeLessThan(2000);
            expect(tops.card, 'no verdict card').not.toBeNull();
            expect(tops.card!).toBeLessThan(2000);
          }
        });
      });
});

describe('the home page', () => {
  const running = (locale: string) => t(locale).home.runnerRunning;
  const stateOf = (page: Page) => page.locator('.rg-runner-home').getAttribute('data-runner');

  for (const locale of ['en', 'de'])
    test(`${locale}: served by the runner, it says the runner is running`, async () => {
      await withPage({}, async (page) => {
        await page.goto(runbookUrl(runner.server, `/${locale}/`));
        await page.locator('.rg-runner-ready').waitFor({ state: 'visible' });
        expect(await page.locator('.rg-runner-ready').textContent()).toContain(running(locale));
        expect(await page.locator('.rg-runner-start').isVisible(), 'start instructions still shown').toBe(false);
        expect(await stateOf(page)).toBe('ready');
      });
    });

  test('served by the runner to a tab without its token, it says how to get access', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${runner.server.origin}/en/`);
      await page.locator('.rg-runner-unauthorized').waitFor({ state: 'visible' });
      expect(await page.locator('.rg-runner-unauthorized').textContent()).toContain(t('en').home.runnerUnauthorized);
      expect(await page.locator('.rg-runner-ready').isVisible()).toBe(false);
    });
  });

  test('on a static host, the instructions to start the runner stay', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${site.url}/en/`);
      await page.waitForFunction(() => document.querySelector<HTMLElement>('.rg-runner-home')?.dataset.runner === 'absent');
      expect(await page.locator('.rg-runner-start').isVisible()).toBe(true);
      expect(await page.locator('.rg-runner-start code').first().textContent()).toContain('./runguide start');
      expect(await page.locator('.rg-runner-ready').isVisible()).toBe(false);
      expect(await page.getByText(running('en')).isVisible()).toBe(false);
    });
  });

  test('without JavaScript, even on the runner, the instructions stay', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(runbookUrl(runner.server, '/en/'));
      expect(await page.locator('.rg-runner-start').isVisible()).toBe(true);
      expect(await page.locator('.rg-runner-ready').isVisible()).toBe(false);
    });
  });
});
