// core/ builds without the DOM and without Node's types (core/tsconfig.json): what it holds runs
// in the page, in the runner and in the CLI alike.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const TSC = resolve('node_modules/typescript/bin/tsc');
const check = (project: string) => spawnSync(process.execPath, [TSC, '-p', project], { encoding: 'utf8', timeout: 120_000 });

test('core/ type-checks with neither DOM nor Node types', () => {
  const r = check('core/tsconfig.json');
  expect(r.stdout + r.stderr, r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});

test('the check refuses a core file that reaches for the DOM or for Node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runguide-core-'));
  try {
    cpSync('core', join(dir, 'core'), { recursive: true });
    // zod resolves from the project, as it does for core/ itself.
    cpSync('node_modules/zod', join(dir, 'node_modules/zod'), { recursive: true, dereference: true });
    writeFileSync(join(dir, 'core', 'leak.ts'), 'export const title = document.title;\nexport const home = process.env.HOME;\n');
    const r = check(join(dir, 'core/tsconfig.json'));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/Cannot find name 'document'/);
    expect(r.stdout).toMatch(/Cannot find name 'process'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
