// The configurations whose freeze hangs (or panics the kernel, with hung_task_panic=1), and the
// hang layout diagnosed: the diagnosis must have said at risk before each hang. A hung VM is reset
// before the next test on it. freeze.test.ts says on which VM and in which order.
import { expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { qmp } from '../../qmp.ts';
import { applyLayout } from '../../scenario.ts';
import { configuration, diagnosis, notes, type SharedVm } from './harness.ts';

const CAUGHT = ['agent-running', 'agent-enabled', 'agent-version', 'tmp-loop', 'virtfs-users', 'virtfs-mounts', 'freeze-order'];

/** VM 1: the hang layout, diagnosed only (VM 2 freezes it). */
export async function hangOrderDiagnosed({ vm, runner }: SharedVm): Promise<void> {
  await applyLayout(vm(), 'hang-order');
  const d = await runner().diagnose();
  diagnosis['7.2-hang-order (VM 1)'] = d.verdicts;
  expect(d.assessment.atRisk).toBe(true);
  for (const s of CAUGHT) expect(d.verdicts[s], s).toBe('fail');
  expect(d.verdicts['panic-on-hang']).toBe('pass');
}

/** VM 1: ends with a hard reset. */
export async function noshell({ vm, runner }: SharedVm): Promise<void> {
  await applyLayout(vm(), 'noshell');
  const row = await configuration(vm(), runner(), '7.2-noshell', 'hangs');
  expect(row.outcome, row.note).toBe('hangs');
  expect(row.riskOutcome).toBe('at-risk');
  expect(diagnosis[row.id]).toMatchObject({ 'virtfs-users': 'fail', 'freeze-order': 'fail' });
  await vm().hardReset();
}

/** VM 1: ends with a hard reset, the unit back and the hang layout, for fix 4. */
export async function agentOutsideUnit({ vm, runner }: SharedVm): Promise<void> {
  await applyLayout(vm(), 'agent-outside-unit');
  const row = await configuration(vm(), runner(), '7.2-agent-outside-unit', 'hangs');
  expect(row.outcome, row.note).toBe('hangs');
  expect(row.riskOutcome).toBe('at-risk');
  expect(diagnosis[row.id]).toMatchObject({ 'agent-running': 'fail', 'agent-enabled': 'pass', 'agent-version': 'fail' });
  await vm().hardReset();
  // The unit back, running, and the hang layout, for fix 4.
  await vm().sshOk('systemctl unmask qemu-guest-agent && systemctl start qemu-guest-agent');
  await applyLayout(vm(), 'hang-order');
}

/** VM 2, first: the hang itself, then the hard reset a provider would do. */
export async function hangOrder({ vm, runner }: SharedVm): Promise<void> {
  await applyLayout(vm(), 'hang-order');
  const row = await configuration(vm(), runner(), '7.2-hang-order', 'hangs');
  expect(row.outcome, row.note).toBe('hangs');
  expect(row.hungTask).toMatch(/blocked for more than \d+ seconds/);
  expect(row.atRisk).toBe(true);
  expect(row.agrees).toBe(true);
  // What the past-hang check sees once the hypervisor has reset the hung VM (same disk).
  await vm().hardReset();
  const r = await runner().run('past-hang');
  const note = `After a hard reset of the hung VM the past-hang check gave "${r.verdict}"${r.verdict === 'pass' ? ': the hung-task lines never reached the journal, whose filesystem was frozen; only the console (or the provider) saw them' : ''}.`;
  notes.push(note);
  console.log(`lab: ${note}`);
}

/** VM 2: ends with a hard reset. */
export async function replacedBacking({ vm, runner }: SharedVm): Promise<void> {
  await applyLayout(vm(), 'replaced-backing');
  const row = await configuration(vm(), runner(), '7.2-replaced-backing', 'hangs');
  expect(row.outcome, row.note).toBe('hangs');
  expect(row.riskOutcome).toBe('at-risk');
  expect(diagnosis[row.id]!['freeze-order']).toBe('fail');
  await vm().hardReset();
}

/** VM 2, last. */
export async function upgradedNotRestarted({ vm, runner }: SharedVm): Promise<void> {
  await applyLayout(vm(), 'upgraded-not-restarted');
  const row = await configuration(vm(), runner(), '7.2-upgraded-not-restarted', 'hangs');
  expect(row.agent, 'the package').toMatch(/^1:10\./);
  expect(row.outcome, row.note).toBe('hangs');
  expect(row.riskOutcome).toBe('at-risk');
  expect(diagnosis[row.id]!['agent-version']).toBe('fail');
}

/**
 * VM 3, after latent: the login that makes the next freeze panic. Ends with the reset that brings
 * nothing back, so that hardReset power-cycles QEMU on the same disk: QMP "stop" pauses the vCPUs
 * first, and the reset cannot boot them, as in the rare runs where a reset panicked guest never
 * printed again. It costs no boot more than a reset.
 */
export async function latentLoginPanics({ vm, runner }: SharedVm): Promise<void> {
  // Same disk: a file written and synced before the power cut is there after it.
  const bootBefore = (await vm().sshOk('cat /proc/sys/kernel/random/boot_id; echo kept >/root/power-cycle-mark; sync')).trim();
  await applyLayout(vm(), 'latent-login');
  const row = await configuration(vm(), runner(), '7.2-latent-login-panic', 'hangs', 1);
  expect(row.outcome, row.note).toBe('hangs');
  expect(row.panic).toMatch(/hung_task|blocked tasks/);
  expect(row.riskOutcome).toBe('at-risk');
  await qmp(vm().qmpSocket, [{ execute: 'qmp_capabilities' }, { execute: 'stop' }], 10_000, true);
  await vm().hardReset(20_000);
  // The panicked run's console is kept aside.
  const kept = readdirSync(vm().dir).filter((f) => /^console-\d+\.log$/.test(f));
  expect(kept).toHaveLength(1);
  expect(readFileSync(join(vm().dir, kept[0]!), 'latin1')).toMatch(/Kernel panic/);
  const after = await vm().sshOk('cat /proc/sys/kernel/random/boot_id /root/power-cycle-mark');
  expect(after.split('\n')[0]).not.toBe(bootBefore);
  expect(after).toContain('kept');
}

/** VM 3, last. */
export async function hangOrderPanics({ vm, runner }: SharedVm): Promise<void> {
  await applyLayout(vm(), 'hang-order');
  const row = await configuration(vm(), runner(), '7.2-hang-order-panic', 'hangs', 1);
  expect(row.outcome, row.note).toBe('hangs');
  expect(row.panic).toMatch(/hung_task|blocked tasks/);
  expect(row.atRisk).toBe(true);
  expect(diagnosis[row.id]!['panic-on-hang']).toBe('fail');
}
