// Translates an expectation's JavaScript RegExp into the two dialects the exports test stdout with:
// a POSIX extended regex for bash's [[ =~ ]] (matched against the whole stdout, where ^ and $ are
// the string's ends, as in JS without the m flag) and a Python `re` pattern for Ansible's `search`.
// Only a subset with the same meaning in all three is accepted; anything else is refused at export
// time, never translated approximately.
import { ExportError } from './plan.ts';

type Item = { kind: 'char'; c: string } | { kind: 'range'; from: string; to: string };
type Token =
  | { kind: 'literal'; c: string }
  | { kind: 'class'; negated: boolean; items: Item[] }
  | { kind: 'syntax'; text: string } // ( ) | * + ? {n,m}
  | { kind: 'start' }
  | { kind: 'end' };

const DIGIT: Item[] = [{ kind: 'range', from: '0', to: '9' }];
const WORD: Item[] = [{ kind: 'range', from: 'A', to: 'Z' }, { kind: 'range', from: 'a', to: 'z' }, ...DIGIT, { kind: 'char', c: '_' }];
// JS \s also matches Unicode spaces; outputs checked here are ASCII, and the subset stays exact for them.
const SPACE: Item[] = [' ', '\t', '\n', '\r', '\f', '\v'].map((c) => ({ kind: 'char', c }));
const NOT_NEWLINE: Token = {
  kind: 'class',
  negated: true,
  items: [
    { kind: 'char', c: '\n' },
    { kind: 'char', c: '\r' },
  ],
};
const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };
const CLASSES: Record<string, [boolean, Item[]]> = {
  d: [false, DIGIT],
  D: [true, DIGIT],
  w: [false, WORD],
  W: [true, WORD],
  s: [false, SPACE],
  S: [true, SPACE],
};

function refuse(re: RegExp, why: string): never {
  throw new ExportError(`cannot export the expectation /${re.source}/${re.flags}: ${why}`);
}

function tokenize(re: RegExp): Token[] {
  if (re.flags) refuse(re, 'flags are not supported');
  const s = re.source;
  const out: Token[] = [];
  let i = 0;
  const readEscape = (inClass: boolean): Item[] | Token => {
    const c = s[i + 1];
    i += 2;
    if (c === undefined) refuse(re, 'trailing backslash');
    if (c in CONTROL) return { kind: 'literal', c: CONTROL[c]! };
    if (c in CLASSES) {
      const [negated, items] = CLASSES[c]!;
      if (inClass && negated) refuse(re, `\\${c} inside a character class`);
      return inClass ? items : { kind: 'class', negated, items };
    }
    if (/[A-Za-z0-9]/.test(c)) refuse(re, `\\${c} has no POSIX equivalent`);
    return { kind: 'literal', c };
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') {
      const t = readEscape(false);
      out.push(Array.isArray(t) ? { kind: 'class', negated: false, items: t } : t);
    } else if (c === '[') {
      i++;
      const negated = s[i] === '^';
      if (negated) i++;
      const items: Item[] = [];
      while (s[i] !== ']') {
        if (i >= s.length) refuse(re, 'unterminated character class');
        let item: Item[];
        if (s[i] === '\\') {
          const t = readEscape(true);
          item = Array.isArray(t) ? t : [{ kind: 'char', c: (t as { c: string }).c }];
        } else if (s[i] === '[') refuse(re, 'nested [ in a character class');
        else item = [{ kind: 'char', c: s[i++]! }];
        // a-z: a range between two single characters
        if (item.length === 1 && item[0]!.kind === 'char' && s[i] === '-' && s[i + 1] !== ']' && s[i + 1] !== undefined) {
          i++;
          const to = s[i] === '\\' ? readEscape(true) : { kind: 'literal' as const, c: s[i++]! };
          if (Array.isArray(to) || to.kind !== 'literal') refuse(re, 'a range must end with a single character');
          if (/[\]\-^[]/.test(item[0]!.c + to.c)) refuse(re, 'a range may not start or end with ] - ^ or [');
          items.push({ kind: 'range', from: item[0]!.c, to: to.c });
        } else items.push(...item);
      }
      i++;
      if (items.length === 0) refuse(re, 'empty character class');
      out.push({ kind: 'class', negated, items });
    } else if (c === '.') {
      out.push(NOT_NEWLINE);
      i++;
    } else if (c === '^') {
      out.push({ kind: 'start' });
      i++;
    } else if (c === '$') {
      out.push({ kind: 'end' });
      i++;
    } else if (c === '(') {
      if (s[i + 1] === '?') {
        if (s[i + 2] !== ':') refuse(re, 'lookarounds and named groups have no POSIX equivalent');
        i += 3;
      } else i++;
      out.push({ kind: 'syntax', text: '(' });
    } else if (c === ')' || c === '|') {
      out.push({ kind: 'syntax', text: c });
      i++;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      let q = c;
      if (c === '{') {
        const m = /^\{(\d+)(,\d*)?\}/.exec(s.slice(i));
        if (!m) refuse(re, 'a { that is not a {n,m} quantifier');
        q = m[0];
      }
      i += q.length;
      if (s[i] === '?') refuse(re, 'lazy quantifiers have no POSIX equivalent');
      out.push({ kind: 'syntax', text: q });
    } else {
      out.push({ kind: 'literal', c });
      i++;
    }
  }
  return out;
}

const ERE_SPECIAL = new Set([...'.[]()*+?{}|^$\\']);

function ereClass(t: Extract<Token, { kind: 'class' }>): string {
  // In a POSIX bracket, backslash is literal, ] must come first, - last, ^ anywhere but first,
  // and [ must not be followed by . : or = (collating classes): it goes just before the end.
  let body = '';
  const has = { ']': false, '-': false, '^': false, '[': false };
  for (const it of t.items) {
    if (it.kind === 'range') body += `${it.from}-${it.to}`;
    else if (it.c in has) has[it.c as keyof typeof has] = true;
    else body += it.c;
  }
  if (!t.negated && !body && !has[']'] && !has['-'] && !has['['] && has['^']) return '\\^';
  return `[${t.negated ? '^' : ''}${has[']'] ? ']' : ''}${body}${has['['] ? '[' : ''}${has['^'] ? '^' : ''}${has['-'] ? '-' : ''}]`;
}

/** The regex as a POSIX ERE for bash's [[ string =~ $re ]] on the whole stdout. */
export function toBashEre(re: RegExp): string {
  return tokenize(re)
    .map((t) => {
      switch (t.kind) {
        case 'literal':
          return ERE_SPECIAL.has(t.c) ? `\\${t.c}` : t.c;
        case 'class':
          return ereClass(t);
        case 'syntax':
          return t.text;
        case 'start':
          return '^';
        case 'end':
          return '$';
        default:
          // Unreachable: every kind has its case (the compiler checks it).
          return t satisfies never;
      }
    })
    .join('');
}

const PY_CLASS_SPECIAL = new Set([...'\\]^-[']);
const pyChar = (c: string) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : c === '\f' ? '\\f' : c === '\v' ? '\\v' : c);

/** The regex as a Python `re` pattern with the same meaning (for Ansible's `is search(...)`). */
export function toPython(re: RegExp): string {
  return tokenize(re)
    .map((t) => {
      switch (t.kind) {
        case 'literal':
          return /[A-Za-z0-9 _]/.test(t.c) || t.c.charCodeAt(0) > 127 ? t.c : /[\n\r\t\f\v]/.test(t.c) ? pyChar(t.c) : `\\${t.c}`;
        case 'class':
          return `[${t.negated ? '^' : ''}${t.items
            .map((it) => (it.kind === 'char' ? (PY_CLASS_SPECIAL.has(it.c) ? `\\${it.c}` : pyChar(it.c)) : `${it.from}-${it.to}`))
            .join('')}]`;
        case 'syntax':
          return t.text === '(' ? '(?:' : t.text;
        case 'start':
          return '\\A';
        case 'end':
          return '\\Z';
        default:
          // Unreachable: every kind has its case (the compiler checks it).
          return t satisfies never;
      }
    })
    .join('');
}
