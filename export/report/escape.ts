// The escapes of a report's values in JavaScript. The script (perl) and the playbook (Jinja) do
// the same, character for character: HTML's five characters as Jinja's `escape` writes them, the
// Markdown characters below, a fence one backtick longer than the longest run of backticks.
import type { Escape } from './model.ts';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/** Markdown's inline markup characters, each escaped with a backslash (valid CommonMark for any). */
export const MD_SPECIAL = '[\\\\`*_\\[\\]<>|~&#]';

/** A text on one line: each line end (CR, LF) becomes a space. */
export const LINE_ENDS = '\\r?\\n|\\r';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

export function escapeMd(text: string): string {
  return text.replace(new RegExp(MD_SPECIAL, 'g'), '\\$&').replace(new RegExp(LINE_ENDS, 'g'), ' ');
}

/** A fenced block holding `text` verbatim. */
export function fence(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const f = '`'.repeat(Math.max(3, longest + 1));
  return `${f}\n${text}\n${f}`;
}

export function escapeAs(as: Escape, text: string): string {
  return as === 'html' ? escapeHtml(text) : as === 'md' ? escapeMd(text) : as === 'fence' ? fence(text) : text;
}

/** Line ends at the end of a command's output, which no back end keeps (Ansible's stdout has none). */
export const trimEnd = (text: string) => text.replace(/[\r\n]+$/, '');
