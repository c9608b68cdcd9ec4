// Reads the <Step id="…" title="…"> references of a runbook's MDX. The build check, the tests and
// the exporters use this one reader, so a title seen on the page is the title in a script.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface StepRef {
  id: string;
  title: string;
  line: number;
}

const TAG = /<Step\b([^>]*?)\/?>/g;
const ATTR = /([a-zA-Z]+)="([^"]*)"/g;

export function readStepRefs(mdx: string): StepRef[] {
  const refs: StepRef[] = [];
  for (const m of mdx.matchAll(TAG)) {
    const attrs = Object.fromEntries([...m[1]!.matchAll(ATTR)].map((a) => [a[1], a[2]]));
    const line = mdx.slice(0, m.index).split('\n').length;
    refs.push({ id: attrs.id ?? '', title: attrs.title ?? '', line });
  }
  return refs;
}

/** runbooks/<slug>/<locale>.mdx files, as [locale, path]. */
export function runbookMdxFiles(root: string, slug: string): [string, string][] {
  const dir = join(root, 'runbooks', slug);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => [f.replace(/\.mdx$/, ''), join(dir, f)]);
}

export function readRunbookMdx(path: string): StepRef[] {
  return readStepRefs(readFileSync(path, 'utf8'));
}
