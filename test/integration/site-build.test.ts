// The built site (dist/, built once by test/build.global.ts): every runbook in every locale, every
// step shown with its commands exactly as in the step module, links that resolve, credits, and none
// of the seed translation's known errors.
import { describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runbooks } from '../../runbooks/index.ts';
import { commandFor, isUniversal } from '../../core/render.ts';
import { readRunbookMdx } from '../../src/build/mdx-steps.ts';
import { DISTROS, type Command, type Step } from '../../core/schema.ts';
import { LOCALES, localeIds } from '../../core/locales.ts';
import { copyText, DIST, htmlPages, readPage, runbookPage } from '../helpers/site-dist.ts';

const slugs = Object.keys(runbooks);
const _pages = htmlPages();

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
            const seen =
              block?.querySelectorAll('pre code').map((c) =>
                c
                  .querySelectorAll('.ec-line')
                  .map((l) => l.text)
                  .join('\n'),
              ) ?? [];
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
          if (!heading || !/^H[2-4]$/.test(heading.tagName))
            problems.push(`${page}: step ${section.getAttribute('data-step')} has no heading`);
          else if (!toc.has(`#${heading.id}`)) problems.push(`${page}: step ${heading.id} is not in the table of contents`);
          else links++;
        }
      }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(links).toBeGreaterThan(0);
  });
});
