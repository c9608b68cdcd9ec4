// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { runbookPages } from './src/build/runbook-integration.ts';
import { precompressSite } from './src/build/compress.ts';
import { labelTableCells } from './src/markdown/table-labels.ts';
import { runbooks } from './runbooks/index.ts';
import { labelTranslations, starlightLocales } from './i18n/site.ts';
import { CAPTURE_SCRIPT } from './src/terminal/token.ts';

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  integrations: [
    runbookPages(),
    // Markdown tables: each cell labelled by its column, for the card layout on narrow screens.
    labelTableCells(),
    starlight({
      title: 'runguide',
      // Every locale lives under its own prefix; `/` is src/pages/index.astro, which sends the
      // browser to its preferred language (and lists them all without JavaScript).
      defaultLocale: 'en',
      locales: starlightLocales(),
      // Per locale: its home page, then its runbooks (`slug`s are localized by Starlight; the
      // labels of runbook links are the titles of each locale's MDX).
      sidebar: [
        { label: 'Home', translations: labelTranslations((s) => s.sidebar.home), slug: 'index' },
        {
          label: 'Runbooks',
          translations: labelTranslations((s) => s.sidebar.runbooks),
          items: Object.keys(runbooks).map((slug) => ({ slug })),
        },
      ],
      components: {
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
        SkipLink: './src/components/overrides/SkipLink.astro',
      },
      // Lists each runbook step in the page's table of contents, under its section.
      routeMiddleware: './src/components/overrides/step-toc.ts',
      customCss: ['./src/styles/site.css'],
      // Takes the runner's token out of the URL's fragment into this tab's storage (token.ts).
      head: [{ tag: 'script', content: CAPTURE_SCRIPT }],
      expressiveCode: {
        // Commands are shown and copied verbatim: a first-line comment must not become a title, and
        // the copy button must keep comment lines (a `# shellcheck` directive is part of the command).
        frames: { extractFileNameFromCode: false, removeCommentsWhenCopyingTerminalFrames: false },
        // Long command lines wrap (indent kept) instead of scrolling: a scrolling <pre> is a region
        // that keyboard users cannot reach.
        defaultProps: { wrap: true },
      },
    }),
    mdx(),
    // Last: after Starlight's search index is written, brotli and gzip copies of the text files.
    precompressSite(),
  ],
});
