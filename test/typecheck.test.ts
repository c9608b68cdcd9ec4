// The whole project type-checks: the typed dictionaries refuse a locale missing a string, and the
// step module, protocol and exporters agree on their types.
import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';

test('tsc --noEmit passes on the whole project', () => {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 300_000);
