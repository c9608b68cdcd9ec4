// Reads a runbook's localized texts from its MDX pages (src/content/docs/<locale>/<slug>.mdx): the
// frontmatter title and the <Step id title pass fail> tags, through the site's own reader.
// Node only: the CLI calls it, and ExportPanel.astro calls it at build time to embed the texts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readStepRefs, runbookMdxFiles } from './mdx-steps.ts';
import { LocaleSchema, type Locale } from '../../core/schema.ts';
import type { RunbookTexts } from '../../export/plan.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

export function textsFromMdx(mdx: string, where: string): RunbookTexts {
  const fm = FRONTMATTER.exec(mdx);
  const title = fm ? (parse(fm[1]!) as { title?: unknown } | null)?.title : undefined;
  if (typeof title !== 'string' || !title) throw new Error(`${where}: no frontmatter title`);
  const steps: RunbookTexts['steps'] = {};
  for (const r of readStepRefs(mdx)) {
    if (!r.id || steps[r.id]) continue; // a step cited twice keeps its first (main) description
    steps[r.id] = { title: r.title, ...(r.pass ? { pass: r.pass } : {}), ...(r.fail ? { fail: r.fail } : {}) };
  }
  return { title, steps };
}

/** The texts of every locale whose MDX exists. */
export function readRunbookTexts(root: string, slug: string): Partial<Record<Locale, RunbookTexts>> {
  const out: Partial<Record<Locale, RunbookTexts>> = {};
  if (!existsSync(join(root, 'runbooks', slug))) return out;
  for (const [locale, path] of runbookMdxFiles(root, slug)) {
    const l = LocaleSchema.safeParse(locale);
    if (l.success) out[l.data] = textsFromMdx(readFileSync(path, 'utf8'), path);
  }
  return out;
}
