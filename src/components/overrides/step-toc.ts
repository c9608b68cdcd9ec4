// Starlight route middleware: on runbook pages, list each <Step> in the table of contents under the
// ## section that contains it. Steps are components, not Markdown headings, so Starlight's TOC would
// otherwise skip them; their headings carry id="step-<id>" (src/components/Step.astro).
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import pages from 'virtual:runguide/runbook-pages';
import { isLocale } from '../../../i18n/site.ts';
import { routeRunbook } from './runbook-route.ts';

interface TocItem {
  depth: number;
  slug: string;
  text: string;
  children: TocItem[];
}

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const rb = routeRunbook(route.id);
  const locale = route.id.split('/')[0];
  const page = rb && isLocale(locale) ? pages[rb.slug]?.[locale] : undefined;
  if (!route.toc || !page) return;
  const steps = page.steps.filter((r) => r.id && r.title);
  // The TOC's first entry is Starlight's "Overview" (#_top); then one entry per ## heading.
  const sections = route.toc.items.slice(1) as TocItem[];
  const h2Lines = page.headings.filter((h) => h.depth === 2).map((h) => h.line);
  // Only when the TOC and the source agree on the sections (e.g. no ## hidden by a component).
  if (sections.length !== h2Lines.length || sections.some((s) => s.depth !== 2)) return;
  const h3Lines = page.headings.filter((h) => h.depth === 3).map((h) => h.line);
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
