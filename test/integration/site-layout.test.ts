// The built runbook pages as a reader in a hurry meets them: what to do first, the lab evidence
// folded, each step once, and every link within the page leading somewhere.
import { describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runbooks } from '../../runbooks/index.ts';
import { localeIds } from '../../core/locales.ts';
import { DIST, htmlPages, readPage, runbookPage } from '../helpers/site-dist.ts';

const slugs = Object.keys(runbooks);
const _pages = htmlPages();

describe('the built runbook pages', () => {
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
        const h2Before = (i: number) =>
          order
            .slice(0, i)
            .filter((e) => e.tagName === 'H2')
            .at(-1);
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
          problems.push(
            `${page}: the first section is "${order.find((e) => e.tagName === 'H2')?.text.trim()}", not the diagnosis ("${diagnose?.text.trim()}")`,
          );
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
            problems.push(
              `${page}: the background section "${background?.text.trim()}" (with the lab evidence) comes before the last step`,
            );
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
          else if (!/\d/.test(details.querySelector('summary')?.text ?? ''))
            problems.push(`${page}: the lab summary says no count: "${details.querySelector('summary')?.text}"`);
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

  test('links within a runbook page (#…) lead to an element of that page', () => {
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
});
