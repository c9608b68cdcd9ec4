// Fix 3 (securetmp) exported and run for real, as root, in a mount namespace with cPanel's
// securetmp layout (helpers/loop-tmp.ts), where a second namespace keeps the loop device as a
// service's private /tmp does: the bash script and the Ansible playbook. Their loop device is seen
// by the whole machine, so this file runs with the loop-device tests (vitest.config.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCommand } from '../src/runbook/render.ts';
import { exportStrings, fill } from '../src/i18n/export.ts';
import { INSIDE, startLoopTmp } from './helpers/loop-tmp.ts';
import { ansibleJsonEnvIn, readRun } from './helpers/ansible.ts';
import { LOCAL_DISTRO, generate, locales, runbook, texts } from './export-common.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'runguide-export-securetmp-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));



describe.skipIf(process.getuid?.() !== 0)('fix 3 (securetmp) when a private /tmp keeps the loop device', () => {
  // The exported script runs for real, as root, in a mount namespace with cPanel's securetmp layout
  // (helpers/loop-tmp.ts): real mount, umount, losetup, findmnt, sed on the namespace's /etc/fstab,
  // a real loop device. Stand-ins: cPanel's /usr/local/cpanel/scripts/securetmp (cPanel cannot be
  // installed here), and systemctl, first in PATH, as above (systemd is not PID 1 here).
  const lang = 'pt-pt';
  const t = exportStrings[lang].sh;
  const unmount = runbook.steps.find((s) => s.id === 'securetmp-unmount')!;
  const remove = runbook.steps.find((s) => s.id === 'securetmp-remove')!;
  const title = (id: string) => texts[lang]!.steps[id]!.title;

  async function runFix(holder: boolean) {
    const work = mkdtempSync(join(dir, 'securetmp-'));
    spawnSync('mkdir', ['-p', join(work, 'bin')]);
    writeFileSync(join(work, 'bin', 'systemctl'), `#!/bin/sh\necho "$*" >>${INSIDE}/systemctl.log\ncase "$1" in show) echo NeedDaemonReload=no ;; esac\n`, { mode: 0o755 });
    writeFileSync(join(work, 'fix.sh'), generate({ lang, fix: 'securetmp', distro: LOCAL_DISTRO }).content);
    const ns = await startLoopTmp(work, {
      holder,
      files: { '/usr/local/cpanel/scripts/securetmp': `#!/bin/sh\necho "$*" >>${INSIDE}/securetmp.log\n` },
    });
    try {
      const [cmd, ...args] = ns.enter;
      const inside = (...c: string[]) => spawnSync(cmd!, [...args, ...c], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const env = { ...process.env, PATH: `${INSIDE}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` };
      const r = spawnSync(cmd!, [...args, 'bash', `${INSIDE}/fix.sh`, '--yes'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
      return {
        r,
        calls: readFileSync(join(work, 'securetmp.log'), 'utf8'),
        fstab: inside('grep', 'tmpDSK', '/etc/fstab').stdout,
        tmp: inside('findmnt', '-n', '-o', 'SOURCE', '/tmp').stdout.trim(),
        attached: ns.attached(),
      };
    } finally {
      await ns.stop();
      expect(ns.attached(), `${ns.loop} is still attached`).toBe(false);
    }
  }

  test('every unmount succeeds, the verify fails: the script advises the restart, not the rollback, and exits 4', async () => {
    const { r, calls, fstab, tmp, attached } = await runFix(true);
    // The real situation: the change is applied, yet the loop device stays attached.
    expect(calls).toBe('--uninstall\n');
    expect(fstab).toBe('#runguide# /usr/tmpDSK /tmp ext4 loop,noexec,nosuid,nodev 0 0\n');
    expect(tmp).toBe('rg-tmp');
    expect(attached).toBe(true);
    expect(r.stdout).toContain('umount /var/tmp\n    umount /tmp\n');
    expect(r.stdout).toContain(`  ${t.fail}: ${texts[lang]!.steps['securetmp-unmount']!.fail}\n`);
    // The advice: restart in the maintenance window, do not roll back.
    expect(r.stderr).toContain(`${fill(t.restartNeeded, { title: title('securetmp-unmount'), id: 'securetmp-unmount' })}\n${t.restartAdvice}\n`);
    expect(r.stderr).not.toContain(t.undoApplied);
    expect(r.stderr).not.toContain(fill(t.stepFailed, { title: title('securetmp-unmount'), id: 'securetmp-unmount' }));
    // How to undo is still there, newest first, under a heading that does not recommend it.
    const undo = r.stderr.slice(r.stderr.indexOf(t.undoAnyway));
    expect(undo).toBe(
      `${t.undoAnyway}\n\n# securetmp-unmount: ${title('securetmp-unmount')}\n${renderCommand(unmount, 'rollback', LOCAL_DISTRO)}\n` +
        `\n# securetmp-remove: ${title('securetmp-remove')}\n${renderCommand(remove, 'rollback', LOCAL_DISTRO)}\n`,
    );
    expect(r.stdout).not.toContain(t.fixDone);
    expect(r.status).toBe(4);
  });

  test('with no other namespace holding the device, the same script verifies and succeeds', async () => {
    const { r, attached, tmp } = await runFix(false);
    expect(attached).toBe(false);
    expect(tmp).toBe('rg-tmp');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(t.fixDone);
    expect(r.status).toBe(0);
  });
});

describe.skipIf(process.getuid?.() !== 0)('the fix 3 playbook when a private /tmp keeps the loop device', () => {
  // The exported playbook runs for real (local connection, as root) in a mount namespace with
  // cPanel's securetmp layout (helpers/loop-tmp.ts): real mounts, a real loop device kept by a
  // second namespace. Stand-ins, inside the namespace only: cPanel's securetmp script (cPanel cannot
  // be installed here) and systemctl in /usr/local/sbin, on sudo's secure_path (systemd is not PID 1).
  test('the verify fails: the host fails with the restart advice; the undo commands are listed, not recommended', async () => {
    const lang = locales.at(-1)!;
    const t = exportStrings[lang];
    const work = mkdtempSync(join(dir, 'securetmp-'));
    writeFileSync(join(work, 'fix.yml'), generate({ lang, format: 'ansible', fix: 'securetmp' }).content);
    writeFileSync(join(work, 'inventory'), 'target ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
    // With a local connection the controller is on the host too, and its own temporary file in
    // /tmp would keep /tmp busy (seen here); over SSH it is on another machine.
    mkdirSync(join(work, 'controller-tmp'));
    const ns = await startLoopTmp(work, {
      holder: true,
      files: {
        '/usr/local/cpanel/scripts/securetmp': '#!/bin/sh\nexit 0\n',
        '/usr/local/sbin/systemctl': '#!/bin/sh\ncase "$1" in show) echo NeedDaemonReload=no ;; esac\n',
      },
    });
    let r;
    try {
      const [cmd, ...args] = ns.enter;
      r = spawnSync(cmd!, [...args, 'ansible-playbook', '-i', `${INSIDE}/inventory`, `${INSIDE}/fix.yml`], {
        encoding: 'utf8',
        env: {
          ...ansibleJsonEnvIn(`${INSIDE}/ansible`),
          ANSIBLE_REMOTE_TEMP: `${INSIDE}/ansible/remote`,
          TMPDIR: `${INSIDE}/controller-tmp`,
        },
        timeout: 540_000,
      });
    } finally {
      await ns.stop();
    }
    expect(r.status, r.stderr).toBe(2); // a failed host
    const out = readRun(r.stdout);
    expect(out.stats.target!.failures).toBe(1);
    const ran = (name: string) => out.plays[0]!.tasks.filter((x) => x.task.name === name && !x.hosts.target!.skipped).map((x) => x.hosts.target!);
    const unmount = runbook.steps.find((s) => s.id === 'securetmp-unmount')!;
    const title = texts[lang]!.steps[unmount.id]!.title;
    const restart = fill(t.sh.restartNeeded, { title, id: unmount.id });
    const [advice] = ran(t.ansible.restart);
    expect(advice?.msg).toEqual([
      restart,
      t.sh.restartAdvice,
      t.sh.undoAnyway,
      `# securetmp-unmount: ${title}`,
      renderCommand(unmount, 'rollback', 'ubuntu'),
      `# securetmp-remove: ${texts[lang]!.steps['securetmp-remove']!.title}`,
      renderCommand(runbook.steps.find((s) => s.id === 'securetmp-remove')!, 'rollback', 'ubuntu'),
    ]);
    expect(ran(restart)[0]).toMatchObject({ failed: true, msg: `${restart} ${t.sh.restartAdvice}` });
    // Not the rollback as the advice: the "undo what was applied" task and the plain failure never ran.
    expect(ran(t.sh.undoApplied.replace(/\s*:\s*$/, ''))).toEqual([]);
    expect(ran(fill(t.ansible.failed, { title, id: unmount.id }))).toEqual([]);
  }, 600_000);
});
