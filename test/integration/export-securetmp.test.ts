// Fix 3 (securetmp) exported and run for real, as root, in a mount namespace with cPanel's
// securetmp layout (helpers/loop-tmp.ts): the bash script and the Ansible playbook. Stand-ins,
// inside the namespace only: cPanel's securetmp (the lab's, which follows the real script; cPanel
// cannot be installed here) with its unit file, and systemctl (systemd is not PID 1 here). The
// mounts, the loop device, sed on /etc/fstab and the fix's state files are real. The loop device is
// seen by the whole machine, so this file runs with the loop-device tests (vitest.config.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCommand } from '../../core/render.ts';
import { exportStrings } from '../../i18n/export.ts';
import { fill } from '../../core/locales.ts';
import { INSIDE, type LoopTmp } from '../helpers/loop-tmp.ts';
import { securetmpServer } from '../helpers/securetmp.ts';
import { ansibleJsonEnvIn, readRun } from '../helpers/ansible.ts';
import { LOCAL_DISTRO, generate, locales, runbook, texts } from '../helpers/export-common.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'runguide-export-securetmp-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const remove = runbook.steps.find((s) => s.id === 'securetmp-remove')!;
describe.skipIf(process.getuid?.() !== 0)('fix 3 (securetmp), the script, on a live server', () => {
  const lang = 'pt-pt';
  const t = exportStrings[lang].sh;
  const title = texts[lang]!.steps[remove.id]!.title;
  let ns: LoopTmp | undefined;
  afterAll(async () => {
    await ns?.stop();
  });

  test('applies everything but unmounts nothing; verify waits for the reboot, then passes; the rollback restores exactly, twice', async () => {
    const work = mkdtempSync(join(dir, 'script-'));
    writeFileSync(join(work, 'fix.sh'), generate({ lang, fix: 'securetmp', distro: LOCAL_DISTRO }).content);
    const server = await securetmpServer(work);
    ns = server.ns;
    const { sh, state } = server;
    const before = state();
    expect(before.unit).toBe('enabled');
    expect(before.fstab).toMatch(/^\/usr\/tmpDSK +\/tmp +ext4 +defaults,noauto +0 0$/m);
    expect(before.fstab).toMatch(/^\/tmp +\/var\/tmp +ext4 +defaults,bind,noauto +0 0$/m);

    const r = sh(`bash ${INSIDE}/fix.sh --yes`);
    // The change is in place: out of start-up, kept off, both lines commented, the others intact.
    const after = state();
    expect(after.unit).toMatch(/^Failed to get unit file state/); // --uninstall removed the unit file
    expect(after.offFile).toBe(true);
    const marked = before.fstab.replace(/^(\/usr\/tmpDSK|\/tmp +\/var\/tmp)/gm, '#runguide# $1');
    expect(after.fstab).toBe(marked);
    expect(sh('cat /var/lib/runguide/fstab.before-securetmp').out).toBe(before.fstab);
    // Nothing was unmounted on the live server: /tmp and /var/tmp stay until the reboot.
    expect(after.tmp).toMatch(/^\/dev\/loop\d+$/);
    expect(after.varTmp).not.toBe('');
    // The verify says "applied, reboot": the script advises the restart, not the rollback, and exits 4.
    expect(r.out).toContain('Applied: /tmp leaves the loop device at the next reboot');
    expect(r.err).toContain(`${fill(t.restartNeeded, { title, id: remove.id })}\n${t.restartAdvice}\n`);
    expect(r.err).not.toContain(t.undoApplied);
    expect(r.err.slice(r.err.indexOf(t.undoAnyway))).toBe(
      `${t.undoAnyway}\n\n# ${remove.id}: ${title}\n${renderCommand(remove, 'rollback', LOCAL_DISTRO)}\n`,
    );
    expect(r.code).toBe(4);

    // Run again (an operator who retries): nothing more changes, the saved fstab stays the first one.
    expect(sh(`bash ${INSIDE}/fix.sh --yes`).code).toBe(4);
    expect(state().fstab).toBe(marked);
    expect(sh('cat /var/lib/runguide/fstab.before-securetmp').out).toBe(before.fstab);

    // The maintenance reboot: nothing mounts /tmp on the loop device any more. The verify passes.
    server.ns.reboot();
    const verify = sh(renderCommand(remove, 'verify', LOCAL_DISTRO));
    expect(verify.out).toContain('/tmp: rg-tmp\n'); // the namespace's own /tmp, underneath
    expect(verify.code).toBe(0);

    // The rollback, twice: the first restores exactly what was there, the second finds nothing to do.
    const undo = sh(renderCommand(remove, 'rollback', LOCAL_DISTRO));
    expect(undo.code, undo.err).toBe(0);
    expect(state()).toMatchObject({ fstab: before.fstab, unit: 'enabled', offFile: false });
    const again = sh(renderCommand(remove, 'rollback', LOCAL_DISTRO));
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing recorded by this fix');
    expect(state()).toMatchObject({ fstab: before.fstab, unit: 'enabled', offFile: false });
  }, 120_000);

  test("when cPanel's disable file is already there, securetmp --uninstall does nothing: the step still takes the unit out, and the rollback keeps the file", async () => {
    await ns?.stop();
    const work = mkdtempSync(join(dir, 'disabled-'));
    // The disable file after --install: securetmp.service is enabled, and securetmp itself now
    // exits at once, --uninstall too (as the real script does).
    const server = await securetmpServer(work, 'mkdir -p /var/cpanel/disabled && touch /var/cpanel/disabled/securetmp');
    ns = server.ns;
    const { sh, state } = server;
    const before = state();
    expect(before).toMatchObject({ unit: 'enabled', offFile: true });
    expect(sh('/usr/local/cpanel/scripts/securetmp --uninstall').out).toContain('Disabled per');
    expect(state().unit).toBe('enabled');

    const run = sh(renderCommand(remove, 'run', LOCAL_DISTRO));
    expect(run.code, run.err).toBe(0);
    expect(state()).toMatchObject({ unit: 'disabled', offFile: true });
    expect(sh(renderCommand(remove, 'verify', LOCAL_DISTRO)).code).toBe(1); // applied, waits for the reboot
    expect(sh(renderCommand(remove, 'rollback', LOCAL_DISTRO)).code).toBe(0);
    expect(state()).toMatchObject({ fstab: before.fstab, unit: 'enabled', offFile: true });
  }, 120_000);

  test('a reboot that leaves /tmp on the loop device is an error, not "reboot again"', async () => {
    await ns?.stop();
    const work = mkdtempSync(join(dir, 'still-'));
    const server = await securetmpServer(work);
    ns = server.ns;
    const { sh } = server;
    expect(sh(renderCommand(remove, 'run', LOCAL_DISTRO)).code).toBe(0);
    // Another boot, and something (not securetmp) mounted the image on /tmp again.
    server.ns.reboot();
    expect(sh('mount -t ext4 -o loop,noexec,nosuid /usr/tmpDSK /tmp').code).toBe(0);
    const verify = sh(renderCommand(remove, 'verify', LOCAL_DISTRO));
    expect(verify.out).toContain('still on a loop device after a reboot');
    expect(verify.code).toBe(2);
    // What is not in place is an error too: an fstab line active again.
    sh('sed -i "s|^#runguide# ||" /etc/fstab');
    expect(sh(renderCommand(remove, 'verify', LOCAL_DISTRO))).toMatchObject({
      code: 2,
      out: expect.stringContaining('still active in /etc/fstab'),
    });
  }, 120_000);
});

describe.skipIf(process.getuid?.() !== 0)('the fix 3 playbook on a live server', () => {
  // The exported playbook runs for real (local connection, as root) in the same namespace.
  test('the host fails with the restart advice, the undo is listed, not recommended; nothing is unmounted', async () => {
    const lang = locales.at(-1)!;
    const t = exportStrings[lang];
    const work = mkdtempSync(join(dir, 'playbook-'));
    writeFileSync(join(work, 'fix.yml'), generate({ lang, format: 'ansible', fix: 'securetmp' }).content);
    writeFileSync(join(work, 'inventory'), 'target ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
    // With a local connection the controller is on the host too: its temporary files stay out of
    // the namespace's /tmp (noexec); over SSH they are on another machine.
    mkdirSync(join(work, 'controller-tmp'));
    const { ns, state } = await securetmpServer(work);
    let r: SpawnSyncReturns<string>;
    let after: ReturnType<typeof state>;
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
      after = state();
    } finally {
      await ns.stop();
    }
    expect(r.status, r.stderr).toBe(2); // a failed host
    expect(after.fstab).toMatch(/^#runguide# \/usr\/tmpDSK/m);
    expect(after.tmp).toMatch(/^\/dev\/loop\d+$/);
    const out = readRun(r.stdout);
    expect(out.stats.target!.failures).toBe(1);
    const ran = (name: string) =>
      out.plays[0]!.tasks.filter((x) => x.task.name === name && !x.hosts.target!.skipped).map((x) => x.hosts.target!);
    const title = texts[lang]!.steps[remove.id]!.title;
    const restart = fill(t.sh.restartNeeded, { title, id: remove.id });
    const [advice] = ran(t.ansible.restart);
    expect(advice?.msg).toEqual([
      restart,
      t.sh.restartAdvice,
      t.sh.undoAnyway,
      `# ${remove.id}: ${title}`,
      renderCommand(remove, 'rollback', 'ubuntu'),
    ]);
    expect(ran(restart)[0]).toMatchObject({ failed: true, msg: `${restart} ${t.sh.restartAdvice}` });
    // Not the rollback as the advice: the "undo what was applied" task and the plain failure never ran.
    expect(ran(t.sh.undoApplied.replace(/\s*:\s*$/, ''))).toEqual([]);
    expect(ran(fill(t.ansible.failed, { title, id: remove.id }))).toEqual([]);
  }, 600_000);
});
