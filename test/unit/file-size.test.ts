// Small modules, one job each: no source file of the project is over 250 lines, tests included.
// Data is exempt: the catalogues (i18n/, the glossary), the step modules (runbooks/), the pages and
// the lab's guest files (shell scripts and units that stand in for cPanel's).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const MAX_LINES = 250;
const SOURCE = /\.(ts|mts|mjs|js|astro|css|sh)$/;
const DATA = [/^i18n\//, /^core\/glossary\.ts$/, /^runbooks\/[^/]+\/steps\.ts$/, /^lab\/guest\//];

test(`no source file is over ${MAX_LINES} lines (data aside)`, () => {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => SOURCE.test(f) && !DATA.some((d) => d.test(f)));
  expect(files.length).toBeGreaterThan(80);
  const long = files
    .map((f) => [f, readFileSync(f, 'utf8').split('\n').length - 1] as const)
    .filter(([, n]) => n > MAX_LINES)
    .map(([f, n]) => `${f}: ${n} lines`);
  expect(long, long.join('\n')).toEqual([]);
});
