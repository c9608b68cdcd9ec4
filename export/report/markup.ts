// The markup of a report in each format, as template parts: the template (template.ts) says what
// comes in which order once, and asks these for a heading, a table, a block of output.
import { escapeHtml, escapeMd, fence } from './escape.ts';
import type { Part, ReportFormat, Slot } from './model.ts';
import { REPORT_CSS } from './style.ts';

export interface Markup {
  /** A static text, escaped for the format. */
  t(text: string): Part;
  /** A value filled per target, escaped for where it stands (running text, or a block). */
  v(slot: Slot): Part;
  block(slot: Slot): Part[];
  /** A block of static text (the commands that export the fix). */
  staticBlock(text: string): Part[];
  doc(lang: string, title: string, body: Part[]): Part[];
  /** A heading; `id` (parts) makes it a link target where the format has them. */
  h(level: 1 | 2 | 3, content: Part[], id?: Part[]): Part[];
  p(content: Part[], cls?: Part): Part[];
  strong(content: Part[]): Part[];
  /** A link; `internal` (to a part of the report) has no portable form in Markdown: the text alone. */
  link(content: Part[], href: Part[], internal?: boolean): Part[];
  ul(items: Part[]): Part[];
  li(content: Part[]): Part[];
  /** A table: its caption, its column headings, then `rows` (parts made of `tr`). */
  table(caption: Part[], head: string[], rows: Part[]): Part[];
  /** A row whose first cell heads it. */
  tr(first: Part[], rest: Part[][]): Part[];
  /** A verdict or an outcome word with its sign: colour is never the only carrier. */
  mark(kind: Part, content: Part[]): Part[];
}

const text = (s: string): Part => ({ text: s });

const html: Markup = {
  t: (s) => text(escapeHtml(s)),
  v: (slot) => ({ slot, as: slot === 'hostN' || slot === 'checkN' || slot === 'checkId' ? 'raw' : 'html' }),
  block: (slot) => [text('<pre><code>'), { slot, as: 'html' }, text('</code></pre>\n')],
  staticBlock: (s) => [text(`<pre><code>${escapeHtml(s)}</code></pre>\n`)],
  doc: (lang, title, body) => [
    text(
      `<!DOCTYPE html>\n<html lang="${escapeHtml(lang)}">\n<head>\n<meta charset="utf-8">\n` +
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
        `<title>${escapeHtml(title)}</title>\n<style>\n${REPORT_CSS}</style>\n</head>\n<body>\n<main>\n`,
    ),
    ...body,
    text('</main>\n</body>\n</html>\n'),
  ],
  h: (level, content, id) => [
    text(`<h${level}`),
    ...(id ? [text(' id="'), ...id, text('"')] : []),
    text('>'),
    ...content,
    text(`</h${level}>\n`),
  ],
  p: (content, cls) => [text('<p'), ...(cls ? [text(' class="'), cls, text('"')] : []), text('>'), ...content, text('</p>\n')],
  strong: (content) => [text('<strong>'), ...content, text('</strong>')],
  link: (content, href) => [text('<a href="'), ...href, text('">'), ...content, text('</a>')],
  ul: (items) => [text('<ul>\n'), ...items, text('</ul>\n')],
  li: (content) => [text('<li>'), ...content, text('</li>\n')],
  table: (caption, head, rows) => [
    text('<table>\n<caption>'),
    ...caption,
    text(`</caption>\n<thead>\n<tr>${head.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>\n</thead>\n<tbody>\n`),
    ...rows,
    text('</tbody>\n</table>\n'),
  ],
  tr: (first, rest) => [
    text('<tr><th scope="row">'),
    ...first,
    text('</th>'),
    ...rest.flatMap((cell) => [text('<td>'), ...cell, text('</td>')]),
    text('</tr>\n'),
  ],
  mark: (kind, content) => [text('<span class="mark '), kind, text('">'), ...content, text('</span>')],
};

const md: Markup = {
  t: (s) => text(escapeMd(s)),
  v: (slot) => ({ slot, as: slot === 'hostN' || slot === 'checkN' || slot === 'checkId' ? 'raw' : 'md' }),
  block: (slot) => [{ slot, as: 'fence' }, text('\n\n')],
  staticBlock: (s) => [text(`${fence(s)}\n\n`)],
  doc: (_lang, _title, body) => body,
  h: (level, content) => [text(`${'#'.repeat(level)} `), ...content, text('\n\n')],
  p: (content) => [...content, text('\n\n')],
  strong: (content) => [text('**'), ...content, text('**')],
  link: (content, href, internal) => (internal ? content : [text('['), ...content, text(']('), ...href, text(')')]),
  ul: (items) => [...items, text('\n')],
  li: (content) => [text('- '), ...content, text('\n')],
  table: (caption, head, rows) => [
    text('**'),
    ...caption,
    text(`**\n\n| ${head.map(escapeMd).join(' | ')} |\n|${head.map(() => '---|').join('')}\n`),
    ...rows,
    text('\n'),
  ],
  tr: (first, rest) => [text('| '), ...first, ...rest.flatMap((cell) => [text(' | '), ...cell]), text(' |\n')],
  mark: (_kind, content) => content,
};

export const MARKUP: Record<ReportFormat, Markup> = { html, md };
