import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

// Starlight's collections as Starlight reads them: pages, runbooks included, are
// src/content/docs/<locale>/<page>.mdx (a runbook's page is served at /<locale>/<slug>/).
export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // UI string overrides, by BCP 47 tag: Starlight's Portuguese strings are Brazilian, the site's
  // Portuguese is European (src/content/i18n/pt-PT.json).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
