// Bash words and lines for the script: quoting (single-quoted, ANSI-C, message templates),
// one-line comments, and functions that print a text verbatim from a quoted here-document.
import { fill } from '../../core/locales.ts';
import { oneLine } from '../common.ts';

/**
 * A bash word that is exactly `s`, single-quoted (each ' written as '\''). Typographic single
 * quotes (’ ‘), which localized texts use on purpose, are double-quoted apart: shellcheck rightly
 * flags them in single quotes (SC1112, often a mistyped quote), as it flags “ ” in double quotes.
 */
export function sq(s: string): string {
  const word = s
    .split(/([\u2018\u2019]+)/)
    .map((part, i) => (i % 2 ? `"${part}"` : part && `'${part.replace(/'/g, `'\\''`)}'`))
    .join('');
  return word || "''";
}

/** A bash ANSI-C word ($'…') that is exactly `s`, for regexes that may hold control characters. */
export function ansiC(s: string): string {
  const body = [...s]
    .map((c) => {
      if (c === '\\' || c === "'") return `\\${c}`;
      const code = c.charCodeAt(0);
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
      return c;
    })
    .join('');
  return `$'${body}'`;
}

/**
 * A bash word for a message template: the template's text single-quoted, `{name}` slots from
 * `dynamic` spliced in as raw bash (e.g. "$rg_rc"), the others filled now from `fixed`.
 */
export function msg(template: string, fixed: Record<string, string | number> = {}, dynamic: Record<string, string> = {}): string {
  const parts = fill(template, fixed).split(/(\{[a-z]+\})/);
  return (
    parts
      .map((p) => {
        const slot = /^\{([a-z]+)\}$/.exec(p);
        if (slot && slot[1]! in dynamic) return dynamic[slot[1]!]!;
        return p === '' ? '' : sq(p);
      })
      .join('') || "''"
  );
}

/** One line of a comment: the text with newlines flattened. */
export const comment = (text: string) => `# ${oneLine(text)}`.trimEnd();

/** A here-document delimiter that no line of `text` equals. */
function delimiter(text: string): string {
  const lines = new Set(text.split('\n'));
  let d = 'RUNGUIDE_EOF';
  for (let i = 2; lines.has(d); i++) d = `RUNGUIDE_EOF_${i}`;
  return d;
}

/** A function printing `text` exactly, followed by a newline. */
export function textFunction(name: string, text: string): string {
  const d = delimiter(text);
  return `${name}() {\n  cat <<'${d}'\n${text}\n${d}\n}`;
}
