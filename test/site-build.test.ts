// The built site (dist/, built once by test/build.global.ts): every runbook in every locale, every
// step shown with its commands exactly as in the step module, links that resolve, credits, and none
// of the seed translation's known errors.
import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runbooks } from '../runbooks/index.ts';
import { commandFor, isUniversal } from '../core/render.ts';
import { readRunbookMdx } from '../src/build/mdx-steps.ts';
import { DISTROS, LOCALES, localeIds, type Command, type Step } from '../core/schema.ts';
import { t } from '../i18n/site.ts';
import { copyText, DIST, fileFor, htmlPages, readPage, runbookPage, SITE_ORIGIN } from './site-dist.ts';

const slugs = Object.keys(runbooks);
const pages = htmlPages();

/** The texts a step's block for `which` must show: one, or one per distro family. */
function expectedTexts(command: Command): string[] {
  return isUniversal(command) ? [command as string] : DISTROS.map((d) => commandFor(command, d));
}
function blocksOf(step: Step): { which: string; command: Command }[] {
  const out: { which: string; command: Command }[] = [{ which: 'run', command: step.run }];
  if (step.verify) out.push({ which: 'verify', command: step.verify.run });
  if (step.rollback) out.push({ which: 'rollback', command: step.rollback });
  return out;
}

describe('the built site', () => {
  test('emits every runbook page in all 7 locales, each in its own language', () => {
    const problems: string[] = [];
    for (const slug of slugs)
      for (const locale of localeIds) {
        const page = runbookPage(locale, slug);
        if (!existsSync(join(DIST, page))) {
          problems.push(`${page}: not built`);
          continue;
        }
        const html = readPage(page);
        const lang = html.querySelector('html')?.getAttribute('lang');
        if (lang !== LOCALES[locale]) problems.push(`${page}: <html lang="${lang}">, expected ${LOCALES[locale]}`);
        // Starlight falls back to the English text (and marks <main lang="en">) when a locale lacks it.
        const mainLang = html.querySelector('main')?.getAttribute('lang');
        if (mainLang !== LOCALES[locale]) problems.push(`${page}: shows fallback content in "${mainLang}"`);
      }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('every locale shows every step of the module, in the MDX and on the built page', () => {
    const problems: string[] = [];
    for (const [slug, rb] of Object.entries(runbooks))
      for (const locale of localeIds) {
        const mdx = join('src/content/docs', locale, `${slug}.mdx`);
        if (!existsSync(mdx)) {
          problems.push(`${locale}: ${mdx} is missing (shows none of ${rb.steps.length} steps)`);
          continue;
        }
        const refs = new Set(readRunbookMdx(mdx).map((r) => r.id));
        const html = existsSync(join(DIST, runbookPage(locale, slug))) ? readPage(runbookPage(locale, slug)) : null;
        const rendered = new Set(html?.querySelectorAll('section.rg-step').map((s) => s.getAttribute('data-step')));
        for (const step of rb.steps) {
          if (!refs.has(step.id)) problems.push(`${locale}: ${mdx} never shows step ${step.id}`);
          else if (!rendered.has(step.id)) problems.push(`${locale}: the built page lacks step ${step.id}`);
        }
      }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('shows each command, verify and rollback exactly as in the module, per distro', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [slug, rb] of Object.entries(runbooks))
      for (const locale of localeIds) {
        const page = runbookPage(locale, slug);
        if (!existsSync(join(DIST, page))) continue;
        for (const section of readPage(page).querySelectorAll('section.rg-step')) {
          const id = section.getAttribute('data-step')!;
          const step = rb.steps.find((s) => s.id === id);
          if (!step) {
            problems.push(`${page}: step ${id} is not in the module`);
            continue;
          }
          for (const { which, command } of blocksOf(step)) {
            const block = section.querySelector(`.rg-block[data-which="${which}"]`);
            // What the copy button copies, and what the reader sees (one .ec-line per line).
            const copied = block?.querySelectorAll('.copy button[data-code]').map(copyText) ?? [];
            const seen = block?.querySelectorAll('pre code').map((c) => c.querySelectorAll('.ec-line').map((l) => l.text).join('\n')) ?? [];
            const want = JSON.stringify(expectedTexts(command));
            if (JSON.stringify(copied) !== want) problems.push(`${page}: step ${id}, ${which}: copies ${JSON.stringify(copied)}`);
            if (JSON.stringify(seen) !== want) problems.push(`${page}: step ${id}, ${which}: shows ${JSON.stringify(seen)}`);
            checked++;
          }
          const blocks = section.querySelectorAll('.rg-block').map((b) => b.getAttribute('data-which'));
          const want = blocksOf(step).map((b) => b.which);
          if (JSON.stringify(blocks) !== JSON.stringify(want))
            problems.push(`${page}: step ${id} has blocks ${blocks.join(',')}, expected ${want.join(',')}`);
        }
      }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(checked, 'no runbook page shows any step').toBeGreaterThan(0);
  });

  test('gives each step the DOM contract the runner UI relies on', () => {
    const problems: string[] = [];
    let sections = 0;
    for (const [slug, rb] of Object.entries(runbooks))
      for (const locale of localeIds) {
        const page = runbookPage(locale, slug);
        if (!existsSync(join(DIST, page))) continue;
        for (const section of readPage(page).querySelectorAll('section.rg-step')) {
          sections++;
          const step = rb.steps.find((s) => s.id === section.getAttribute('data-step'));
          if (!step) continue;
          const where = `${page}: step ${step.id}`;
          if (section.getAttribute('data-runbook') !== slug) problems.push(`${where}: data-runbook`);
          if (section.getAttribute('data-risk') !== step.risk) problems.push(`${where}: data-risk`);
          if (section.getAttribute('data-root') !== String(step.root)) problems.push(`${where}: data-root`);
          if ((section.getAttribute('data-fix') ?? undefined) !== step.fix) problems.push(`${where}: data-fix`);
          const buttons = section.querySelectorAll('button.rg-run');
          for (const { which } of blocksOf(step)) {
            const b = buttons.filter((x) => x.getAttribute('data-which') === which);
            if (b.length !== 1) problems.push(`${where}: ${b.length} ${which} buttons`);
            else if (b[0]!.getAttribute('type') !== 'button' || !b[0]!.hasAttribute('hidden'))
              problems.push(`${where}: the ${which} button must be type=button and hidden until the runner UI shows it`);
          }
          if (buttons.length !== blocksOf(step).length) problems.push(`${where}: ${buttons.length} run buttons`);
          const out = section.querySelectorAll('output.rg-verdict');
          if (out.length !== 1 || out[0]!.getAttribute('aria-live') !== 'polite')
            problems.push(`${where}: needs one output.rg-verdict with aria-live=polite`);
          for (const [name, spec] of Object.entries(step.params)) {
            const input = section.querySelector(`input.rg-param[data-param="${name}"]`);
            if (!input) {
              problems.push(`${where}: no input for parameter ${name}`);
              continue;
            }
            if (input.getAttribute('value') !== spec.example) problems.push(`${where}: ${name} value`);
            const re = new RegExp(`^(?:${input.getAttribute('pattern')})$`, 'v');
            if (!re.test(spec.example) || re.test('Bad User') || re.test('a;b'))
              problems.push(`${where}: ${name} pattern ${input.getAttribute('pattern')} differs from the schema`);
            const label = section.querySelector(`label[for="${input.id}"]`);
            if (!input.id || !label?.text.trim()) problems.push(`${where}: ${name} input has no label`);
          }
          const badges = section.querySelectorAll('.rg-badges .sl-badge').map((b) => b.text.trim());
          if (badges.length !== (step.root ? 2 : 1)) problems.push(`${where}: badges ${badges.join(', ')}`);
        }
      }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(sections, 'no runbook page shows any step').toBeGreaterThan(0);
  });

  test("lists every step in the page's table of contents, linking to its heading", () => {
    const problems: string[] = [];
    let links = 0;
    for (const slug of slugs)
      for (const locale of localeIds) {
        const page = runbookPage(locale, slug);
        if (!existsSync(join(DIST, page))) continue;
        const html = readPage(page);
        const toc = new Set(html.querySelectorAll('starlight-toc a').map((a) => a.getAttribute('href')));
        for (const section of html.querySelectorAll('section.rg-step')) {
          const heading = section.querySelector(`#${section.getAttribute('aria-labelledby')}`);
          if (!heading || !/^H[2-4]$/.test(heading.tagName)) problems.push(`${page}: step ${section.getAttribute('data-step')} has no heading`);
          else if (!toc.has(`#${heading.id}`)) problems.push(`${page}: step ${heading.id} is not in the table of contents`);
          else links++;
        }
      }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(links).toBeGreaterThan(0);
  });

  test('runbook pages start with what to do: diagnosis and verdict card first, the background after the last step', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const slug of slugs)
      for (const locale of localeIds) {
        const page = runbookPage(locale, slug);
        if (!existsSync(join(DIST, page))) continue;
        const content = readPage(page).querySelector('main .sl-markdown-content');
        if (!content) {
          problems.push(`${page}: no content`);
          continue;
        }
        // In document order (node-html-parser's querySelectorAll keeps it).
        const order = content.querySelectorAll('h2, .rg-assessment, section.rg-step, details.rg-lab');
        const at = (el: (typeof order)[number] | undefined) => (el ? order.indexOf(el) : -1);
        const h2Before = (i: number) => order.slice(0, i).filter((e) => e.tagName === 'H2').at(-1);
        const steps = order.filter((e) => e.classList.contains('rg-step'));
        const first = at(steps[0]);
        const last = at(steps.at(-1));
        if (first < 0) {
          problems.push(`${page}: no steps`);
          continue;
        }
        checked++;
        // The diagnosis heading is the h2 over the first step, and the page's first section.
        const diagnose = h2Before(first);
        if (!diagnose || diagnose !== order.find((e) => e.tagName === 'H2'))
          problems.push(`${page}: the first section is "${order.find((e) => e.tagName === 'H2')?.text.trim()}", not the diagnosis ("${diagnose?.text.trim()}")`);
        const cards = content.querySelectorAll('.rg-assessment');
        if (cards.length !== 1) problems.push(`${page}: ${cards.length} verdict cards (.rg-assessment)`);
        else if (!(at(diagnose) < at(cards[0]) && at(cards[0]) < first))
          problems.push(`${page}: the verdict card is not between the diagnosis heading and the first step`);
        // The background: the section holding the lab evidence, after every step.
        const labs = content.querySelectorAll('details.rg-lab');
        const evidence = existsSync(join('runbooks', slug, 'lab-evidence.json'));
        if (labs.length !== (evidence ? 1 : 0)) problems.push(`${page}: ${labs.length} lab evidence blocks`);
        if (labs[0]) {
          const background = h2Before(at(labs[0]));
          if (!background || at(background) < last)
            problems.push(`${page}: the background section "${background?.text.trim()}" (with the lab evidence) comes before the last step`);
          if (at(cards[0]) > at(background)) problems.push(`${page}: the verdict card comes after the background section`);
        }
      }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  test('the lab evidence is folded: inside a closed <details> whose summary names it', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const slug of slugs)
      for (const locale of localeIds) {
        const page = runbookPage(locale, slug);
        if (!existsSync(join(DIST, page)) || !existsSync(join('runbooks', slug, 'lab-evidence.json'))) continue;
        const main = readPage(page).querySelector('main')!;
        const tables = main.querySelectorAll('.rg-lab-evidence table');
        if (tables.length === 0) problems.push(`${page}: no lab evidence table`);
        for (const table of tables) {
          const details = table.closest('details');
          if (!details) problems.push(`${page}: a lab table outside any <details>`);
          else if (details.hasAttribute('open')) problems.push(`${page}: the lab evidence's <details> is open by default`);
          else if (!/\d/.test(details.querySelector('summary')?.text ?? '')) problems.push(`${page}: the lab summary says no count: "${details.querySelector('summary')?.text}"`);
        }
        checked++;
      }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  test('every step appears exactly once on its page, with one heading id', () => {
    const problems: string[] = [];
    for (const [slug, rb] of Object.entries(runbooks))
      for (const locale of localeIds) {
        const page = runbookPage(locale, slug);
        if (!existsSync(join(DIST, page))) continue;
        const html = readPage(page);
        for (const step of rb.steps) {
          const sections = html.querySelectorAll(`section.rg-step[data-step="${step.id}"]`).length;
          const headings = html.querySelectorAll(`[id="step-${step.id}"]`).length;
          if (sections !== 1 || headings !== 1) problems.push(`${page}: step ${step.id} shown ${sections} times, ${headings} headings`);
        }
        const shown = html.querySelectorAll('section.rg-step').length;
        if (shown !== rb.steps.length) problems.push(`${page}: ${shown} step sections for ${rb.steps.length} steps`);
      }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test("links within a runbook page (#…) lead to an element of that page", () => {
    const problems: string[] = [];
    let links = 0;
    for (const slug of slugs)
      for (const locale of localeIds) {
        const page = runbookPage(locale, slug);
        if (!existsSync(join(DIST, page))) continue;
        const html = readPage(page);
        const ids = new Set(html.querySelectorAll('[id]').map((e) => e.id));
        for (const a of html.querySelectorAll('main .sl-markdown-content a[href^="#"]')) {
          const target = decodeURIComponent(a.getAttribute('href')!.slice(1));
          links++;
          if (target && !ids.has(target)) problems.push(`${page}: "${a.text.trim()}" links to #${target}, which is not on the page`);
        }
      }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(links).toBeGreaterThan(0);
  });

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
      for (const slug of slugs)
        if (!hrefs.includes(`/${locale}/${slug}/`)) problems.push(`${locale}/: no link to ${slug}`);
      if (!html.querySelector('main')?.text.includes('./runguide start')) problems.push(`${locale}/: no ./runguide start`);
      // The runner section: the instructions shown, the "runner is running" line there but hidden
      // until the page's script finds the runner (test/ui-page-layout.test.ts sees it shown).
      const section = html.querySelector('main .rg-runner-home');
      const start = section?.querySelector('.rg-runner-start');
      const ready = section?.querySelector('.rg-runner-ready');
      if (!start?.text.includes('./runguide start') || start.hasAttribute('hidden')) problems.push(`${locale}/: the start instructions are not shown`);
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
