import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { i18nLoader } from '@astrojs/starlight/loaders';

// Starlight's docs collection, read from two places: the site's own pages under src/content/docs
// (<locale>/<page>.mdx) and the runbooks (runbooks/<slug>/<locale>.mdx, served at /<locale>/<slug>/).
export const collections = {
  docs: defineCollection({
    loader: glob({
      pattern: ['src/content/docs/**/*.{md,mdx}', 'runbooks/*/*.mdx'],
      base: '.',
      generateId: ({ entry }) => {
        const runbook = /^runbooks\/([^/]+)\/([^/]+)\.mdx$/.exec(entry);
        if (runbook) return `${runbook[2]}/${runbook[1]}`;
        return entry.replace(/^src\/content\/docs\//, '').replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '');
      },
    }),
    schema: docsSchema(),
  }),
  // UI string overrides, by BCP 47 tag: Starlight's Portuguese strings are Brazilian, the site's
  // Portuguese is European (src/content/i18n/pt-PT.json).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
