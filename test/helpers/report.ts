// Reading a report back as a support engineer's tools would: the Markdown's fences and headings,
// the HTML's structure (one h1, headings in order, tables with caption and scoped headers).
import { parse } from 'node-html-parser';

/** Problems of a Markdown report: unclosed fences, headings that skip a level, not exactly one h1. */
export function markdownProblems(md: string): string[] {
  const problems: string[] = [];
  let fence: string | null = null;
  let level = 0;
  let h1 = 0;
  md.split('\n').forEach((line, i) => {
    const f = /^(`{3,})(.*)$/.exec(line);
    if (fence) {
      // A fence closes with a run at least as long, alone on its line.
      if (f && f[1]!.length >= fence.length && f[2]!.trim() === '') fence = null;
      return;
    }
    if (f) {
      fence = f[1]!;
      return;
    }
    const h = /^(#{1,6}) \S/.exec(line);
    if (!h) return;
    const n = h[1]!.length;
    if (n === 1) h1++;
    if (n > level + 1) problems.push(`line ${i + 1}: h${n} after h${level}`);
    level = n;
  });
  if (fence) problems.push('a fence is never closed');
  if (h1 !== 1) problems.push(`${h1} level-1 headings`);
  return problems;
}

/** The rows of every Markdown table whose cell count differs from its header's (unescaped `|`). */
export function badTableRows(md: string): string[] {
  const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
  const bad: string[] = [];
  let header = 0;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) header = 0;
    else if (!header) header = cells(line);
    else if (cells(line) !== header) bad.push(line);
  }
  return bad;
}

/** Problems of an HTML report's structure; `text(selector)` reads it back. */
export function htmlReport(html: string) {
  const root = parse(html, { blockTextElements: { script: true, style: true } });
  const problems: string[] = [];
  if (!root.querySelector('html')?.getAttribute('lang')) problems.push('no lang on <html>');
  const headings = root.querySelectorAll('h1, h2, h3, h4, h5, h6').map((h) => Number(h.tagName[1]));
  if (headings.filter((n) => n === 1).length !== 1) problems.push('not exactly one h1');
  headings.forEach((n, i) => {
    if (n > (headings[i - 1] ?? 0) + 1) problems.push(`h${n} after h${headings[i - 1] ?? 0}`);
  });
  for (const table of root.querySelectorAll('table')) {
    if (!table.querySelector('caption')?.text.trim()) problems.push('a table without caption');
    if (table.querySelectorAll('th').some((th) => !['col', 'row'].includes(th.getAttribute('scope') ?? '')))
      problems.push('a th without scope');
  }
  for (const el of root.querySelectorAll('script, link, img, iframe, object, [src]'))
    problems.push(`<${el.tagName.toLowerCase()}> in a report`);
  const ids = root.querySelectorAll('[id]').map((e) => e.id);
  if (new Set(ids).size !== ids.length) problems.push('duplicate ids');
  return { root, problems, texts: (selector: string) => root.querySelectorAll(selector).map((e) => e.text) };
}
