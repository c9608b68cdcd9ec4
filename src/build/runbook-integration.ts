// The site's one reading of the runbook pages (runbook-pages.ts), at `astro build` and `astro dev`:
// fails the build when a page names a step its module lacks, and serves what it read to the site
// as the module `virtual:runguide/runbook-pages` (the table of contents, the Export panel).
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { runbooks } from '../../runbooks/index.ts';
import { readRunbookPages, type RunbookPages } from './runbook-pages.ts';

export const PAGES_MODULE = 'virtual:runguide/runbook-pages';
const RESOLVED = `\0${PAGES_MODULE}`;

/** What is wrong with the pages' <Step> tags, one line each, or nothing. */
export function stepProblems(pages: RunbookPages): string[] {
  const problems: string[] = [];
  for (const [slug, byLocale] of Object.entries(pages)) {
    const ids = new Set(runbooks[slug]!.steps.map((s) => s.id));
    for (const page of Object.values(byLocale))
      for (const tag of page.steps) {
        const where = `${page.file}:${tag.line}`;
        if (tag.malformed) problems.push(`${where}: a <Step> tag whose attributes are not all "double-quoted" strings`);
        else if (!ids.has(tag.id)) problems.push(`${where}: unknown step id "${tag.id}" (runbook ${slug})`);
        else if (!tag.title) problems.push(`${where}: step "${tag.id}" has no title`);
        else if (!tag.pass) problems.push(`${where}: step "${tag.id}" has no pass (what a pass looks like)`);
      }
  }
  return problems;
}

export function runbookPages(): AstroIntegration {
  return {
    name: 'runguide:runbook-pages',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const root = fileURLToPath(config.root);
        let pages = readRunbookPages(root);
        const problems = stepProblems(pages);
        if (problems.length) throw new Error(`Runbook step references are broken:\n${problems.join('\n')}`);
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'runguide:runbook-pages',
                resolveId: (id) => (id === PAGES_MODULE ? RESOLVED : undefined),
                load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(pages)};` : undefined),
                // `astro dev`: an edited page is read again, checked, and its readers reloaded.
                handleHotUpdate({ file, server }) {
                  if (!file.endsWith('.mdx') || !file.includes('/src/content/docs/')) return;
                  pages = readRunbookPages(root);
                  for (const p of stepProblems(pages)) server.config.logger.error(p);
                  const mod = server.moduleGraph.getModuleById(RESOLVED);
                  if (mod) server.moduleGraph.invalidateModule(mod);
                },
              },
            ],
          },
        });
      },
    },
  };
}
