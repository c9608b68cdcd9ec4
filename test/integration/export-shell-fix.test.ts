// A bash fix script run on this machine, with a stand-in systemctl: it refuses without a terminal,
// asks in one, applies with --yes, and on a failure names the step and prints its rollback.
import { beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as pty from 'node-pty';
import { join } from 'node:path';
import { renderCommand } from '../../core/render.ts';
import { exportStrings } from '../../i18n/export.ts';
import { LOCAL_DISTRO, generate, locales, runbook } from '../helpers/export-common.ts';
import { run, scriptFolder } from '../helpers/export-shell-common.ts';

const { at, write } = scriptFolder();

describe('a fix script', () => {
  // systemd is not PID 1 here, so a real `systemctl mask` cannot run: a stand-in systemctl first in
  // PATH records each call (and answers like a masked, stopped unit). It exists only in this test.
  let spy: string;
  let log: string;
  beforeAll(() => {
    spy = at('spy');
    log = at('systemctl.log');
    spawnSync('mkdir', ['-p', spy]);
    writeFileSync(
      join(spy, 'systemctl'),
      `#!/bin/sh\necho "$*" >>'${log}'\ncase "$1" in is-active) echo inactive; exit 3 ;; is-enabled) echo masked; exit 1 ;; mask) exit "\${SPY_MASK_EXIT:-0}" ;; esac\n`,
    );
    chmodSync(join(spy, 'systemctl'), 0o755);
  });
  const env = (extra: Record<string, string> = {}) => ({ ...process.env, PATH: `${spy}:${process.env.PATH}`, ...extra });
  // Fix 1 records the agent's state in /var/lib/runguide: the script runs in a mount namespace whose
  // /var/lib is this test's folder, so this machine's is never written.
  const varLib = () => at('var-lib');
  const isolated = (path: string): [string, string[]] => {
    spawnSync('mkdir', ['-p', varLib()]);
    return [
      'unshare',
      ['--mount', '--propagation', 'private', '--', 'bash', '-c', `mount --bind '${varLib()}' /var/lib && exec bash "$0" "$@"`, path],
    ];
  };
  const runFix = (path: string, args: string[], e: NodeJS.ProcessEnv) => {
    const [cmd, pre] = isolated(path);
    return spawnSync(cmd, [...pre, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: e });
  };

  for (const lang of locales)
    test(`${lang}: without a terminal and without --yes it refuses, exits non-zero and runs nothing`, () => {
      rmSync(log, { force: true });
      const path = write(`fix-agent-${lang}.sh`, generate({ lang, fix: 'agent', distro: LOCAL_DISTRO }).content);
      const r = run(path, [], env());
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(exportStrings[lang].sh.noTty);
      expect(r.stdout).toBe('');
      expect(existsSync(log), 'systemctl was called').toBe(false);
    });

  /** Runs a script in a real terminal (node-pty), answering `answer` to its first question. */
  function inTerminal(path: string, answer: string): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
      const [cmd, pre] = isolated(path);
      const term = pty.spawn(cmd, pre, { name: 'xterm', cols: 200, rows: 50, env: env() as Record<string, string> });
      let output = '';
      let answered = false;
      term.onData((d) => {
        output += d;
        if (!answered && output.includes('[y/N]')) {
          answered = true;
          term.write(`${answer}\r`);
        }
      });
      term.onExit(({ exitCode }) => resolve({ code: exitCode, output: output.replace(/\r\n/g, '\n') }));
    });
  }

  test('in a terminal it shows the command and its rollback, and "n" stops before any change', async () => {
    rmSync(log, { force: true });
    const path = write('fix-agent-tty.sh', generate({ fix: 'agent', distro: LOCAL_DISTRO }).content);
    const r = await inTerminal(path, 'n');
    const step = runbook.steps.find((s) => s.id === 'agent-mask')!;
    const indented = (text: string) => text.replace(/^/gm, '    ');
    expect(r.output).toContain(`${exportStrings.en.sh.command}\n${indented(renderCommand(step, 'run', LOCAL_DISTRO))}\n`);
    expect(r.output).toContain(`${exportStrings.en.sh.undo}\n${indented(renderCommand(step, 'rollback', LOCAL_DISTRO))}\n`);
    expect(r.output).toContain(exportStrings.en.sh.declined);
    expect(r.code).toBe(1);
    expect(existsSync(log), 'systemctl was called').toBe(false);
  });

  test('in a terminal, "y" applies the step', async () => {
    rmSync(log, { force: true });
    const path = write('fix-agent-tty-yes.sh', generate({ fix: 'agent', distro: LOCAL_DISTRO }).content);
    const r = await inTerminal(path, 'y');
    expect(r.code, r.output).toBe(0);
    expect(readFileSync(log, 'utf8')).toMatch(/^is-active qemu-guest-agent\nmask --now qemu-guest-agent\n/);
  });

  test('with --yes it runs the change, then its verify, and succeeds', () => {
    rmSync(log, { force: true });
    rmSync(varLib(), { recursive: true, force: true });
    const path = write('fix-agent-yes.sh', generate({ fix: 'agent', distro: LOCAL_DISTRO }).content);
    const r = runFix(path, ['--yes'], env());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The state before the mask is kept for the rollback, then the mask, then the verify.
    expect(readFileSync(join(varLib(), 'runguide', 'qemu-guest-agent.before-mask'), 'utf8')).toBe('active=inactive\n');
    expect(readFileSync(log, 'utf8')).toBe(
      'is-active qemu-guest-agent\nmask --now qemu-guest-agent\nis-active qemu-guest-agent\nis-enabled qemu-guest-agent\n',
    );
    expect(r.stdout).toContain(exportStrings.en.sh.fixDone);
  });

  test('a failing change stops the script, names the step and prints its rollback', () => {
    rmSync(log, { force: true });
    rmSync(varLib(), { recursive: true, force: true });
    const path = write('fix-agent-fails.sh', generate({ fix: 'agent', distro: LOCAL_DISTRO }).content);
    const r = runFix(path, ['--yes'], env({ SPY_MASK_EXIT: '5' }));
    expect(r.status).toBe(1);
    expect(readFileSync(log, 'utf8')).toBe('is-active qemu-guest-agent\nmask --now qemu-guest-agent\n'); // no verify after a failure
    const step = runbook.steps.find((s) => s.id === 'agent-mask')!;
    expect(r.stderr).toContain('(agent-mask)');
    expect(r.stderr).toContain(`${renderCommand(step, 'rollback', LOCAL_DISTRO)}\n`);
    expect(r.stdout).toContain('(exit code 5)');
  });
});
