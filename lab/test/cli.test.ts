// The lab CLI's answers that need no VM: bad input is refused clearly, and stop/status with no VM
// running say so (with a throwaway XDG_STATE_HOME, so a real lab on this machine is not touched).
import { LAYOUTS } from '../scenario.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const state = mkdtempSync(join(tmpdir(), 'rglab-cli-'));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [new URL('../cli.ts', import.meta.url).pathname, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_STATE_HOME: state },
    timeout: 60_000,
  });

afterAll(() => rmSync(state, { recursive: true, force: true }));

describe('lab CLI without a VM', () => {
  test('an unknown layout is refused with the list of layouts, exit 2, before anything is built', () => {
    const r = cli('--layout', 'upside-down');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`expected one of ${[...LAYOUTS, 'none'].map((l) => `"${l}"`).join('|')}`);
  });

  test('an unknown command and an unknown option are refused', () => {
    expect(cli('explode').status).toBe(2);
    const r = cli('start', '--colour', 'blue');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/colour/);
  });

  test('stop and status say that no VM is running', () => {
    expect(cli('stop').stdout).toContain('no lab VM is running');
    expect(cli('status').stdout).toContain('not running');
  });
});
