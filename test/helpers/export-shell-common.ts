// Shared by the bash export's tests: a temporary folder for the scripts they write, and a plain
// run of a script (stdin closed, output captured).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A temporary folder for the calling test file, made before its tests and removed after them:
 * `at` gives a path in it, `write` writes an executable script there and gives its path.
 */
export function scriptFolder() {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'runguide-export-sh-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const at = (name: string) => join(dir, name);
  const write = (name: string, content: string): string => {
    const path = at(name);
    writeFileSync(path, content, { mode: 0o755 });
    return path;
  };
  return { at, write };
}

export const run = (path: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync('bash', [path, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
