// Starlight route middleware: on runbook pages, list each <Step> in the table of contents under the
// ## section that contains it. Steps are components, not Markdown headings, so Starlight's TOC would
// otherwise skip them; their headings carry id="step-<id>" (src/components/Step.astro).
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { readStepRefs } from '../../build/mdx-steps.ts';
import { routeRunbook } from './runbook-route.ts';

interface TocItem {
  depth: number;
  slug: string;
  text: string;
  children: TocItem[];
}

/** Line numbers of the ## and ### headings of an MDX body, outside fenced code. */
function headingLines(body: string): { depth: number; line: number }[] {
  const out: { depth: number; line: number }[] = [];
  let fence: string | null = null;
  body.split('\n').forEach((text, i) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(text);
    if (f) fence = fence === null ? f[1]! : text.trim().startsWith(fence) ? null : fence;
    else if (fence === null) {
      const h = /^(#{2,3})\s+\S/.exec(text);
      if (h) out.push({ depth: h[1]!.length, line: i + 1 });
    }
  });
  return out;
}

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  if (!route.toc || !routeRunbook(route.id)) return;
  const body = route.entry.body ?? '';
  const steps = readStepRefs(body).filter((r) => r.id && r.title);
  // The TOC's first entry is Starlight's "Overview" (#_top); then one entry per ## heading.
  const sections = route.toc.items.slice(1) as TocItem[];
  const h2Lines = headingLines(body).filter((h) => h.depth === 2).map((h) => h.line);
  // Only when the TOC and the source agree on the sections (e.g. no ## hidden by a component).
  if (sections.length !== h2Lines.length || sections.some((s) => s.depth !== 2)) return;
  const h3Lines = headingLines(body).filter((h) => h.depth === 3).map((h) => h.line);
  sections.forEach((section, k) => {
    const from = h2Lines[k]!;
    const to = h2Lines[k + 1] ?? Infinity;
    const inside = (line: number) => line > from && line < to;
    const headings = h3Lines.filter(inside);
    if (headings.length !== section.children.length) return;
    const merged = [
      ...section.children.map((item, i) => ({ line: headings[i]!, item })),
      ...steps
        .filter((s) => inside(s.line))
        .map((s) => ({ line: s.line, item: { depth: 3, slug: `step-${s.id}`, text: s.title, children: [] } })),
    ].sort((a, b) => a.line - b.line);
    section.children = merged.map((m) => m.item);
  });
});
