// The configurations whose freeze completes: each is set up, diagnosed through the runner, frozen
// for real and recorded (freeze/harness.ts). freeze.test.ts says on which VM and in which order.
import { expect } from 'vitest';
import { applyLayout } from '../../scenario.ts';
import { configuration, diagnosis, type SharedVm } from './harness.ts';

/** VM 1, first: the safe order of mounts. */
export async function safeOrder({ vm, runner }: SharedVm): Promise<void> {
  await applyLayout(vm(), 'safe-order');
  const row = await configuration(vm(), runner(), '7.2-safe-order', 'completes');
  expect(row.outcome, row.note).toBe('completes');
  expect(row.frozen).toBeGreaterThan(0);
  expect(row.responsive).toBe(true);
  // The order is safe now, but alice (Jailed Shell) gets VirtFS again after /tmp at her next login.
  expect(row.riskOutcome).toBe('at-risk-latent');
  expect(row.agrees).toBe(true);
  expect(diagnosis[row.id]!['freeze-order']).toBe('pass');
}

/** VM 1: no VirtFS binds at all, the state fix 2 leaves. */
export async function noBinds({ vm, runner }: SharedVm): Promise<void> {
  await applyLayout(vm(), 'no-binds');
  const row = await configuration(vm(), runner(), '7.2-no-binds', 'completes');
  expect(row.outcome, row.note).toBe('completes');
  expect(row.responsive).toBe(true);
  expect(row.riskOutcome).toBe('not-at-risk');
  expect(diagnosis[row.id]).toMatchObject({ 'virtfs-users': 'pass', 'virtfs-mounts': 'pass', 'freeze-order': 'pass' });
}

/** VM 3 (hung_task_panic=1), first: a jailed user who has not logged in yet. */
export async function latent({ vm, runner }: SharedVm): Promise<void> {
  await applyLayout(vm(), 'latent');
  const row = await configuration(vm(), runner(), '7.2-latent', 'completes');
  expect(row.outcome, row.note).toBe('completes');
  expect(row.riskOutcome).toBe('at-risk-latent');
  expect(diagnosis[row.id]).toMatchObject({ 'virtfs-users': 'fail', 'virtfs-mounts': 'pass', 'freeze-order': 'pass' });
}
