// `runguide export` as a user runs it: help, output equal to the in-process export, -o, and a clear
// error with exit status 2 for every kind of bad input.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localeIds } from '../../core/locales.ts';
import { cli, generate, locales, runbook } from '../helpers/export-common.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'runguide-export-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const slug = runbook.slug;

describe('runguide export', () => {
  test('--help documents every option and exits 0', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--lang', '--fix', '--rollback', '--format', '--distro', '--param', '--output', 'none', 'agent', 'pt-pt'])
      expect(r.stdout).toContain(opt);
  });

  test('the defaults: a diagnosis-only bash script in English for EL', () => {
    const r = cli([slug]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(generate({ lang: 'en', fix: 'none', format: 'sh', distro: 'el' }).content);
    expect(r.stdout).toContain('--lang en --fix none --format sh --distro el');
  });

  test('options are passed through to the generator', () => {
    const lang = locales.at(-1)!;
    const r = cli([slug, '--lang', lang, '--fix', 'shell', '--format', 'ansible', '--param', 'user=carol', '--rollback']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(generate({ lang, fix: 'shell', format: 'ansible', rollback: true, params: { user: 'carol' } }).content);
  });

  test('-o writes the file (a script executable) and keeps stdout empty', () => {
    const out = join(dir, 'fix.sh');
    const r = cli([slug, '--fix', 'agent', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(generate({ fix: 'agent' }).content);
    expect(statSync(out).mode & 0o111).not.toBe(0);
  });

  const missing = localeIds.find((l) => !locales.includes(l));
  const bad: [string, string[], RegExp][] = [
    ['no runbook', [], /which runbook/],
    ['an unknown runbook', ['nope'], /unknown runbook "nope"/],
    ['an unknown option', [slug, '--frobnicate'], /--frobnicate/],
    ['an unknown language', [slug, '--lang', 'xx'], /unknown language "xx"/],
    ['an unknown fix', [slug, '--fix', 'reboot'], /fix/],
    ['an unknown format', [slug, '--format', 'puppet'], /format/],
    ['an unknown distro', [slug, '--distro', 'arch'], /distro/],
    ['--distro with a playbook', [slug, '--format', 'ansible', '--distro', 'el'], /--distro applies to shell scripts only/],
    ['--rollback without a fix', [slug, '--rollback'], /--rollback needs a fix/],
    ['a rollback of a fix that has none', [slug, '--fix', 'upgrade', '--rollback'], /has no rollback/],
    ['a missing parameter', [slug, '--fix', 'shell'], /needs a value for parameter "user" \(--param user=<value>\)/],
    ['a parameter no step takes', [slug, '--param', 'user=alice'], /no step of this export has a parameter "user"/],
    ['a malformed --param', [slug, '--fix', 'shell', '--param', 'alice'], /--param takes name=value/],
    ['a value the schema refuses', [slug, '--fix', 'shell', '--param', 'user=Alice;reboot'], /not a valid user/],
    ['a value too long', [slug, '--fix', 'shell', '--param', `user=${'a'.repeat(17)}`], /not a valid user/],
    ...(missing
      ? [
          [`a locale whose MDX is missing (${missing})`, [slug, '--lang', missing], new RegExp(`${missing}\\.mdx is missing`)] as [
            string,
            string[],
            RegExp,
          ],
        ]
      : []),
  ];
  for (const [what, args, message] of bad)
    test(`${what}: a clear error, exit 2, nothing on stdout`, () => {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^runguide export: /);
    });
});
