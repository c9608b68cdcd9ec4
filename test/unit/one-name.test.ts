// One name for each thing: the unions of the domain are written once, in core/, and imported
// everywhere else. A second spelling is how two places drift apart.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

/** Each spelling of a union, and the one file allowed to hold it. */
const UNIONS: [RegExp, string][] = [
  [/'run'\s*\|\s*'verify'\s*\|\s*'rollback'|\[\s*'run',\s*'verify',\s*'rollback'\s*\]/, 'core/step-ref.ts'],
  [/'pass'\s*\|\s*'fail'\s*\|\s*'error'|\[\s*'pass',\s*'fail',\s*'error'\s*\]/, 'core/step-ref.ts'],
  [/'el'\s*\|\s*'ubuntu'|\[\s*'el',\s*'ubuntu'\s*\]/, 'core/schema.ts'],
  [/'read-only'\s*\|\s*'changes'|\[\s*'read-only',\s*'changes',\s*'disruptive'\s*\]/, 'core/schema.ts'],
];

test('the domain unions (which, verdict, distro, risk) are spelled once, in core/', () => {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|astro|mjs)$/.test(f) && !/(^|\/)test\//.test(f));
  const problems: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const [re, home] of UNIONS)
      if (f !== home && re.test(text)) problems.push(`${f}: spells ${re.source.split('|')[0]} (import it from ${home})`);
  }
  expect(problems, problems.join('\n')).toEqual([]);
  // Each is defined in its home.
  for (const [re, home] of UNIONS) expect(re.test(readFileSync(home, 'utf8')), home).toBe(true);
});
