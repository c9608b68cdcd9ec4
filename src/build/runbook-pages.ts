// Reads each runbook page once (src/content/docs/<locale>/<slug>.mdx): its title, its <Step> tags
// and its headings. The build check, the table of contents, the Export panel's embedded texts and
// the CLI all take them from here: the site gets them through the virtual module served by
// runbook-integration.ts, the CLI calls readRunbookTexts.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { headingLines, readStepRefs, runbookMdxFiles, type Heading, type StepTag } from './mdx-steps.ts';
import { LocaleSchema, type Locale } from '../../core/locales.ts';
import type { RunbookTexts } from '../../export/plan.ts';
import { runbooks } from '../../runbooks/index.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

export interface RunbookPage {
  /** The file, relative to the project's root. */
  file: string;
  texts: RunbookTexts;
  /** The <Step> tags, lines counted in the file. */
  steps: StepTag[];
  /** The ## and ### headings, lines counted in the file. */
  headings: Heading[];
}

/** Every runbook's pages, by slug then locale. */
export type RunbookPages = Record<string, Partial<Record<Locale, RunbookPage>>>;

export function readPage(mdx: string, file: string): RunbookPage {
  const fm = FRONTMATTER.exec(mdx);
  const title = fm ? (parse(fm[1]!) as { title?: unknown } | null)?.title : undefined;
  if (typeof title !== 'string' || !title) throw new Error(`${file}: no frontmatter title`);
  const tags = readStepRefs(mdx);
  const steps: RunbookTexts['steps'] = {};
  for (const r of tags) {
    if (!r.id || steps[r.id]) continue; // a step cited twice keeps its first (main) description
    steps[r.id] = { title: r.title, ...(r.pass ? { pass: r.pass } : {}), ...(r.fail ? { fail: r.fail } : {}) };
  }
  return { file, texts: { title, steps }, steps: tags, headings: headingLines(mdx) };
}

/** The pages of every locale whose MDX exists, for every runbook of the registry. */
export function readRunbookPages(root: string): RunbookPages {
  const out: RunbookPages = {};
  for (const slug of Object.keys(runbooks)) {
    const pages: Partial<Record<Locale, RunbookPage>> = {};
    for (const [locale, path] of runbookMdxFiles(root, slug)) {
      const l = LocaleSchema.safeParse(locale);
      if (l.success) pages[l.data] = readPage(readFileSync(path, 'utf8'), relative(root, path));
    }
    out[slug] = pages;
  }
  return out;
}

/** A runbook's export texts in every locale whose MDX exists (the CLI's entry point). */
export function readRunbookTexts(root: string, slug: string): Partial<Record<Locale, RunbookTexts>> {
  if (!existsSync(join(root, 'runbooks', slug))) return {};
  const pages = readRunbookPages(root)[slug] ?? {};
  return Object.fromEntries(Object.entries(pages).map(([l, p]) => [l, p.texts]));
}
