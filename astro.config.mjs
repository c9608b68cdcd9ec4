// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { checkStepReferences } from './src/runbook/astro-integration.ts';

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  integrations: [
    checkStepReferences(),
    starlight({
      title: 'runguide',
      defaultLocale: 'en',
      locales: {
        en: { label: 'English', lang: 'en' },
        'pt-pt': { label: 'Português', lang: 'pt-PT' },
        fr: { label: 'Français', lang: 'fr' },
        de: { label: 'Deutsch', lang: 'de' },
        es: { label: 'Español', lang: 'es' },
        it: { label: 'Italiano', lang: 'it' },
        pl: { label: 'Polski', lang: 'pl' },
      },
    }),
    mdx(),
  ],
});
