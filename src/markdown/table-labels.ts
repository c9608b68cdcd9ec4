// Gives each body cell of a Markdown table a data-label: the text of its column's header. On a
// narrow column, src/styles/site.css then shows each row as a card with labelled cells, instead of
// a table that scrolls sideways and hides its last columns. Built in, so it needs no JavaScript.
// Runs as a hast plugin of Astro's Markdown processor (Sätteri), which MDX pages share; with another
// processor it does nothing and tables keep Starlight's sideways scrolling.
import type { AstroIntegration } from 'astro';

interface HastLike {
  type: string;
  tagName?: string;
  children?: readonly HastLike[];
}

interface VisitContext {
  parent(node: Readonly<HastLike>): Readonly<HastLike> | undefined;
  indexOf(node: Readonly<HastLike>): number | undefined;
  textContent(node: Readonly<HastLike>): string;
  setProperty(node: Readonly<HastLike>, key: string, value: unknown): void;
}

const elements = (node: Readonly<HastLike> | undefined, tag?: string): HastLike[] =>
  (node?.children ?? []).filter((c) => c.type === 'element' && (!tag || c.tagName === tag));

/** The hast plugin: every <td> under a <tbody> whose table has a <thead> row gets its header's text. */
export const tableLabelsPlugin = {
  name: 'runguide-table-labels',
  element: {
    filter: ['td'],
    visit(td: Readonly<HastLike>, ctx: VisitContext) {
      const tr = ctx.parent(td);
      const tbody = tr && ctx.parent(tr);
      const table = tbody && ctx.parent(tbody);
      if (!tr || tbody?.tagName !== 'tbody' || table?.tagName !== 'table') return;
      const headers = elements(elements(elements(table, 'thead')[0], 'tr')[0], 'th');
      // The cell's place among its row's cells (the row's children include whitespace text).
      const index = ctx.indexOf(td);
      if (index === undefined) return;
      const column = (tr.children ?? []).slice(0, index).filter((c) => c.type === 'element').length;
      const label = headers[column] ? ctx.textContent(headers[column]).trim() : '';
      if (label) ctx.setProperty(td, 'data-label', label);
    },
  },
};

export function labelTableCells(): AstroIntegration {
  return {
    name: 'runguide:table-labels',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const processor = config.markdown.processor as { name?: string; options?: { hastPlugins?: unknown[] } } | undefined;
        if (processor?.name === 'satteri' && Array.isArray(processor.options?.hastPlugins))
          processor.options.hastPlugins.push(tableLabelsPlugin);
        else logger.warn(`Markdown processor "${processor?.name}": table cells get no labels, narrow tables scroll sideways`);
      },
    },
  };
}
