// The bash export as a file, checked with the real tools: shellcheck and bash -n on every
// combination, the dry run against render.ts, --help and the header, and the refusal to run on a
// host of another distribution. Its runs: export-shell-diagnosis.test.ts, export-shell-fix.test.ts
// (fix 3 run for real: export-securetmp.test.ts).
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnosisSteps, fixSteps, renderCommand } from '../../core/render.ts';
import { DISTROS, type Distro, type FixId } from '../../core/schema.ts';
import { exportStrings } from '../../i18n/export.ts';
import { distroLabels } from '../../i18n/site.ts';
import { FIXES, generate, locales, paramsFor, runbook, texts } from '../helpers/export-common.ts';
import { run, scriptFolder } from '../helpers/export-shell-common.ts';

const { at, write } = scriptFolder();

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
              write(
                `${lang}-${fix}-${distro}-rollback.sh`,
                generate({ lang, fix, distro, rollback: true, params: paramsFor(fix, true) }).content,
              ),
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

describe('a fix script', () => {
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
      expect(r.stderr).toContain(
        t.exportFor.replace('{command}', `runguide export ${runbook.slug} --lang ${lang} --fix none --format sh --distro ubuntu`),
      );
    });

  test('an EL fix with --yes changes nothing here; its --dry-run and --help still work', () => {
    const bin = at('wrong-spy');
    const log = at('wrong-systemctl.log');
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
    return spawnSync(
      'unshare',
      ['--mount', '--propagation', 'private', '--', 'bash', '-c', 'mount --bind "$1" /etc/os-release && exec bash "$2"', '_', fake, script],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
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
      expect(r.stderr).toContain(
        exportStrings.pl.sh.unknownDistro.replace('{el}', distroLabels.el).replace('{ubuntu}', distroLabels.ubuntu),
      );
    }
  });
});
