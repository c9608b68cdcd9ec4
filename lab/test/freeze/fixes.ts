// The fixes, each run step by step through the runner on the hang layout: its verify passes, the
// diagnosis says not at risk, the freeze completes (or finds no agent), SSH answers, and its
// rollback brings the risk back; each is recorded as a fix row (freeze/harness.ts).
import { expect } from 'vitest';
import { QgaClient } from '../../qga.ts';
import type { FreezeResult } from '../../freeze.ts';
import { applyLayout } from '../../scenario.ts';
import type { StepRun } from '../../runner.ts';
import { activeFstabLines, configuration, diagnosis, fixRecord, freezeAndCheck, notes, step, type SharedVm } from './harness.ts';

/** VM 1, after the hang layout was diagnosed; leaves the hang layout. */
export async function fix1RefusedWhileFrozen({ vm, runner }: SharedVm): Promise<void> {
  // A layout whose freeze completes, frozen for real and left frozen, as during a backup. The
  // runner's session is opened first: a new SSH login would write to the frozen disk.
  await applyLayout(vm(), 'no-binds');
  await runner().run('agent-running');
  const log: StepRun[] = [];
  const qga = await QgaClient.open(vm().qgaSocket);
  let mask: StepRun, undo: StepRun;
  try {
    await qga.sync(30_000);
    expect(await qga.exec<number>('guest-fsfreeze-freeze', 45_000)).toBeGreaterThan(0);
    mask = await step(runner(), log, 'agent-mask');
    undo = await step(runner(), log, 'agent-mask', 'rollback');
  } finally {
    await qga.exec('guest-fsfreeze-thaw', 30_000);
    qga.close();
  }
  expect(mask.verdict).toBe('error');
  expect(mask.output).toContain('qga.state.isfrozen');
  expect(undo.verdict).toBe('error');
  // Untouched: still running, not masked.
  expect((await vm().sshOk('systemctl is-active qemu-guest-agent')).trim()).toBe('active');
  expect((await vm().ssh('systemctl is-enabled qemu-guest-agent')).stdout.trim()).not.toBe('masked');
  await applyLayout(vm(), 'hang-order');
}

/** VM 1, on the hang layout. */
export async function fix1AgentMasked({ vm, runner }: SharedVm): Promise<void> {
  const log: StepRun[] = [];
  const before = await runner().diagnose();
  expect((await step(runner(), log, 'agent-mask')).verdict).toBe('pass');
  expect((await step(runner(), log, 'agent-mask', 'verify')).verdict).toBe('pass');
  const after = await runner().diagnose();
  diagnosis['fix 1: agent masked'] = after.verdicts;
  const { f, responsive } = await freezeAndCheck(vm(), runner());
  expect((await step(runner(), log, 'agent-mask', 'rollback')).verdict).toBe('pass');
  const rolledBack = await runner().diagnose();
  // It was running before the mask: the rollback started it. A second rollback changes nothing.
  expect((await vm().sshOk('systemctl is-active qemu-guest-agent')).trim()).toBe('active');
  expect((await step(runner(), log, 'agent-mask', 'rollback')).verdict).toBe('pass');
  expect((await vm().sshOk('systemctl is-active qemu-guest-agent')).trim()).toBe('active');
  // Stopped before the mask: the rollback leaves it stopped, as it was.
  await vm().sshOk('systemctl stop qemu-guest-agent');
  expect((await step(runner(), log, 'agent-mask')).verdict).toBe('pass');
  expect((await step(runner(), log, 'agent-mask', 'rollback')).verdict).toBe('pass');
  expect((await vm().ssh('systemctl is-active qemu-guest-agent')).stdout.trim()).toBe('inactive');
  await vm().sshOk('systemctl start qemu-guest-agent');
  fixRecord(
    'agent',
    log,
    before,
    after,
    f,
    responsive,
    rolledBack,
    'With no agent nothing is frozen: backups are then crash-consistent only. The rollback starts the agent only if it was running before the mask; run twice, it changes nothing.',
  );
  expect(before.assessment.atRisk).toBe(true);
  expect(after.verdicts).toMatchObject({ 'agent-running': 'pass', 'agent-enabled': 'pass' });
  expect(after.assessment.atRisk).toBe(false);
  expect(f.outcome).toBe('no-agent');
  expect(responsive).toBe(true);
  expect(rolledBack.assessment.atRisk).toBe(true);
}

/** VM 1, on the hang layout, after fix 1. */
export async function fix2NormalShell({ vm, runner }: SharedVm): Promise<void> {
  const log: StepRun[] = [];
  const user = { user: 'alice' };
  const before = await runner().diagnose();
  for (const [id, params] of [
    ['shell-default', {}],
    ['shell-user', user],
    ['shell-release-virtfs', user],
  ] as const) {
    expect((await step(runner(), log, id, 'run', params)).verdict, id).toBe('pass');
    expect((await step(runner(), log, id, 'verify', params)).verdict, `${id} verify`).toBe('pass');
  }
  const after = await runner().diagnose();
  diagnosis['fix 2: normal shell'] = after.verdicts;
  const { f, responsive } = await freezeAndCheck(vm(), runner());
  expect((await step(runner(), log, 'shell-user', 'rollback', user)).verdict).toBe('pass');
  expect((await vm().sshOk('getent passwd alice | cut -d: -f7')).trim()).toBe('/usr/local/cpanel/bin/jailshell');
  // Twice: the recorded shell is restored once; the second finds nothing to do and changes nothing.
  expect((await step(runner(), log, 'shell-user', 'rollback', user)).verdict).toBe('pass');
  expect((await vm().sshOk('getent passwd alice | cut -d: -f7')).trim()).toBe('/usr/local/cpanel/bin/jailshell');
  expect((await step(runner(), log, 'shell-default', 'rollback')).verdict).toBe('pass');
  expect((await step(runner(), log, 'shell-default', 'rollback')).verdict).toBe('pass');
  // An account without a shell (noshell) never gets one: the step refuses and changes nothing.
  await vm().sshOk('useradd -M -s /usr/local/cpanel/bin/noshell bob');
  expect((await step(runner(), log, 'shell-user', 'run', { user: 'bob' })).verdict).toBe('error');
  expect((await vm().sshOk('getent passwd bob | cut -d: -f7')).trim()).toBe('/usr/local/cpanel/bin/noshell');
  await vm().sshOk('userdel bob');
  const rolledBack = await runner().diagnose();
  // cPanel re-creates VirtFS at the jailed user's next login, mail or cron run (SIMULATED here).
  await vm().sshOk('/usr/local/cpanel/bin/runguide-lab-virtfs mount alice tmp-first');
  const relogged = await runner().diagnose();
  fixRecord(
    'shell',
    log,
    before,
    after,
    f,
    responsive,
    relogged,
    `Right after the rollback VirtFS is still unmounted (the diagnosis: ${rolledBack.assessment.outcome}); the jailed user's next login mounts it again.`,
  );
  expect(before.assessment.atRisk).toBe(true);
  expect(after.verdicts).toMatchObject({ 'virtfs-users': 'pass', 'virtfs-mounts': 'pass', 'freeze-order': 'pass' });
  expect(after.assessment.atRisk).toBe(false);
  expect(f.outcome).toBe('completed');
  expect(responsive).toBe(true);
  expect(rolledBack.verdicts['virtfs-users']).toBe('fail');
  expect(relogged.assessment.atRisk).toBe(true);
}

/** VM 1, last: on the hang layout agent-outside-unit left. */
export async function fix4AgentUpgraded({ vm, runner }: SharedVm): Promise<void> {
  const log: StepRun[] = [];
  const before = await runner().diagnose();
  expect((await step(runner(), log, 'agent-candidate')).verdict).toBe('pass');
  expect((await step(runner(), log, 'agent-upgrade')).verdict).toBe('pass');
  expect((await step(runner(), log, 'agent-upgrade', 'verify')).verdict).toBe('pass');
  const row = await configuration(vm(), runner(), '10.0-hang-order', 'completes');
  fixRecord(
    'upgrade',
    log,
    before,
    { verdicts: diagnosis[row.id]!, assessment: { outcome: row.riskOutcome!, atRisk: row.atRisk, factors: [], recommend: null } },
    row.outcome === 'completes'
      ? { outcome: 'completed', frozen: row.frozen!, thawed: row.frozen!, durationMs: row.durationMs }
      : { outcome: 'error', message: row.note ?? '', durationMs: row.durationMs },
    row.responsive,
    null,
    'No rollback step: the runbook does not downgrade the agent.',
  );
  expect(before.assessment.atRisk).toBe(true);
  expect(row.agent).toMatch(/^1:10\./);
  expect(diagnosis[row.id]!['agent-version']).toBe('pass');
  expect(row.outcome, row.note).toBe('completes');
  expect(row.atRisk).toBe(false);
  expect(row.responsive).toBe(true);
}

// Fix 3 never unmounts /tmp on the running server: the step changes start-up, the maintenance
// reboot does the rest. Its verify says "applied, reboot" until then, and passes after it.
/** VM 2, after the reset that ended replaced-backing. */
export async function fix3Securetmp({ vm, runner }: SharedVm): Promise<void> {
  // After the reset: securetmp mounted /tmp from /usr/tmpDSK at boot; the jailed user logs in again.
  await applyLayout(vm(), 'hang-order');
  const log: StepRun[] = [];
  const before = await runner().diagnose();
  const fstabBefore = await vm().sshOk('cat /etc/fstab');
  expect(await activeFstabLines(vm()), 'securetmp wrote both of its lines').toHaveLength(2);
  expect((await step(runner(), log, 'securetmp-remove')).verdict).toBe('pass');
  const waiting = await step(runner(), log, 'securetmp-remove', 'verify');
  expect(waiting.verdict, waiting.output).toBe('fail'); // applied, waits for the reboot
  expect(waiting.output).toContain('Applied: /tmp leaves the loop device at the next reboot');
  expect(await activeFstabLines(vm()), 'both lines are commented on the VM').toEqual([]);
  expect(await vm().sshOk('findmnt -n -o SOURCE /tmp'), 'the running server keeps its /tmp until the reboot').toMatch(/^\/dev\/loop/);
  await runner().disconnect();
  await vm().reboot();
  const booted = (
    await vm().ssh(
      'findmnt -n -o SOURCE,TARGET /tmp || echo "/tmp not a mount point"; systemctl is-enabled securetmp.service 2>&1; grep -n tmpDSK /etc/fstab',
      60_000,
    )
  ).stdout
    .trim()
    .replace(/\n/g, ' | ');
  let note = `Right after the step, /tmp was still the loop device (nothing unmounted on the running server) and the verify said "applied, reboot"; after the reboot: ${booted}`;
  console.log(`lab: ${note}`);
  expect(await activeFstabLines(vm()), 'the fstab edit survives the reboot').toEqual([]);
  expect((await step(runner(), log, 'securetmp-remove', 'verify')).verdict).toBe('pass');
  // After the reboot the jailed user logs in again: VirtFS comes back in the same order (SIMULATED).
  await applyLayout(vm(), 'no-loop');
  const row = await configuration(vm(), runner(), '7.2-no-loop', 'completes');
  expect((await step(runner(), log, 'securetmp-remove', 'rollback')).verdict).toBe('pass');
  const twice = await step(runner(), log, 'securetmp-remove', 'rollback');
  expect(twice.verdict).toBe('pass');
  expect(twice.output).toContain('Nothing recorded by this fix');
  expect(await vm().sshOk('cat /etc/fstab'), 'the rollback restores /etc/fstab exactly').toBe(fstabBefore);
  // The rollback takes effect at the next boot, as the fix did.
  await runner().disconnect();
  await vm().reboot();
  const rolledBack = await runner().diagnose();
  note += `. After the rollback and another reboot, /tmp is ${rolledBack.verdicts['tmp-loop'] === 'fail' ? 'a loop device again' : 'still not a loop device'}.`;
  const f: FreezeResult =
    row.outcome === 'completes'
      ? { outcome: 'completed', frozen: row.frozen!, thawed: row.frozen!, durationMs: row.durationMs }
      : { outcome: 'error', message: row.note ?? '', durationMs: row.durationMs };
  fixRecord(
    'securetmp',
    log,
    before,
    { verdicts: diagnosis[row.id]!, assessment: { outcome: row.riskOutcome!, atRisk: row.atRisk, factors: [], recommend: null } },
    f,
    row.responsive,
    rolledBack,
    note,
  );
  notes.push(note);
  expect(before.assessment.atRisk).toBe(true);
  expect(diagnosis[row.id]!['tmp-loop']).toBe('pass');
  expect(row.outcome, row.note).toBe('completes');
  expect(row.atRisk).toBe(false);
  expect(row.responsive).toBe(true);
  expect(rolledBack.verdicts['tmp-loop']).toBe('fail');
}
