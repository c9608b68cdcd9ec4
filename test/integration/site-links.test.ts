// The built site as a whole: languages and titles, links and assets, credits and licence, home
// pages, search, and the fixes of the seed translation's errors.
import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runbooks } from '../../runbooks/index.ts';
import { LOCALES, localeIds } from '../../core/locales.ts';
import { t } from '../../i18n/site.ts';
import { copyText, DIST, fileFor, htmlPages, readPage, runbookPage, SITE_ORIGIN } from '../helpers/site-dist.ts';

const slugs = Object.keys(runbooks);
const pages = htmlPages();

describe('the built site', () => {
  test('every page has a lang and a non-empty <title>', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const html = readPage(page);
      if (!html.querySelector('html')?.getAttribute('lang')) problems.push(`${page}: no lang`);
      if (!html.querySelector('head > title')?.text.trim()) problems.push(`${page}: no title`);
    }
    expect(pages.length).toBeGreaterThan(7);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('every internal link, script and stylesheet resolves to a file in dist/', () => {
    const broken = new Set<string>();
    let links = 0;
    for (const page of pages) {
      const base = new URL(`/${page}`, SITE_ORIGIN);
      for (const el of readPage(page).querySelectorAll('a[href], link[href], script[src], img[src]')) {
        const raw = el.getAttribute('href') ?? el.getAttribute('src')!;
        const url = new URL(raw, base);
        if (url.origin !== SITE_ORIGIN || raw.startsWith('#')) continue;
        // The 404 page's canonical and hreflang links name its own (by nature missing) URL per locale.
        if (page === '404.html' && /^(canonical|alternate)$/.test(el.getAttribute('rel') ?? '')) continue;
        links++;
        if (!fileFor(url.pathname)) broken.add(`${page}: ${raw}`);
      }
    }
    expect(links).toBeGreaterThan(0);
    expect([...broken], [...broken].join('\n')).toEqual([]);
  });

  test("runbook pages carry none of the seed translation's known errors", () => {
    const errors: [string, RegExp][] = [
      ['truncated unit name', /systemctl status qemu-guest(?!-agent)\b/],
      ['"Ative:" for "Active:"', /\bAtive:/],
      ['stray ";" after disable', /disable qemu-guest-agent;/],
      ['"fiar o sistema"', /fiar o sistema/i],
      ['"kernel panico"', /kernel panico/i],
      ['"dossieres"', /dossieres/i],
    ];
    const problems: string[] = [];
    let checked = 0;
    for (const slug of slugs)
      for (const locale of localeIds) {
        const page = runbookPage(locale, slug);
        if (!existsSync(join(DIST, page))) continue;
        const html = readPage(page);
        const text = [html.querySelector('main')?.text ?? '', ...html.querySelectorAll('[data-code]').map(copyText)].join('\n');
        checked++;
        for (const [what, re] of errors) if (re.test(text)) problems.push(`${page}: ${what}`);
      }
    expect(checked).toBeGreaterThan(0);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('every runbook page credits its source guide and licence, once', () => {
    const problems: string[] = [];
    for (const [slug, rb] of Object.entries(runbooks))
      for (const locale of localeIds) {
        const page = runbookPage(locale, slug);
        if (!existsSync(join(DIST, page))) continue;
        const html = readPage(page);
        const credits = html.querySelectorAll('main .rg-credits');
        if (credits.length !== 1) problems.push(`${page}: ${credits.length} credits blocks`);
        const hrefs = credits[0]?.querySelectorAll('a').map((a) => a.getAttribute('href')) ?? [];
        if (!hrefs.includes(rb.source.url)) problems.push(`${page}: no link to the source guide`);
        if (!hrefs.includes(rb.source.licenceUrl)) problems.push(`${page}: no link to the licence`);
        if (!credits[0]?.text.includes(rb.source.licence)) problems.push(`${page}: licence not named`);
      }
    // Home pages are not runbooks: no credits there.
    for (const locale of localeIds)
      if (readPage(`${locale}/index.html`).querySelector('.rg-credits')) problems.push(`${locale}/: has runbook credits`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('each locale has a home page linking to every runbook in that locale', () => {
    const problems: string[] = [];
    for (const locale of localeIds) {
      const html = readPage(`${locale}/index.html`);
      if (html.querySelector('html')?.getAttribute('lang') !== LOCALES[locale]) problems.push(`${locale}/: lang`);
      if (html.querySelector('main')?.getAttribute('lang') !== LOCALES[locale]) problems.push(`${locale}/: fallback content`);
      const hrefs = html.querySelectorAll('main a').map((a) => a.getAttribute('href'));
      for (const slug of slugs) if (!hrefs.includes(`/${locale}/${slug}/`)) problems.push(`${locale}/: no link to ${slug}`);
      if (!html.querySelector('main')?.text.includes('./runguide start')) problems.push(`${locale}/: no ./runguide start`);
      // The runner section: the instructions shown, the "runner is running" line there but hidden
      // until the page's script finds the runner (test/ui-page-layout.test.ts sees it shown).
      const section = html.querySelector('main .rg-runner-home');
      const start = section?.querySelector('.rg-runner-start');
      const ready = section?.querySelector('.rg-runner-ready');
      if (!start?.text.includes('./runguide start') || start.hasAttribute('hidden'))
        problems.push(`${locale}/: the start instructions are not shown`);
      if (ready?.text.trim() !== t(locale).home.runnerRunning || !ready.hasAttribute('hidden'))
        problems.push(`${locale}/: no hidden "${t(locale).home.runnerRunning}"`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('is a production build: pages carry the search UI, not the development notice', () => {
    const html = readPage('en/index.html');
    expect(html.querySelector('#starlight__search'), 'no search UI: built in development mode?').not.toBeNull();
  });

  test('Pagefind builds one search index per language', () => {
    const files = readdirSync(join(DIST, 'pagefind'));
    const missing = localeIds.filter((l) => !files.some((f) => f.startsWith(`pagefind.${LOCALES[l].toLowerCase()}_`)));
    expect(missing, `no search index for ${missing.join(', ')}`).toEqual([]);
  });

  test("Starlight's UI strings are European Portuguese on pt-pt pages", () => {
    const html = readPage('pt-pt/index.html');
    const ui = html.querySelector('.sl-skip-link, a[href="#_top"]')?.text.trim();
    expect(ui).toBe('Saltar para o conteúdo');
    const text = html.toString();
    for (const brazilian of ['Pular para o conteúdo', 'em sua língua', 'Seção', 'Próximo'])
      expect(text, `pt-pt/ uses the Brazilian "${brazilian}"`).not.toContain(brazilian);
  });
});
