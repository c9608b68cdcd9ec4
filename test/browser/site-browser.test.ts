// The built site in a real browser (Debian's Chromium), served by a plain static server: no serious
// or critical axe violation on any page in either theme, and `/` picks the browser's language.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { launchBrowser, seriousViolations } from '../helpers/browser.ts';
import { localeIds } from '../../core/locales.ts';
import { htmlPages, serveDist, urlPath, type StaticServer } from '../helpers/site-dist.ts';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage<T>(options: BrowserContextOptions, fn: (page: import('playwright-core').Page) => Promise<T>) {
  const context = await browser.newContext(options);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

describe('accessibility (axe-core)', () => {
  // Starlight follows prefers-color-scheme until the reader picks a theme; so does the page at /.
  for (const scheme of ['light', 'dark'] as const)
    test(`no serious or critical violation on any page, ${scheme} theme`, async () => {
      const pages = htmlPages();
      const problems: string[] = [];
      // A Japanese browser: the page at / finds no matching language and stays (a list of links).
      await withPage({ colorScheme: scheme, locale: 'ja-JP' }, async (page) => {
        for (const file of pages) {
          const path = urlPath(file);
          // Generous: two cores shared with other builds and browsers; no timing is asserted.
          await page.goto(server.url + path, { waitUntil: 'load', timeout: 120_000 });
          expect(new URL(page.url()).pathname, 'the page moved away before the check').toBe(path);
          if (path !== '/') {
            const theme = await page.evaluate(() => document.documentElement.dataset.theme);
            expect(theme, `${path}: theme`).toBe(scheme);
          }
          for (const v of await seriousViolations(page)) problems.push(`${path} [${scheme}] ${v}`);
        }
      });
      expect(pages.length).toBeGreaterThan(7);
      expect(problems, problems.join('\n')).toEqual([]);
    }, 900_000);
});

describe('the page at /', () => {
  test('sends a French browser to /fr/', async () => {
    await withPage({ locale: 'fr-FR' }, async (page) => {
      await page.goto(server.url + '/');
      await page.waitForURL(`${server.url}/fr/`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    });
  });

  test('sends a Brazilian Portuguese browser to the European Portuguese site, keeping the query and this tab’s runner token', async () => {
    const token = '0123456789abcdef0123456789abcdef';
    await withPage({ locale: 'pt-BR' }, async (page) => {
      await page.goto(`${server.url}/?q=freeze#token=${token}`);
      // The token left the address bar for this tab's storage (src/terminal/token.ts).
      await page.waitForURL(`${server.url}/pt-pt/?q=freeze`);
      expect(await page.evaluate(() => sessionStorage.getItem('runguide:token'))).toBe(token);
    });
  });

  test('lists every language, linked and labelled, without JavaScript', async () => {
    await withPage({ locale: 'fr-FR', javaScriptEnabled: false }, async (page) => {
      await page.goto(server.url + '/');
      expect(new URL(page.url()).pathname).toBe('/');
      const links = await page
        .getByRole('navigation')
        .getByRole('link')
        .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), lang: a.getAttribute('lang'), text: a.textContent?.trim() })));
      expect(links.map((l) => l.href).sort()).toEqual(localeIds.map((l) => `/${l}/`).sort());
      for (const l of links) expect(l.lang && l.text, JSON.stringify(l)).toBeTruthy();
    });
  });

  test('stays on the list when no language matches', async () => {
    await withPage({ locale: 'ja-JP' }, async (page) => {
      await page.goto(server.url + '/');
      await expect(page.getByRole('link', { name: 'Français' }).isVisible()).resolves.toBe(true);
      expect(new URL(page.url()).pathname).toBe('/');
    });
  });
});

describe('search', () => {
  test("finds pages of the reader's language only", async () => {
    await withPage({ locale: 'fr-FR' }, async (page) => {
      await page.goto(server.url + '/fr/', { timeout: 120_000 });
      await page.locator('button[data-open-modal]').click();
      await page.locator('#starlight__search input').fill('runguide');
      const results = page.locator('.pagefind-ui__result-link');
      await results.first().waitFor({ timeout: 60_000 });
      const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href).toMatch(/^\/fr\//);
    });
  });
});

describe('a runbook step in the browser', () => {
  test("a parameter input refuses a value its schema's pattern refuses", async () => {
    const path = htmlPages()
      .map(urlPath)
      .find(
        (p) => p.startsWith('/en/') && readFileSync(`${process.env.RUNGUIDE_DIST ?? 'dist'}${p}index.html`, 'utf8').includes('rg-param'),
      );
    expect(path, 'no English page shows a step with a parameter').toBeTruthy();
    await withPage({}, async (page) => {
      await page.goto(server.url + path);
      const input = page.locator('input.rg-param').first();
      expect(await input.evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(true);
      await input.fill('Bad User;');
      expect(await input.evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(false);
      // Its label is the visible, localized name of the parameter.
      const label = await input.evaluate((el: HTMLInputElement) => el.labels?.[0]?.textContent?.trim());
      expect(label).toBeTruthy();
    });
  });
});
