// What the freeze tests share, and what the run records: one VM per describe block, booted before
// its tests and always stopped after; a layout diagnosed through the runner, frozen on the agent
// socket and recorded as a configuration row; a fix's steps run through the runner and recorded as
// a fix row. freeze.test.ts writes the rows once, after all three VMs.
import { afterAll, beforeAll } from 'vitest';
import { release } from 'node:os';
import { chooseAccel, type AccelChoice } from '../../accel.ts';
import { ensureImage, type Image } from '../../image.ts';
import { freezeThaw, type FreezeResult } from '../../freeze.ts';
import { mountOrder } from '../../scenario.ts';
import { LabVm } from '../../vm.ts';
import { LabRunner, type Diagnosis, type StepRun } from '../../runner.ts';
import type { Configuration, Evidence, FixEvidence } from '../../evidence.ts';

export let image: Image;
export let accel: AccelChoice;
export const configurations: Configuration[] = [];
export const fixes: FixEvidence[] = [];
export const diagnosis: Evidence['diagnosis'] = {};
export const notes: string[] = [];
// Inside a describe.concurrent block, a VM's own tests still run one after the other.
export const SEQUENTIAL = { concurrent: false } as const;

/** The image (built once, then cached) and the accelerator, before any VM boots. */
export async function prepareLab(): Promise<void> {
  image = await ensureImage();
  accel = await chooseAccel(image);
  console.log(`lab: ${accel.accel} (${accel.reason}), kernel ${image.versions.kernel}, host ${release()}`);
}

export const outcomeOf = (f: FreezeResult): Configuration['outcome'] =>
  f.outcome === 'completed' ? 'completes' : f.outcome === 'hang' ? 'hangs' : f.outcome;

/** A describe block's VM and the runner on it, as its tests see them (set once its beforeAll ran). */
export interface SharedVm {
  vm: () => LabVm;
  runner: () => LabRunner;
}

/** One VM (and a runner on it) for a describe block: booted before its tests, always stopped after. */
export function sharedVm(hungTaskPanic: 0 | 1): SharedVm {
  let vm: LabVm | null = null;
  let runner: LabRunner | null = null;
  beforeAll(async () => {
    vm = await LabVm.boot(image, { accel: accel.accel, hungTaskPanic });
    runner = await LabRunner.start(vm);
  });
  afterAll(async () => {
    await runner?.close();
    await vm?.stop();
  });
  return { vm: () => vm!, runner: () => runner! };
}

export async function freezeAndCheck(
  vm: LabVm,
  runner: LabRunner,
  expectPanic = false,
): Promise<{ f: FreezeResult; responsive: boolean | null }> {
  // The runner's SSH session is closed first: a hang would leave it stuck on the frozen root.
  await runner.disconnect();
  const f = await freezeThaw(vm, { expectPanic });
  console.log(`lab: freeze → ${JSON.stringify(f)}`);
  const responsive = f.outcome === 'hang' ? null : (await vm.ssh('true', 60_000)).code === 0;
  return { f, responsive };
}

/** Freezes the VM in its current layout, records the configuration's row, and returns it. */
export async function configuration(
  vm: LabVm,
  runner: LabRunner,
  id: string,
  expected: Configuration['expected'],
  hungTaskPanic: 0 | 1 = 0,
): Promise<Configuration> {
  const agent = (await vm.sshOk("dpkg-query -W -f='${Version}' qemu-guest-agent")).trim();
  const layout = id.replace(/^[\d.]+-/, '').replace(/-panic$/, '');
  const order = await mountOrder(vm);
  const d = await runner.diagnose();
  diagnosis[id] = d.verdicts;
  console.log(`lab: ${id}: diagnosis ${JSON.stringify(d.verdicts)} → ${d.assessment.outcome}`);
  const { f, responsive } = await freezeAndCheck(vm, runner, hungTaskPanic === 1);
  const outcome = outcomeOf(f);
  const row: Configuration = {
    id,
    layout,
    agent,
    hungTaskPanic,
    expected,
    outcome,
    durationMs: f.durationMs,
    frozen: f.outcome === 'completed' ? f.frozen : null,
    hungTask: f.outcome === 'hang' ? f.hungTask : null,
    blocked: f.outcome === 'hang' ? f.blocked : [],
    loopWorker: f.outcome === 'hang' ? f.loopWorker : null,
    panic: f.outcome === 'hang' ? f.panic : null,
    atRisk: d.assessment.atRisk,
    riskOutcome: d.assessment.outcome,
    // Right: "at risk" before a hang; "not at risk", or "at risk once VirtFS mounts", before a
    // freeze that completes (VirtFS is not yet mounted in the order that hangs).
    agrees: outcome === 'hangs' ? d.assessment.outcome === 'at-risk' : ['not-at-risk', 'at-risk-latent'].includes(d.assessment.outcome),
    responsive,
    mountOrder: order,
  };
  if (outcome !== expected) {
    row.note = `NOT REPRODUCED: expected "${expected}", observed "${outcome}"${f.outcome === 'error' || f.outcome === 'no-agent' ? `: ${f.message}` : ''}`;
    console.warn(`lab: ${id}: ${row.note}`);
  }
  configurations.push(row);
  return row;
}

/** Runs a step through the runner and keeps the record for the evidence. */
export async function step(
  runner: LabRunner,
  log: StepRun[],
  id: string,
  which: StepRun['which'] = 'run',
  params: Record<string, string> = {},
): Promise<StepRun> {
  const r = await runner.run(id, which, params);
  log.push(r);
  console.log(`lab: ${id} (${which}) → ${r.verdict}`);
  return r;
}

export function fixRecord(
  fix: string,
  log: StepRun[],
  before: Diagnosis,
  after: Diagnosis,
  f: FreezeResult,
  responsive: boolean | null,
  rolledBack: Diagnosis | null,
  note?: string,
): FixEvidence {
  const rec: FixEvidence = {
    fix,
    steps: log.map(({ step, which, verdict }) => ({ step, which, verdict })),
    atRiskBefore: before.assessment.atRisk,
    atRiskAfter: after.assessment.atRisk,
    freeze: outcomeOf(f),
    frozen: f.outcome === 'completed' ? f.frozen : null,
    responsive: !!responsive,
    atRiskAfterRollback: rolledBack?.assessment.atRisk ?? null,
    ...(note ? { note } : {}),
  };
  fixes.push(rec);
  return rec;
}

/** The active /etc/fstab lines securetmp writes (/usr/tmpDSK on /tmp, /tmp bound on /var/tmp). */
export async function activeFstabLines(vm: LabVm): Promise<string[]> {
  const out = await vm.sshOk("grep -E '^[[:space:]]*(/usr/tmpDSK|/tmp[[:space:]]+/var/tmp)[[:space:]]' /etc/fstab || true");
  return out.split('\n').filter(Boolean);
}
