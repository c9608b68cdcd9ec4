// The page's Export control in a real browser (Debian's Chromium) on the built site: it loads the
// generator only when opened, its downloads are byte-identical to the CLI's output for the same
// options, and the open panel has no serious or critical axe violation.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousViolations } from '../helpers/browser.ts';
import { serveDist, type StaticServer } from '../helpers/site-dist.ts';
import { exportStrings } from '../../i18n/export.ts';
import { cli, locales, runbook } from '../helpers/export-common.ts';

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

async function withPage<T>(path: string, fn: (page: Page, requests: string[]) => Promise<T>, colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ acceptDownloads: true, colorScheme });
  try {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(server.url + path, { waitUntil: 'load' });
    return await fn(page, requests);
  } finally {
    await context.close();
  }
}

interface Choice {
  format: 'sh' | 'ansible';
  lang: string;
  fix: string;
  distro?: 'el' | 'ubuntu';
  rollback?: boolean;
  params?: Record<string, string>;
}

/** Fills the form like a user (by the labels' texts), downloads, returns the file's name and bytes. */
async function exportInPage(page: Page, pageLang: keyof typeof exportStrings, c: Choice) {
  const s = exportStrings[pageLang].panel;
  const form = page.getByRole('form', { name: s.heading });
  if (!(await form.isVisible())) await page.getByRole('button', { name: s.open, exact: true }).click();
  await form.getByLabel(s.format).selectOption(c.format);
  await form.getByLabel(s.language).selectOption(c.lang);
  await form.getByLabel(s.fix).selectOption(c.fix);
  if (c.distro) await form.getByLabel(s.distro).selectOption(c.distro);
  const rollback = form.getByLabel(s.rollback);
  if (c.rollback) await rollback.check();
  else if (await rollback.isVisible()) await rollback.uncheck();
  for (const [name, value] of Object.entries(c.params ?? {})) await form.locator(`input[name="param-${name}"]`).fill(value);
  const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: s.download }).click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

function cliBytes(c: Choice): Buffer {
  const args = [runbook.slug, '--format', c.format, '--lang', c.lang, '--fix', c.fix];
  if (c.distro) args.push('--distro', c.distro);
  if (c.rollback) args.push('--rollback');
  for (const [k, v] of Object.entries(c.params ?? {})) args.push('--param', `${k}=${v}`);
  const r = cli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return Buffer.from(r.stdout, 'utf8');
}

const pageLang = locales.includes('pt-pt') ? 'pt-pt' : 'en';
const otherLang = locales.find((l) => l !== pageLang) ?? pageLang;

describe('Export on a runbook page', () => {
  test('the generator loads only when Export is opened', async () => {
    await withPage(`/${pageLang}/${runbook.slug}/`, async (page, requests) => {
      await page.waitForLoadState('networkidle');
      const generatorChunks = () => requests.filter((p) => /\/_astro\/(export|runbooks)\.[^/]*\.js$/.test(p));
      expect(generatorChunks()).toEqual([]);
      const s = exportStrings[pageLang].panel;
      const open = page.getByRole('button', { name: s.open, exact: true });
      expect(await open.getAttribute('aria-expanded')).toBe('false');
      await open.click();
      expect(await open.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => generatorChunks().length, { timeout: 60_000 }).toBeGreaterThan(0);
      // The page's language is the default language of the export.
      expect(await page.getByRole('form', { name: s.heading }).getByLabel(s.language).inputValue()).toBe(pageLang);
    });
  });

  const choices: Choice[] = [
    { format: 'sh', lang: pageLang, fix: 'none', distro: 'el' },
    { format: 'sh', lang: otherLang, fix: 'shell', distro: 'ubuntu', params: { user: 'alice' } },
    { format: 'sh', lang: pageLang, fix: 'securetmp', distro: 'el', rollback: true },
    { format: 'ansible', lang: otherLang, fix: 'none' },
    { format: 'ansible', lang: pageLang, fix: 'shell', rollback: true, params: { user: 'bob' } },
  ];
  test('downloads are byte-identical to the CLI output for the same options', async () => {
    await withPage(`/${pageLang}/${runbook.slug}/`, async (page) => {
      for (const c of choices) {
        const got = await exportInPage(page, pageLang, c);
        const want = cliBytes(c);
        expect(got.bytes.equals(want), `${JSON.stringify(c)}: page and CLI differ`).toBe(true);
        expect(got.name).toMatch(c.format === 'sh' ? /\.sh$/ : /\.yml$/);
      }
    });
  }, 180_000);

  test('a bad parameter value is refused and nothing is downloaded', async () => {
    await withPage(`/${pageLang}/${runbook.slug}/`, async (page) => {
      const s = exportStrings[pageLang].panel;
      await page.getByRole('button', { name: s.open, exact: true }).click();
      const form = page.getByRole('form', { name: s.heading });
      await form.getByLabel(s.fix).selectOption('shell');
      await form.locator('input[name="param-user"]').fill('alice; rm -rf /');
      let downloads = 0;
      page.on('download', () => downloads++);
      await form.getByRole('button', { name: s.download }).click();
      expect(await form.locator('input[name="param-user"]').evaluate((i: HTMLInputElement) => i.validity.valid)).toBe(false);
      await page.waitForTimeout(500);
      expect(downloads).toBe(0);
    });
  });

  for (const scheme of ['light', 'dark'] as const)
    test(`the open panel (${scheme} theme): labelled controls, real buttons, no serious or critical axe violation`, async () => {
      await withPage(
        `/${pageLang}/${runbook.slug}/`,
        async (page) => {
          const s = exportStrings[pageLang].panel;
          await page.getByRole('button', { name: s.open, exact: true }).click();
          const form = page.getByRole('form', { name: s.heading });
          await form.getByLabel(s.fix).selectOption('shell'); // reveals the parameter and the rollback box
          // The generator loads on demand: on a loaded machine that can take a while.
          for (const label of [s.format, s.language, s.fix, s.distro, s.rollback])
            await expect.poll(() => form.getByLabel(label).count(), { timeout: 60_000 }).toBe(1);
          expect(await seriousViolations(page, '.rg-export')).toEqual([]);
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
        },
        scheme,
      );
    });
});
