// The lab's proof: real Debian VMs (TCG or KVM), the real qemu-guest-agent 7.2 / 10.0, the freeze
// sent on the agent socket as a backup system sends it, and every runbook step run over SSH through
// the real runner server and its WebSocket client. The cPanel pieces (securetmp, VirtFS, jailshell,
// whmapi1) are SIMULATIONS (lab/guest/), because cPanel itself cannot be installed here.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { release } from 'node:os';
import { chooseAccel, type AccelChoice } from '../accel.ts';
import { ensureImage, type Image } from '../image.ts';
import { freezeThaw, type FreezeResult } from '../freeze.ts';
import { applyLayout, mountOrder, useAgent, type AgentVersion, type Layout } from '../scenario.ts';
import { LabVm, qemuVersion } from '../vm.ts';
import { LabRunner, runbook, type Diagnosis, type StepRun } from '../runner.ts';
import { writeEvidence, type Configuration, type Evidence, type FixEvidence } from '../evidence.ts';

let image: Image;
let accel: AccelChoice;
const configurations: Configuration[] = [];
const fixes: FixEvidence[] = [];
const diagnosis: Evidence['diagnosis'] = {};
const notes: string[] = [];
const PLANNED_CONFIGS = 6;
const PLANNED_FIXES = 4;

beforeAll(async () => {
  image = await ensureImage();
  accel = await chooseAccel(image);
  console.log(`lab: ${accel.accel} (${accel.reason}), kernel ${image.versions.kernel}, host ${release()}`);
});

afterAll(() => {
  if (process.env.LAB_WRITE_EVIDENCE !== '1') return;
  if (configurations.length !== PLANNED_CONFIGS || fixes.length !== PLANNED_FIXES) {
    console.warn(`lab: evidence NOT written: ${configurations.length}/${PLANNED_CONFIGS} configurations and ${fixes.length}/${PLANNED_FIXES} fixes ran`);
    return;
  }
  writeEvidence({
    date: new Date().toISOString(),
    kernel: image.versions.kernel,
    agents: { bookworm: image.versions.agentBookworm, trixie: image.versions.agentTrixie },
    qemu: qemuVersion(),
    accel: accel.accel,
    accelReason: accel.reason,
    simulated: 'cPanel securetmp (/usr/tmpDSK loop-mounted on /tmp), VirtFS bind mounts, jailshell, whmapi1 and clear_orphaned_virtfs_mounts are simulations (lab/guest/); the kernel, systemd, OpenSSH and qemu-guest-agent are Debian\'s own packages.',
    configurations,
    fixes,
    diagnosis,
    notes,
  });
  console.log('lab: evidence written to runbooks/cpanel-backup-freeze/lab-evidence.json');
});

const outcomeOf = (f: FreezeResult): Configuration['outcome'] =>
  f.outcome === 'completed' ? 'completes' : f.outcome === 'hang' ? 'hangs' : f.outcome;

/** Boots a fresh VM, gives `body` it and a runner on it, and always stops both. */
async function withVm<T>(hungTaskPanic: 0 | 1, body: (vm: LabVm, runner: LabRunner) => Promise<T>): Promise<T> {
  const vm = await LabVm.boot(image, { accel: accel.accel, hungTaskPanic });
  let runner: LabRunner | null = null;
  try {
    runner = await LabRunner.start(vm);
    return await body(vm, runner);
  } finally {
    await runner?.close();
    await vm.stop();
  }
}

async function freezeAndCheck(vm: LabVm, runner: LabRunner, expectPanic = false): Promise<{ f: FreezeResult; responsive: boolean | null }> {
  // The runner's SSH session is closed first: a hang would leave it stuck on the frozen root.
  await runner.disconnect();
  const f = await freezeThaw(vm, { expectPanic });
  console.log(`lab: freeze → ${JSON.stringify(f)}`);
  const responsive = f.outcome === 'hang' ? null : (await vm.ssh('true', 60_000)).code === 0;
  return { f, responsive };
}

interface Case {
  id: string;
  layout: Layout;
  agent: AgentVersion;
  hungTaskPanic: 0 | 1;
  expected: Configuration['expected'];
}

async function runConfiguration(c: Case, after?: (vm: LabVm, runner: LabRunner, f: FreezeResult) => Promise<void>): Promise<Configuration> {
  return withVm(c.hungTaskPanic, async (vm, runner) => {
    await applyLayout(vm, c.layout);
    const agent = await useAgent(vm, c.agent);
    const order = await mountOrder(vm);
    const d = await runner.diagnose();
    diagnosis[c.id] = d.verdicts;
    console.log(`lab: ${c.id}: diagnosis ${JSON.stringify(d.verdicts)} → at risk ${d.assessment.atRisk}`);
    const { f, responsive } = await freezeAndCheck(vm, runner, c.hungTaskPanic === 1);
    const outcome = outcomeOf(f);
    const row: Configuration = {
      id: c.id,
      layout: c.layout,
      agent,
      hungTaskPanic: c.hungTaskPanic,
      expected: c.expected,
      outcome,
      durationMs: f.durationMs,
      frozen: f.outcome === 'completed' ? f.frozen : null,
      hungTask: f.outcome === 'hang' ? f.hungTask : null,
      panic: f.outcome === 'hang' ? f.panic : null,
      atRisk: d.assessment.atRisk,
      agrees: d.assessment.atRisk === (outcome === 'hangs'),
      responsive,
      mountOrder: order,
    };
    if (outcome !== c.expected) {
      row.note = `NOT REPRODUCED: expected "${c.expected}", observed "${outcome}"`;
      console.warn(`lab: ${c.id}: ${row.note}`);
    }
    configurations.push(row);
    if (after) await after(vm, runner, f);
    return row;
  });
}

describe('freezing each configuration as the backup does, and the diagnosis agreeing with it', () => {
  test('7.2, hang-order: the freeze hangs; the hung-task report appears; the diagnosis says at risk', async () => {
    const row = await runConfiguration(
      { id: '7.2-hang-order', layout: 'hang-order', agent: '7.2', hungTaskPanic: 0, expected: 'hangs' },
      async (vm, runner, f) => {
        if (f.outcome !== 'hang') return;
        // What the runbook's past-hang check sees after the hypervisor resets the hung VM.
        await vm.hardReset();
        const r = await runner.run('past-hang');
        const text = `after a reset of the hung VM, the past-hang check gave "${r.verdict}"${r.verdict === 'pass' ? ': the hung-task lines never reached the journal, whose filesystem was frozen' : ''}`;
        notes.push(text);
        console.log(`lab: ${text}`);
      },
    );
    expect(row.outcome, row.note).toBe('hangs');
    expect(row.hungTask).toMatch(/blocked for more than \d+ seconds/);
    expect(row.atRisk).toBe(true);
    expect(diagnosis[row.id]).toMatchObject({
      'agent-running': 'fail', 'agent-enabled': 'fail', 'agent-version': 'fail', 'tmp-loop': 'fail',
      'jailed-users': 'fail', 'virtfs-mounts': 'fail', 'freeze-order': 'fail', 'panic-on-hang': 'pass',
    });
  });

  test('7.2, hang-order, hung_task_panic=1: the kernel panics; panic-on-hang fails', async () => {
    const row = await runConfiguration({ id: '7.2-hang-order-panic', layout: 'hang-order', agent: '7.2', hungTaskPanic: 1, expected: 'hangs' });
    expect(row.outcome, row.note).toBe('hangs');
    expect(row.panic).toMatch(/hung_task|blocked tasks/);
    expect(row.atRisk).toBe(true);
    expect(diagnosis[row.id]!['panic-on-hang']).toBe('fail');
  });

  for (const [layout, pass] of [
    ['safe-order', ['freeze-order']],
    ['no-loop', ['tmp-loop', 'freeze-order']],
    ['no-binds', ['jailed-users', 'virtfs-mounts', 'freeze-order']],
  ] as const) {
    test(`7.2, ${layout}: the freeze completes; the VM stays responsive; the diagnosis says not at risk`, async () => {
      const row = await runConfiguration({ id: `7.2-${layout}`, layout, agent: '7.2', hungTaskPanic: 0, expected: 'completes' });
      expect(row.outcome, row.note).toBe('completes');
      expect(row.frozen).toBeGreaterThan(0);
      expect(row.responsive).toBe(true);
      expect(row.atRisk).toBe(false);
      for (const s of pass) expect(diagnosis[row.id]![s], s).toBe('pass');
    });
  }
});

describe('each fix, run step by step through the runner on a VM in the hang layout', () => {
  /** Runs a step and expects a verdict; keeps the record for the evidence. */
  async function step(runner: LabRunner, log: StepRun[], id: string, which: StepRun['which'] = 'run', params: Record<string, string> = {}): Promise<StepRun> {
    const r = await runner.run(id, which, params);
    log.push(r);
    console.log(`lab: ${id} (${which}) → ${r.verdict}`);
    return r;
  }
  const atRiskNow = async (runner: LabRunner): Promise<Diagnosis> => runner.diagnose();

  test('fix 1, agent masked: not at risk, the freeze finds no agent (by design), VM responsive; rollback puts the risk back', async () => {
    await withVm(0, async (vm, runner) => {
      await applyLayout(vm, 'hang-order');
      const log: StepRun[] = [];
      const before = await atRiskNow(runner);
      expect((await step(runner, log, 'agent-mask')).verdict).toBe('pass');
      expect((await step(runner, log, 'agent-mask', 'verify')).verdict).toBe('pass');
      const after = await atRiskNow(runner);
      diagnosis['fix-agent'] = after.verdicts;
      const { f, responsive } = await freezeAndCheck(vm, runner);
      expect((await step(runner, log, 'agent-mask', 'rollback')).verdict).toBe('pass');
      const rolledBack = await atRiskNow(runner);
      fixes.push({ fix: 'agent', steps: log.map(({ step, which, verdict }) => ({ step, which, verdict })), atRiskBefore: before.assessment.atRisk, atRiskAfter: after.assessment.atRisk, freeze: outcomeOf(f), frozen: null, responsive: !!responsive, atRiskAfterRollback: rolledBack.assessment.atRisk, note: 'Without an agent nothing is frozen: the backup is then crash-consistent only.' });
      expect(before.assessment.atRisk).toBe(true);
      expect(after.assessment.atRisk).toBe(false);
      expect(after.verdicts['agent-running']).toBe('pass');
      expect(after.verdicts['agent-enabled']).toBe('pass');
      expect(f.outcome).toBe('no-agent');
      expect(responsive).toBe(true);
      expect(rolledBack.assessment.atRisk).toBe(true);
    });
  });

  test('fix 2, normal shell: VirtFS released, not at risk, the freeze completes; rollback and a jailed login put the risk back', async () => {
    await withVm(0, async (vm, runner) => {
      await applyLayout(vm, 'hang-order');
      const log: StepRun[] = [];
      const user = { user: 'alice' };
      const before = await atRiskNow(runner);
      for (const [id, params] of [['shell-default', {}], ['shell-user', user], ['shell-release-virtfs', {}]] as const) {
        expect((await step(runner, log, id, 'run', params)).verdict, id).toBe('pass');
        expect((await step(runner, log, id, 'verify', params)).verdict, `${id} verify`).toBe('pass');
      }
      const after = await atRiskNow(runner);
      diagnosis['fix-shell'] = after.verdicts;
      const { f, responsive } = await freezeAndCheck(vm, runner);
      expect((await step(runner, log, 'shell-user', 'rollback', user)).verdict).toBe('pass');
      expect((await step(runner, log, 'shell-default', 'rollback')).verdict).toBe('pass');
      const rolledBack = await atRiskNow(runner);
      // cPanel re-creates the VirtFS mounts at the jailed user's next login, mail or cron run (SIMULATED).
      await vm.sshOk('/usr/local/cpanel/bin/runguide-lab-virtfs mount alice tmp-first');
      const relogged = await atRiskNow(runner);
      fixes.push({ fix: 'shell', steps: log.map(({ step, which, verdict }) => ({ step, which, verdict })), atRiskBefore: before.assessment.atRisk, atRiskAfter: after.assessment.atRisk, freeze: outcomeOf(f), frozen: f.outcome === 'completed' ? f.frozen : null, responsive: !!responsive, atRiskAfterRollback: relogged.assessment.atRisk, note: `Right after the rollback the VirtFS mounts are still gone (at risk: ${rolledBack.assessment.atRisk}); the jailed user's next login re-creates them.` });
      expect(before.assessment.atRisk).toBe(true);
      expect(after.assessment.atRisk).toBe(false);
      expect(f.outcome).toBe('completed');
      expect(responsive).toBe(true);
      expect(rolledBack.verdicts['jailed-users']).toBe('fail');
      expect(relogged.assessment.atRisk).toBe(true);
    });
  });

  test('fix 3, securetmp removed: after the maintenance reboot /tmp is not on a loop device, the freeze completes; rollback brings the loop /tmp back', async () => {
    await withVm(0, async (vm, runner) => {
      await applyLayout(vm, 'hang-order');
      const log: StepRun[] = [];
      const before = await atRiskNow(runner);
      expect((await step(runner, log, 'securetmp-remove')).verdict).toBe('pass');
      expect((await step(runner, log, 'securetmp-remove', 'verify')).verdict).toBe('pass');
      // Unmounting in place: recorded as it happens (a busy /tmp, or VirtFS holding a bind of it,
      // keeps the loop device); the runbook's other way is the reboot, done next.
      const unmount = await step(runner, log, 'securetmp-unmount');
      let note = `securetmp-unmount in place gave "${unmount.verdict}"`;
      if (unmount.verdict === 'pass') note += `; its verify gave "${(await step(runner, log, 'securetmp-unmount', 'verify')).verdict}"`;
      await runner.disconnect();
      await vm.reboot();
      // After the reboot the jailed user logs in again: VirtFS comes back, in the same order (SIMULATED).
      await vm.sshOk('/usr/local/cpanel/bin/runguide-lab-virtfs mount alice tmp-first');
      expect((await step(runner, log, 'securetmp-unmount', 'verify')).verdict).toBe('pass');
      const after = await atRiskNow(runner);
      diagnosis['fix-securetmp'] = after.verdicts;
      const { f, responsive } = await freezeAndCheck(vm, runner);
      expect((await step(runner, log, 'securetmp-remove', 'rollback')).verdict).toBe('pass');
      const rolledBack = await atRiskNow(runner);
      fixes.push({ fix: 'securetmp', steps: log.map(({ step, which, verdict }) => ({ step, which, verdict })), atRiskBefore: before.assessment.atRisk, atRiskAfter: after.assessment.atRisk, freeze: outcomeOf(f), frozen: f.outcome === 'completed' ? f.frozen : null, responsive: !!responsive, atRiskAfterRollback: rolledBack.assessment.atRisk, note: `${note}. After the rollback /tmp is a loop device again, mounted after the VirtFS binds (at risk again only once VirtFS is re-created after it, e.g. at the next boot and login).` });
      notes.push(note);
      expect(before.assessment.atRisk).toBe(true);
      expect(after.verdicts['tmp-loop']).toBe('pass');
      expect(after.assessment.atRisk).toBe(false);
      expect(f.outcome).toBe('completed');
      expect(responsive).toBe(true);
      expect(rolledBack.verdicts['tmp-loop']).toBe('fail');
    });
  });

  test('fix 4, agent upgraded to 10.0 from the apt repository: not at risk, and the hang layout freezes fine', async () => {
    await withVm(0, async (vm, runner) => {
      await applyLayout(vm, 'hang-order');
      const order = await mountOrder(vm);
      const log: StepRun[] = [];
      const before = await atRiskNow(runner);
      expect((await step(runner, log, 'agent-candidate')).verdict).toBe('pass');
      expect((await step(runner, log, 'agent-upgrade')).verdict).toBe('pass');
      expect((await step(runner, log, 'agent-upgrade', 'verify')).verdict).toBe('pass');
      const agent = (await vm.sshOk("dpkg-query -W -f='${Version}' qemu-guest-agent")).trim();
      const after = await atRiskNow(runner);
      diagnosis['10.0-hang-order'] = after.verdicts;
      const { f, responsive } = await freezeAndCheck(vm, runner);
      fixes.push({ fix: 'upgrade', steps: log.map(({ step, which, verdict }) => ({ step, which, verdict })), atRiskBefore: before.assessment.atRisk, atRiskAfter: after.assessment.atRisk, freeze: outcomeOf(f), frozen: f.outcome === 'completed' ? f.frozen : null, responsive: !!responsive, atRiskAfterRollback: null, note: 'No rollback step: downgrading the agent is not part of the runbook.' });
      const outcome = outcomeOf(f);
      configurations.push({
        id: '10.0-hang-order', layout: 'hang-order', agent, hungTaskPanic: 0, expected: 'completes', outcome, durationMs: f.durationMs,
        frozen: f.outcome === 'completed' ? f.frozen : null, hungTask: f.outcome === 'hang' ? f.hungTask : null, panic: null,
        atRisk: after.assessment.atRisk, agrees: after.assessment.atRisk === (outcome === 'hangs'), responsive, mountOrder: order,
        ...(outcome !== 'completes' ? { note: `NOT REPRODUCED: expected "completes", observed "${outcome}"` } : {}),
      });
      expect(before.assessment.atRisk).toBe(true);
      expect(agent).toMatch(/^1:10\./);
      expect(after.verdicts['agent-version']).toBe('pass');
      expect(after.assessment.atRisk).toBe(false);
      expect(f.outcome).toBe('completed');
      expect(responsive).toBe(true);
    });
  });
});
