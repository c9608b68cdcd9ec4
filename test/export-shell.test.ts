// The bash export, checked with the real tools: shellcheck and bash -n on every combination, the
// dry run against render.ts, the diagnosis run on this machine against each check run directly,
// a fix that must refuse without a terminal. Fix 3 run for real: export-securetmp.test.ts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as pty from 'node-pty';
import { join } from 'node:path';
import { assess, diagnosisSteps, fixSteps, renderCommand } from '../core/render.ts';
import { DISTROS, type Distro, type FixId } from '../core/schema.ts';
import { exportStrings, outcomeText } from '../i18n/export.ts';
import { distroLabels } from '../i18n/site.ts';
import { FIXES, LOCAL_DISTRO, expectedStatus, generate, localVerdicts, locales, paramsFor, reportedVerdicts, runbook, texts } from './export-common.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'runguide-export-sh-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o755 });
  return path;
}

const run = (path: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync('bash', [path, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });

const fixesAndNone = ['none', ...FIXES] as const;

describe('every locale × fix × distro', () => {
  for (const lang of locales)
    test(`${lang}: shellcheck -S style finds nothing and bash -n parses (fix and rollback scripts)`, () => {
      const files: string[] = [];
      for (const fix of fixesAndNone)
        for (const distro of DISTROS) {
          files.push(write(`${lang}-${fix}-${distro}.sh`, generate({ lang, fix, distro, params: paramsFor(fix) }).content));
          const hasRollback = fix !== 'none' && fixSteps(runbook, fix).some((s) => s.rollback);
          if (hasRollback)
            files.push(
              write(`${lang}-${fix}-${distro}-rollback.sh`, generate({ lang, fix, distro, rollback: true, params: paramsFor(fix, true) }).content),
            );
        }
      const sc = spawnSync('shellcheck', ['-S', 'style', '-s', 'bash', ...files], { encoding: 'utf8' });
      expect(sc.stdout + sc.stderr).toBe('');
      expect(sc.status).toBe(0);
      for (const f of files) expect(spawnSync('bash', ['-n', f]).status, f).toBe(0);
    });
});

/** What --dry-run must print: every command the steps run, in order, exactly as render.ts renders it. */
function expectedDryRun(lang: (typeof locales)[number], fix: FixId | 'none', distro: Distro): string {
  const t = exportStrings[lang];
  const steps = fix === 'none' ? diagnosisSteps(runbook) : fixSteps(runbook, fix);
  const params = paramsFor(fix);
  let out = `${t.sh.dryRun}\n`;
  steps.forEach((step, i) => {
    const title = texts[lang]!.steps[step.id]?.title || step.id;
    const values = Object.fromEntries(Object.keys(step.params).map((k) => [k, params[k]]));
    out += `\n# ${i + 1}/${steps.length} ${step.id}: ${title}\n${renderCommand(step, 'run', distro, values)}\n`;
    if (step.verify)
      out += `\n# ${i + 1}/${steps.length} ${step.id}: ${t.ansible.verify.replace('{title}', title)}\n${renderCommand(step, 'verify', distro, values)}\n`;
  });
  return out;
}

describe('--dry-run', () => {
  for (const fix of fixesAndNone)
    for (const distro of DISTROS)
      test(`${fix}, ${distro}: prints exactly the module's commands in order and runs nothing`, () => {
        const lang = locales.at(-1)!; // the newest locale: not always English
        const path = write(`dry-${fix}-${distro}.sh`, generate({ lang, fix, distro, params: paramsFor(fix) }).content);
        const r = run(path, ['--dry-run']);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(r.stdout).toBe(expectedDryRun(lang, fix, distro));
      });
});

describe('the diagnosis on this machine', () => {
  // Each check is run here directly with bash and judged by evaluate(); the script must reach the
  // same verdicts (systemd is not PID 1 here, so some checks honestly give "error").
  const expected = localVerdicts(LOCAL_DISTRO);
  for (const lang of locales)
    test(`${lang}: every verdict and the exit status match the checks run directly`, () => {
      const path = write(`diag-${lang}.sh`, generate({ lang, distro: LOCAL_DISTRO }).content);
      const r = run(path);
      const seen = reportedVerdicts(r.stdout, exportStrings[lang]);
      expect(seen).toEqual(diagnosisSteps(runbook).map((s) => expected[s.id]));
      expect(r.status).toBe(expectedStatus(expected));
      expect(r.stdout).toContain(`\n${outcomeText(exportStrings[lang], assess(runbook, expected).outcome)}\n`);
      for (const s of diagnosisSteps(runbook)) expect(r.stdout).toContain(texts[lang]!.steps[s.id]?.title ?? s.id);
    });
});

describe('a step\'s output while it runs', () => {
  // A long step (a package upgrade, a slow journal) must show its lines as they come, not only
  // once it has ended. The stand-in grep, first in PATH, holds up tmp-loop's search for tmpDSK
  // (right after the check printed what /tmp is mounted from) until the test has seen that line,
  // or for 60 s, notes when it lets go, then runs the real grep.
  test('each line of a step reaches the terminal before the step has ended', async () => {
    const bin = join(dir, 'slow-bin');
    spawnSync('mkdir', ['-p', bin]);
    const go = join(dir, 'slow-go');
    const ended = join(dir, 'slow-ended');
    writeFileSync(
      join(bin, 'grep'),
      `#!/bin/sh\ncase "$*" in *tmpDSK*) ;; *) exec /bin/grep "$@" ;; esac\nif [ ! -e ${go} ]; then\n  i=0\n  while [ ! -e ${go} ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n  touch ${ended}\nfi\nexec /bin/grep "$@"\n`,
      { mode: 0o755 },
    );
    const path = write('diag-stream.sh', generate({ lang: 'en', distro: LOCAL_DISTRO }).content);
    const p = spawn('bash', [path], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const seenWhileRunning = await new Promise<boolean>((resolve) => {
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/Step 5\/10: .*\n {4}\/tmp: /.test(out)) {
          resolve(!existsSync(ended));
          writeFileSync(go, '');
        }
      });
      p.on('close', () => resolve(false));
    });
    await new Promise((ok) => (p.exitCode === null ? p.on('close', ok) : ok(null)));
    expect(seenWhileRunning, out).toBe(true);
    expect(out).toMatch(/ {4}\/tmp: .*\n {2}PASS: /);
  });
});

describe('the diagnosis with checks that find risk factors', () => {
  // Nothing on this machine is at risk, so no check fails here. Stand-ins first in PATH report an
  // active, enabled agent 8.2 (systemd and the agent cannot run here); they exist only in this test.
  test('failed checks are reported as such, listed under "found", and the verdict follows assess()', () => {
    const bin = join(dir, 'risky-bin');
    spawnSync('mkdir', ['-p', bin]);
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    stub('systemctl', 'case "$1" in is-active) echo active ;; is-enabled) echo enabled ;; esac');
    // What dpkg-query prints for the check's -f '${db:Status-Status} ${Version}' (an installed 8.2).
    stub('dpkg-query', 'echo "installed 1:8.2.2+ds-0ubuntu1"');
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    const expected = localVerdicts(LOCAL_DISTRO, env);
    expect(Object.values(expected).filter((v) => v === 'fail').length).toBeGreaterThanOrEqual(3);
    const lang = locales.at(-1)!;
    const t = exportStrings[lang];
    const path = write(`diag-risky-${lang}.sh`, generate({ lang, distro: LOCAL_DISTRO }).content);
    const r = run(path, [], env);
    expect(reportedVerdicts(r.stdout, t)).toEqual(diagnosisSteps(runbook).map((s) => expected[s.id]));
    expect(r.status).toBe(expectedStatus(expected));
    const failed = diagnosisSteps(runbook).filter((s) => expected[s.id] === 'fail');
    expect(r.stdout).toContain(`${t.verdict.found}\n${failed.map((s) => `  - ${texts[lang]!.steps[s.id]!.title}\n`).join('')}`);
    for (const s of failed) expect(r.stdout).toContain(`  ${t.sh.fail}${t.colon}${texts[lang]!.steps[s.id]!.fail ?? t.sh.failDefault}\n`);
  });
});

describe('a fix script', () => {
  // systemd is not PID 1 here, so a real `systemctl mask` cannot run: a stand-in systemctl first in
  // PATH records each call (and answers like a masked, stopped unit). It exists only in this test.
  let spy: string;
  let log: string;
  beforeAll(() => {
    spy = join(dir, 'spy');
    log = join(dir, 'systemctl.log');
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
  const varLib = () => join(dir, 'var-lib');
  const isolated = (path: string): [string, string[]] => {
    spawnSync('mkdir', ['-p', varLib()]);
    return ['unshare', ['--mount', '--propagation', 'private', '--', 'bash', '-c', `mount --bind '${varLib()}' /var/lib && exec bash "$0" "$@"`, path]];
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
    expect(readFileSync(log, 'utf8')).toBe('is-active qemu-guest-agent\nmask --now qemu-guest-agent\nis-active qemu-guest-agent\nis-enabled qemu-guest-agent\n');
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

  test('--help documents the options; an unknown option exits 2', () => {
    const path = write('fix-help.sh', generate({ fix: 'agent' }).content);
    const help = run(path, ['--help']);
    expect(help.status).toBe(0);
    for (const opt of ['--dry-run', '--yes', '--help']) expect(help.stdout).toContain(opt);
    const bad = run(path, ['--frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--frobnicate');
  });

  test('the header names the runbook, the source guide, its licence, the generator and the options', () => {
    const content = generate({ lang: 'en', fix: 'shell', distro: 'el', params: { user: 'alice' } }).content;
    const head = content.split('\nset -euo pipefail')[0]!;
    expect(head.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(head).toContain(texts.en!.title);
    expect(head).toContain(runbook.source.url);
    expect(head).toContain('CC BY-NC-SA 4.0');
    expect(head).toMatch(/runguide \d+\.\d+\.\d+/);
    expect(head).toContain('--fix shell --format sh --distro el --param user=alice');
  });
});

describe('exit status 4 (a restart completes the fix)', () => {
  const lang = 'pt-pt';
  const t = exportStrings[lang].sh;
  test('--help names exit status 4 where a step is completed by a restart, and only there', () => {
    const help = (fix: FixId) => run(write(`help-${fix}.sh`, generate({ lang, fix, params: paramsFor(fix) }).content), ['--help']).stdout;
    expect(help('securetmp')).toContain(`${t.exitChange}\n${t.exitRestart}\n`);
    expect(help('agent')).not.toContain(t.exitRestart);
  });
});

describe('a script run on a host of another distribution', () => {
  // This machine is Debian: a script exported for EL must refuse it (rpm is absent here, and the
  // agent-version check would otherwise read that as "not installed": a false "not at risk").
  const osRelease = readFileSync('/etc/os-release', 'utf8');
  const prettyName = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)![1]!;

  for (const lang of locales)
    test(`${lang}: the EL diagnosis stops with exit 2, names this host and the --distro to export, runs no step`, () => {
      const t = exportStrings[lang].sh;
      const r = run(write(`wrong-${lang}.sh`, generate({ lang, distro: 'el' }).content));
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(t.wrongDistro.replace('{family}', distroLabels.el).replace('{host}', prettyName));
      expect(r.stderr).toContain(t.exportFor.replace('{command}', `runguide export ${runbook.slug} --lang ${lang} --fix none --format sh --distro ubuntu`));
    });

  test('an EL fix with --yes changes nothing here; its --dry-run and --help still work', () => {
    const bin = join(dir, 'wrong-spy');
    const log = join(dir, 'wrong-systemctl.log');
    spawnSync('mkdir', ['-p', bin]);
    // A stand-in systemctl that records any call: none may happen.
    writeFileSync(join(bin, 'systemctl'), `#!/bin/sh\necho "$*" >>'${log}'\n`);
    chmodSync(join(bin, 'systemctl'), 0o755);
    const path = write('wrong-fix.sh', generate({ fix: 'agent', distro: 'el' }).content);
    const r = run(path, ['--yes'], { ...process.env, PATH: `${bin}:${process.env.PATH}` });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--distro ubuntu');
    expect(existsSync(log)).toBe(false);
    const dry = run(path, ['--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(renderCommand(runbook.steps.find((s) => s.id === 'agent-mask')!, 'run', 'el'));
    expect(run(path, ['--help']).status).toBe(0);
  });

  /** Runs `script` in a mount namespace whose /etc/os-release is `content` (root only, as here). */
  const runAs = (content: string, script: string) => {
    const fake = write(`os-release-${content.length}`, content);
    return spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'bash', '-c', 'mount --bind "$1" /etc/os-release && exec bash "$2"', '_', fake, script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  };

  test('the Ubuntu/Debian script refuses an AlmaLinux host and points to --distro el; the EL script runs there', () => {
    const alma = 'NAME="AlmaLinux"\nID="almalinux"\nID_LIKE="rhel centos fedora"\nPRETTY_NAME="AlmaLinux 9.4 (Seafoam Ocelot)"\n';
    const t = exportStrings.de.sh;
    const r = runAs(alma, write('wrong-ubuntu.sh', generate({ lang: 'de', distro: 'ubuntu' }).content));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(t.wrongDistro.replace('{family}', distroLabels.ubuntu).replace('{host}', 'AlmaLinux 9.4 (Seafoam Ocelot)'));
    expect(r.stderr).toContain('--lang de --fix none --format sh --distro el\n');
    const el = runAs(alma, write('right-el.sh', generate({ lang: 'de', distro: 'el' }).content));
    expect(el.stdout).toContain(exportStrings.de.sh.step.replace('{n}', '1').split('{total}')[0]!);
    expect([0, 1, 3]).toContain(el.status);
  });

  test('a host of a family runguide does not know is refused by both scripts, naming both --distro values', () => {
    const arch = 'NAME="Arch Linux"\nID=arch\nPRETTY_NAME="Arch Linux"\n';
    for (const distro of DISTROS) {
      const r = runAs(arch, write(`unknown-${distro}.sh`, generate({ lang: 'pl', distro }).content));
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('Arch Linux');
      expect(r.stderr).toContain(exportStrings.pl.sh.unknownDistro.replace('{el}', distroLabels.el).replace('{ubuntu}', distroLabels.ubuntu));
    }
  });
});
