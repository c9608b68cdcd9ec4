// Reads the <Step id="…" title="…"> tags and the headings of a runbook's MDX. The build check, the
// table of contents and the exporters use this one reader (through runbook-pages.ts), so a title
// seen on the page is the title in a script.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A <Step> tag of a page (not to be confused with core's StepRef, a step named on the wire). */
export interface StepTag {
  id: string;
  title: string;
  /** What a pass looks like (required by the build check). */
  pass: string;
  /** What a failure means (optional). */
  fail?: string;
  line: number;
  /** The tag's attributes could not be read (not all double-quoted strings). */
  malformed?: boolean;
}

// Attributes are double-quoted strings (they may contain '>'), so a tag is read attribute by
// attribute from each "<Step" rather than up to the first '>'. A tag that cannot be read this way
// (an {expression}, single quotes) still yields a ref, with `malformed`, so the build reports it.
const START = /<Step\b/g;
const TAG = /<Step((?:\s+[a-zA-Z]+="[^"]*")*)\s*\/?>/y;
const ATTR = /([a-zA-Z]+)="([^"]*)"/g;

export function readStepRefs(mdx: string): StepTag[] {
  const refs: StepTag[] = [];
  for (const start of mdx.matchAll(START)) {
    const line = mdx.slice(0, start.index).split('\n').length;
    TAG.lastIndex = start.index;
    const m = TAG.exec(mdx);
    if (!m) {
      refs.push({ id: '', title: '', pass: '', line, malformed: true });
      continue;
    }
    const attrs = Object.fromEntries([...m[1]!.matchAll(ATTR)].map((a) => [a[1], a[2]]));
    const ref: StepTag = { id: attrs.id ?? '', title: attrs.title ?? '', pass: attrs.pass ?? '', line };
    if (attrs.fail) ref.fail = attrs.fail;
    refs.push(ref);
  }
  return refs;
}

/** Where a runbook's page of a locale lives: Starlight's own place, src/content/docs/<locale>/<slug>.mdx. */
export function runbookMdxPath(root: string, slug: string, locale: string): string {
  return join(root, 'src', 'content', 'docs', locale, `${slug}.mdx`);
}

/** The runbook's MDX pages that exist, as [locale, path]. */
export function runbookMdxFiles(root: string, slug: string): [string, string][] {
  const docs = join(root, 'src', 'content', 'docs');
  return readdirSync(docs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(runbookMdxPath(root, slug, d.name)))
    .map((d): [string, string] => [d.name, runbookMdxPath(root, slug, d.name)]);
}

export function readRunbookMdx(path: string): StepTag[] {
  return readStepRefs(readFileSync(path, 'utf8'));
}

export interface Heading {
  depth: number;
  line: number;
}

/** Line numbers of the ## and ### headings of an MDX text, outside fenced code. */
export function headingLines(mdx: string): Heading[] {
  const out: Heading[] = [];
  let fence: string | null = null;
  mdx.split('\n').forEach((text, i) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(text);
    if (f) fence = fence === null ? f[1]! : text.trim().startsWith(fence) ? null : fence;
    else if (fence === null) {
      const h = /^(#{2,3})\s+\S/.exec(text);
      if (h) out.push({ depth: h[1]!.length, line: i + 1 });
    }
  });
  return out;
}
