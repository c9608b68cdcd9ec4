// Words that agree, in every locale: the page (runbook MDX, home page), the panel's strings, the
// exports' strings and the lab evidence say each term of core/glossary.ts the glossary's way.
// No browser: the catalogues are read as objects, the MDX as text whose code is set aside.
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runbooks } from '../../runbooks/index.ts';
import { exportStrings } from '../../i18n/export.ts';
import { cap, capAll, glossaries, upper, type Glossary } from '../../core/glossary.ts';
import { labStrings } from '../../i18n/lab.ts';
import { t as siteStrings } from '../../i18n/site.ts';
import { terminalStrings } from '../../i18n/terminal.ts';
import type { FixId } from '../../core/schema.ts';
import { localeIds, type Locale } from '../../core/locales.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every string of a catalogue, with its path ("sh.pass"); RegExps and `skip` paths left out. */
function walk(value: unknown, path: string, skip: string[] = []): [string, string][] {
  if (skip.includes(path)) return [];
  if (typeof value === 'string') return [[path, value]];
  if (value === null || typeof value !== 'object' || value instanceof RegExp) return [];
  return Object.entries(value).flatMap(([k, v]) => walk(v, path ? `${path}.${k}` : k, skip));
}

/** The strings each locale's catalogues show, named by where they come from. */
function catalogueStrings(locale: Locale): [string, string][] {
  const { forbidden: _, ...glossary } = glossaries[locale];
  return [
    ...walk(terminalStrings[locale], 'terminal'),
    // sh.yes is a regular expression on the reply, not text.
    ...walk(exportStrings[locale], 'export', ['export.sh.yes']),
    ...walk(labStrings(locale), 'lab'),
    ...walk(siteStrings(locale), 'site'),
    ...walk(glossary, 'glossary'),
  ];
}

/**
 * The prose of an MDX page: front matter values, text and attribute values, without fenced code,
 * inline code (left as "x", so punctuation around it is still judged), JSX expressions, imports and
 * link targets. Commands are never translated, so they are never judged.
 */
function prose(mdx: string): string {
  return mdx
    .replace(/^---\n([\s\S]*?)\n---\n/, (_, fm: string) => `${fm.replace(/^[\w-]+:\s*/gm, '')}\n`)
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/^(import|export)\s.*$/gm, '')
    .replace(/`[^`\n]*`/g, 'x')
    .replace(/\{[^{}]*\}/g, ' ')
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(
      /<\/?[A-Za-z][\w.]*((?:\s+[\w-]+(?:=(?:"[^"]*"|'[^']*'))?)*)\s*\/?>/g,
      (_, attrs: string) => ` ${[...attrs.matchAll(/=(?:"([^"]*)"|'([^']*)')/g)].map((m) => m[1] ?? m[2]).join('\n')} `,
    );
}

/** The MDX files of a locale: each runbook's page and the home page. */
function mdxFiles(locale: Locale): string[] {
  const files = Object.keys(runbooks).map((slug) => join('src/content/docs', locale, `${slug}.mdx`));
  files.push(join('src/content/docs', locale, 'index.mdx'));
  return files.filter((f) => existsSync(join(ROOT, f)));
}

/** Each prose line of a locale's MDX, named by file and line. */
function mdxLines(locale: Locale): [string, string][] {
  return mdxFiles(locale).flatMap((f) =>
    prose(readFileSync(join(ROOT, f), 'utf8'))
      .split('\n')
      .map((line, i): [string, string] => [`${f}:${i + 1}`, line])
      .filter(([, line]) => line.trim() !== ''),
  );
}

function allText(locale: Locale): [string, string][] {
  return [...catalogueStrings(locale), ...mdxLines(locale)];
}

/**
 * French typography, as the French page has it: a no-break space before : ; ? ! and inside « »
 * (the page puts U+00A0 before ":" and inside « », the narrow U+202F before ; ? !; either is
 * accepted), never an ordinary space and never none. A colon or other sign
 * glued to a word is judged only where it ends a clause (space or end after it), so "https:" and
 * "{host}:{port}" are left alone. The QEMU commit title, quoted verbatim, is English.
 */
function frenchTypographyProblems(text: string): string[] {
  const s = text.replace(/qga: skip bind mounts in fs list/g, '');
  const problems: string[] = [];
  for (const m of s.matchAll(/[ \t]([:;?!»])/g)) problems.push(`ordinary space before “${m[1]}”`);
  for (const m of s.matchAll(/[^\s\u00a0\u202f]([:;?!])(?=\s|$)/gu)) problems.push(`no space before “${m[1]}”`);
  for (const _ of s.matchAll(/[^\s\u00a0\u202f]»/g)) problems.push('no space before “»”');
  for (const _ of s.matchAll(/«(?![\u00a0\u202f])/g)) problems.push('no no-break space after “«”');
  return problems;
}

describe('the glossary', () => {
  test('every locale has every term, and the check wording others code against', () => {
    for (const locale of localeIds) {
      const g = glossaries[locale];
      for (const [path, value] of walk(g, '')) expect(value.trim(), `${locale}: ${path}`).not.toBe('');
      expect(Object.keys(g.check).sort()).toEqual(['error', 'fail', 'pass']);
      // The exports say the latent answer as the at-risk label followed by the rest.
      expect(g.outcome['at-risk-latent'].startsWith(g.outcome['at-risk']), locale).toBe(true);
    }
  });
});

describe.each(localeIds)('%s', (locale) => {
  const g: Glossary = glossaries[locale];

  test('the verdict card has a name for every condition of every runbook', () => {
    const s = terminalStrings[locale];
    for (const rb of Object.values(runbooks))
      for (const group of [...rb.risk.now, ...(rb.risk.latent ?? [])]) {
        const name = group.length > 1 ? s.factorGroup[group.join('+')] : s.factor[group[0]!];
        expect(name?.trim(), `${locale}: ${group.join('+')}`).toBeTruthy();
      }
  });

  test('no catalogue and no page uses a forbidden variant', () => {
    const problems: string[] = [];
    for (const [where, text] of allText(locale))
      for (const f of g.forbidden) {
        const m = f.pattern.exec(text);
        if (m) problems.push(`${where}: “${m[0]}” (the glossary says “${f.use}”) in: ${text}`);
      }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('the panel says the verdicts, the verification and the rollback the glossary way', () => {
    const s = terminalStrings[locale];
    expect(s.verdict).toEqual({ pass: cap(g.verdict.pass), fail: cap(g.verdict.fail), error: cap(g.verdict.error) });
    expect(s.which.verify).toBe(cap(g.verification));
    expect(s.which.rollback).toBe(cap(g.rollback));
    expect(s.rollBack).toBe(cap(g.rollBack));
    const lower = (x: string) => x.toLocaleLowerCase(locale);
    expect(lower(s.atRisk)).toContain(lower(g.outcome['at-risk']));
    expect(lower(s.atRiskLatent)).toContain(lower(g.outcome['at-risk-latent']));
    expect(lower(s.notAtRisk)).toContain(lower(g.outcome['not-at-risk']));
    expect(lower(s.riskUnknown)).toContain(lower(g.outcome.undecided));
    // It sends the reader to the checks whose badge says "Could not tell", and the dock and the
    // card name the outcome with the glossary's words.
    expect(s.riskUnknown).toContain(g.check.error);
    expect(s.outcome).toEqual(capAll(g.outcome));
  });

  test('the exports say the verdicts, the fixes and the answers the glossary way', () => {
    const t = exportStrings[locale];
    expect([t.sh.pass, t.sh.fail, t.sh.error]).toEqual([g.verdict.pass, g.verdict.fail, g.verdict.error].map((v) => upper(v, locale)));
    expect(t.fixes).toEqual(g.fixes);
    expect(t.ansible.rollback).toBe(cap(g.rollback));
    const lower = (x: string) => x.toLocaleLowerCase(locale);
    expect(lower(t.verdict.atRisk)).toContain(lower(g.outcome['at-risk']));
    expect(lower(t.verdict.atRiskLatent)).toContain(lower(g.outcome['at-risk-latent']));
    expect(lower(t.verdict.notAtRisk)).toContain(lower(g.outcome['not-at-risk']));
    expect(lower(t.verdict.unknown)).toContain(lower(g.outcome.undecided));
  });

  test('the lab evidence and the step cards say the answers, the fixes and the rollback the glossary way', () => {
    const lab = labStrings(locale);
    expect(lab.atRisk).toEqual({
      yes: g.outcome['at-risk'],
      latent: g.outcome['at-risk-latent'],
      no: g.outcome['not-at-risk'],
      unknown: g.outcome.undecided,
    });
    const ids: FixId[] = ['agent', 'shell', 'securetmp', 'upgrade'];
    expect(lab.fixNames).toEqual(Object.fromEntries(ids.map((id, i) => [id, `${i + 1}. ${g.fixes[id]}`])));
    expect(lab.fixes.fix).toBe(cap(g.fix));
    expect(siteStrings(locale).run.rollback).toBe(cap(g.rollBack));
  });

  test('the home page says pass, fail and error the glossary way', () => {
    const home = prose(readFileSync(join(ROOT, 'src/content/docs', locale, 'index.mdx'), 'utf8'));
    const bold = [...home.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]);
    expect(bold).toEqual([g.verdict.pass, g.verdict.fail, g.verdict.error]);
  });

  test('each runbook page names its fixes as the glossary does, in its fix headings', () => {
    const ids = ['agent', 'shell', 'securetmp', 'upgrade'] as const;
    for (const [slug, rb] of Object.entries(runbooks)) {
      const file = join(ROOT, 'runbooks', slug, `${locale}.mdx`);
      if (!existsSync(file)) continue;
      const headings = [...readFileSync(file, 'utf8').matchAll(/^## (\S+) (\d+)\s*[—–:-]+\s*(.+)$/gmu)];
      for (const fix of rb.fixes) {
        const n = ids.indexOf(fix.id) + 1;
        const h = headings.find((m) => Number(m[2]) === n);
        expect(h, `${slug}/${locale}.mdx: no heading for fix ${n}`).toBeDefined();
        expect(h![1], `${slug}/${locale}.mdx: fix ${n}`).toBe(cap(g.fix));
        expect(cap(h![3]!.trim()), `${slug}/${locale}.mdx: fix ${n}`).toBe(g.fixes[fix.id]);
      }
    }
  });
});

// Typography that only some languages have: one test each, for the locales it applies to.
describe('typography', () => {
  test('fr: strings and prose have no-break spaces before : ; ? ! and inside « »', () => {
    const problems = allText('fr').flatMap(([where, text]) =>
      frenchTypographyProblems(text).map((p) => `${where}: ${p} in: ${JSON.stringify(text)}`),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('pt-pt: prose quotes with « », never ASCII double quotes', () => {
    const problems = allText('pt-pt')
      .filter(([, text]) => /"[^"\n]*\p{L}[^"\n]*"/u.test(text))
      .map(([where, text]) => `${where}: ${text}`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test.each(['fr', 'it'] as const)('%s: prose elides with ’, as the page does', (locale) => {
    const problems = allText(locale)
      .filter(([, text]) => /\p{L}'\p{L}/u.test(text))
      .map(([where, text]) => `${where}: ${text}`);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
