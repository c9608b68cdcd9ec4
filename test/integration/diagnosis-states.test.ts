// The diagnosis on server states a real cPanel VPS can be in and the happy path never builds,
// made for real: each state lives in a mount and PID namespace of its own (nothing outside sees
// it), with a real ext4 "root disk" on a loop device, cPanel's /usr/tmpDSK on it loop-mounted on
// /tmp (securetmp's layout), bind mounts standing for VirtFS, and Debian's real qemu-ga running.
// The exported diagnosis script (and, for two states, the playbook) runs there as a user would,
// and must give the runbook's outcome. Only cPanel is absent: the passwd lines naming its shells
// (docs.cpanel.net, "VirtFS Jailed Shell") and a dpkg status record stand in where said.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportStrings, outcomeText } from '../../i18n/export.ts';
import { OUTCOME_EXIT, type Outcome } from '../../core/schema.ts';
import { diagnosisSteps, findStep, renderCommand } from '../../core/render.ts';
import { generate, runbook } from '../helpers/export-common.ts';
import { holdLoopLock } from '../helpers/loop-tmp.ts';
import { LAYOUT, NAMESPACE } from '../helpers/server-state.ts';
import { JSON_LINES, readRun } from '../helpers/ansible.ts';

const t = exportStrings.en;
let dir: string;
let release: () => Promise<void>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'runguide-states-'));
  chmodSync(dir, 0o755); // an ordinary user reads the check there too
  writeFileSync(join(dir, 'diagnosis.sh'), generate({ lang: 'en', distro: 'ubuntu' }).content);
  writeFileSync(join(dir, 'diagnosis.yml'), generate({ lang: 'en', format: 'ansible' }).content);
  writeFileSync(join(dir, 'inventory'), 'target ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
  // The loop devices are the kernel's, seen by every test: one tmpDSK at a time (see loop-tmp.ts).
  release = await holdLoopLock();
});
afterAll(async () => {
  await release?.();
  rmSync(dir, { recursive: true, force: true });
});

interface Diagnosis {
  status: number;
  stdout: string;
  verdicts: Record<string, string>;
}

/** Builds the layout, runs `state` (bash, as root), then `run` (default: the diagnosis script). */
function diagnose(state: string, run = 'bash "$work/diagnosis.sh"'): Diagnosis {
  const script = `${LAYOUT}\n${state}\nset +e\n${run}\necho "rg-status=$?"\n`;
  writeFileSync(join(dir, 'state.sh'), script);
  spawnSync('mkdir', ['-p', join(dir, 'ns')]);
  const r = spawnSync(NAMESPACE[0]!, [...NAMESPACE.slice(1), 'bash', join(dir, 'state.sh'), dir], { encoding: 'utf8', timeout: 240_000 });
  const m = /rg-status=(\d+)/.exec(r.stdout);
  expect(m, `${r.stdout}\n${r.stderr}`).not.toBeNull();
  // The script prints each check's verdict as "  PASS: …", in the order of the runbook's checks.
  const label = { [t.sh.pass]: 'pass', [t.sh.fail]: 'fail', [t.sh.error]: 'error' };
  const seen = [...r.stdout.matchAll(/^ {2}(\S+): /gm)].map((x) => label[x[1]!]!);
  return { status: Number(m![1]), stdout: r.stdout, verdicts: Object.fromEntries(diagnosisSteps(runbook).map((s, i) => [s.id, seen[i]!])) };
}

function expectOutcome(d: Diagnosis, outcome: Outcome) {
  expect(d.stdout, d.stdout).toContain(`\n${outcomeText(t, outcome)}\n`);
  expect(d.status).toBe(OUTCOME_EXIT[outcome]);
}

describe.skipIf(process.getuid?.() !== 0)('the diagnosis on real server states', () => {
  test('latent VirtFS: a loop /tmp, a Jailed Shell user, nothing mounted after /tmp yet: at risk once VirtFS mounts', () => {
    const d = diagnose('account alice jailshell; agent');
    expect(d.verdicts).toMatchObject({
      'agent-running': 'fail',
      'agent-version': 'fail',
      'tmp-loop': 'fail',
      'virtfs-users': 'fail',
      'freeze-order': 'pass',
    });
    expectOutcome(d, 'at-risk-latent');
    expect(d.stdout).toMatch(/^ {4}alice \(jailshell\)$/m);
  });

  test('the same server after the user logs in (VirtFS mounted after /tmp): at risk, naming the mounts', () => {
    const d = diagnose('account alice jailshell; agent; virtfs alice');
    expect(d.verdicts).toMatchObject({ 'freeze-order': 'fail', 'virtfs-mounts': 'fail' });
    expectOutcome(d, 'at-risk');
    expect(d.stdout).toContain('at risk: mounted after it from the same filesystem: /home/virtfs/alice/usr /home/virtfs/alice/var');
  });

  test('a noshell user also gets VirtFS (Exim pipes, cron): at risk once VirtFS mounts', () => {
    const d = diagnose('account bob noshell; agent');
    expect(d.verdicts['virtfs-users']).toBe('fail');
    expect(d.stdout).toMatch(/^ {4}bob \(noshell\)$/m);
    expectOutcome(d, 'at-risk-latent');
  });

  test('a deleted backing file: the loop device still writes into it on the root disk; the order is still found', () => {
    const d = diagnose('account alice jailshell; agent; virtfs alice; rm /mnt/usr/tmpDSK');
    expect(d.stdout).toContain('/mnt/usr/tmpDSK (deleted)');
    expect(d.verdicts['freeze-order']).toBe('fail');
    expectOutcome(d, 'at-risk');
  });

  test('a replaced backing file: a new file at the path, the old one still attached: still found', () => {
    const d = diagnose(
      'account alice jailshell; agent; virtfs alice; mv /mnt/usr/tmpDSK /mnt/usr/tmpDSK.old; truncate -s 1M /mnt/usr/tmpDSK',
    );
    expect(d.verdicts['freeze-order']).toBe('fail');
    expectOutcome(d, 'at-risk');
  });

  test('the freeze order cannot be read without root: the check errs, never passes', () => {
    // An ordinary user gets no answer from the loop device (losetup), so the check cannot place
    // the backing file: error, which assess() never reads as "not at risk".
    const check = renderCommand(findStep(runbook, 'freeze-order')!, 'run', 'ubuntu');
    writeFileSync(join(dir, 'freeze-order.sh'), check);
    const d = diagnose('account alice jailshell; virtfs alice', `su -s /bin/bash nobody -c 'bash /srv/freeze-order.sh'`);
    expect(d.stdout).toContain('cannot tell which filesystem holds its backing file');
    expect(d.status).toBe(2);
  });

  test('the agent outside its unit: a qemu-ga started by hand is found, and its version read from the process', () => {
    // No systemd here: the unit cannot be asked; the process is what answers a freeze.
    const d = diagnose('account alice jailshell; package "deinstall ok config-files" 1:7.2+dfsg-7+deb12u7; agent');
    expect(d.verdicts['agent-running']).toBe('fail');
    expect(d.stdout).toMatch(/qemu-ga running as root, pid\(s\): \d+/);
    expect(d.stdout).toContain('qemu-guest-agent package: not installed');
    expect(d.stdout).toMatch(/qemu-ga running \(pid \d+, .*qemu-ga\): 7\.2\.\d+/);
    expect(d.verdicts['agent-version']).toBe('fail');
    expectOutcome(d, 'at-risk-latent');
  });

  test('the agent upgraded to 10.x but not restarted: the old program still runs and is found', () => {
    // dpkg says 10.0 is installed; the running agent's program was replaced on disk, not restarted.
    const d = diagnose(`account alice jailshell; package "install ok installed" 1:10.0.2+ds-2; agent; rm "$work/ns/qemu-ga"`);
    expect(d.stdout).toContain('qemu-guest-agent package: 10.0.2+ds-2');
    expect(d.stdout).toMatch(/qemu-ga running \(pid \d+, .*qemu-ga \(deleted\)\): 7\.2\.\d+/);
    expect(d.verdicts['agent-version']).toBe('fail');
    expectOutcome(d, 'at-risk-latent');
  });

  test('controls: no agent running and 10.x installed; no loop device; a loop /tmp with nobody who can get VirtFS', () => {
    expectOutcome(diagnose('account alice jailshell; package "install ok installed" 1:10.0.2+ds-2; virtfs alice'), 'not-at-risk');
    const noLoop = diagnose('account alice jailshell; agent; umount /var/tmp; umount /tmp');
    expect(noLoop.verdicts).toMatchObject({ 'tmp-loop': 'pass', 'freeze-order': 'pass' });
    expectOutcome(noLoop, 'not-at-risk');
    const nobody = diagnose('agent');
    expect(nobody.verdicts).toMatchObject({ 'virtfs-users': 'pass', 'freeze-order': 'pass', 'tmp-loop': 'fail' });
    expectOutcome(nobody, 'not-at-risk');
  });

  test("fix 1's verify does not pass while an agent started by hand still runs", () => {
    // systemd is not PID 1 here: a stand-in systemctl answers as for a masked, stopped unit, which
    // is what \`systemctl mask --now\` leaves; the hand-started qemu-ga is real.
    writeFileSync(join(dir, 'mask-verify.sh'), renderCommand(findStep(runbook, 'agent-mask')!, 'verify', 'ubuntu'));
    const masked = `mkdir -p "$work/ns/bin"
printf '#!/bin/sh\\ncase "$1" in is-active) echo inactive; exit 3 ;; is-enabled) echo masked; exit 1 ;; esac\\n' >"$work/ns/bin/systemctl"
chmod +x "$work/ns/bin/systemctl"`;
    const verify = 'PATH="$work/ns/bin:$PATH" bash "$work/mask-verify.sh"';
    const running = diagnose(`${masked}\nagent`, verify);
    expect(running.stdout).toMatch(/qemu-ga still runs outside the service, pid\(s\): \d+/);
    expect(running.status).toBe(1);
    const stopped = diagnose(masked, verify);
    expect(stopped.stdout).toContain('qemu-guest-agent: inactive, masked');
    expect(stopped.status).toBe(0);
  });

  test('the diagnosis playbook fails the host in the latent state, so ansible-playbook exits non-zero', () => {
    const playbook = `rc=0; ANSIBLE_NOCOLOR=1 ANSIBLE_HOME="$work/ns/ansible" ANSIBLE_LOCAL_TEMP="$work/ns/ansible/tmp" ANSIBLE_REMOTE_TEMP="$work/ns/ansible/remote" \
ANSIBLE_CALLBACK_PLUGINS=${JSON_LINES.ANSIBLE_CALLBACK_PLUGINS} ANSIBLE_STDOUT_CALLBACK=${JSON_LINES.ANSIBLE_STDOUT_CALLBACK} \
ansible-playbook -i "$work/inventory" "$work/diagnosis.yml" >"$work/playbook.out" || rc=$?; echo "rg-playbook=$rc"`;
    const d = diagnose(`account alice jailshell; agent; ${playbook}`);
    expect(d.stdout).toContain('rg-playbook=2');
    const run = readRun(readFileSync(join(dir, 'playbook.out'), 'utf8'));
    expect(run.stats.target!.failures).toBe(1);
    const flag = run.plays[0]!.tasks.find((x) => x.task.name === t.ansible.flag)!;
    expect(flag.hosts.target).toMatchObject({ failed: true, msg: outcomeText(t, 'at-risk-latent') });
  });
});
