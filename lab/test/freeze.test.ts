// The lab's proof: real Debian VMs (TCG or KVM), the real qemu-guest-agent 7.2 / 10.0, the freeze
// sent on the agent socket as a backup system sends it, and every runbook step run over SSH through
// the real runner server and its WebSocket client. The cPanel pieces (securetmp, VirtFS, jailshell,
// whmapi1) are SIMULATIONS (lab/guest/), because cPanel itself cannot be installed here.
// The three VMs run side by side (describe.concurrent); each one's tests run in order.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { release } from 'node:os';
import { chooseAccel, type AccelChoice } from '../accel.ts';
import { ensureImage, type Image } from '../image.ts';
import { freezeThaw, type FreezeResult } from '../freeze.ts';
import { QgaClient } from '../qga.ts';
import { applyLayout, mountOrder } from '../scenario.ts';
import { LabVm, qemuVersion } from '../vm.ts';
import { LabRunner, runbook, type Diagnosis, type StepRun } from '../runner.ts';
import { writeEvidence, type Configuration, type Evidence, type FixEvidence } from '../evidence.ts';

let image: Image;
let accel: AccelChoice;
const configurations: Configuration[] = [];
const fixes: FixEvidence[] = [];
const diagnosis: Evidence['diagnosis'] = {};
const notes: string[] = [];
const PLANNED_CONFIGS = 12;
const PLANNED_FIXES = 4;
// Inside a describe.concurrent block, a VM's own tests still run one after the other.
const SEQUENTIAL = { concurrent: false } as const;

beforeAll(async () => {
  image = await ensureImage();
  accel = await chooseAccel(image);
  console.log(`lab: ${accel.accel} (${accel.reason}), kernel ${image.versions.kernel}, host ${release()}`);
});

afterAll(() => {
  if (process.env.LAB_WRITE_EVIDENCE !== '1') return;
  if (configurations.length === 0 && fixes.length === 0) return console.warn('lab: nothing measured, evidence not written');
  if (configurations.length !== PLANNED_CONFIGS || fixes.length !== PLANNED_FIXES)
    console.warn(`lab: partial run (${configurations.length}/${PLANNED_CONFIGS} configurations, ${fixes.length}/${PLANNED_FIXES} fixes): only these rows are replaced`);
  const measuredAt = new Date().toISOString();
  for (const r of [...configurations, ...fixes]) r.measuredAt = measuredAt;
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

/** One VM (and a runner on it) for a describe block: booted before its tests, always stopped after. */
function sharedVm(hungTaskPanic: 0 | 1): { vm: () => LabVm; runner: () => LabRunner } {
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

async function freezeAndCheck(vm: LabVm, runner: LabRunner, expectPanic = false): Promise<{ f: FreezeResult; responsive: boolean | null }> {
  // The runner's SSH session is closed first: a hang would leave it stuck on the frozen root.
  await runner.disconnect();
  const f = await freezeThaw(vm, { expectPanic });
  console.log(`lab: freeze → ${JSON.stringify(f)}`);
  const responsive = f.outcome === 'hang' ? null : (await vm.ssh('true', 60_000)).code === 0;
  return { f, responsive };
}

/** Freezes the VM in its current layout, records the configuration's row, and returns it. */
async function configuration(vm: LabVm, runner: LabRunner, id: string, expected: Configuration['expected'], hungTaskPanic: 0 | 1 = 0): Promise<Configuration> {
  const agent = (await vm.sshOk("dpkg-query -W -f='${Version}' qemu-guest-agent")).trim();
  const layout = id.replace(/^[\d.]+-/, '').replace(/-panic$/, '');
  const order = await mountOrder(vm);
  const d = await runner.diagnose();
  diagnosis[id] = d.verdicts;
  console.log(`lab: ${id}: diagnosis ${JSON.stringify(d.verdicts)} → ${d.assessment.outcome}`);
  const { f, responsive } = await freezeAndCheck(vm, runner, hungTaskPanic === 1);
  const outcome = outcomeOf(f);
  const row: Configuration = {
    id, layout, agent, hungTaskPanic, expected, outcome,
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
async function step(runner: LabRunner, log: StepRun[], id: string, which: StepRun['which'] = 'run', params: Record<string, string> = {}): Promise<StepRun> {
  const r = await runner.run(id, which, params);
  log.push(r);
  console.log(`lab: ${id} (${which}) → ${r.verdict}`);
  return r;
}

function fixRecord(fix: string, log: StepRun[], before: Diagnosis, after: Diagnosis, f: FreezeResult, responsive: boolean | null, rolledBack: Diagnosis | null, note?: string): FixEvidence {
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
async function activeFstabLines(vm: LabVm): Promise<string[]> {
  const out = await vm.sshOk("grep -E '^[[:space:]]*(/usr/tmpDSK|/tmp[[:space:]]+/var/tmp)[[:space:]]' /etc/fstab || true");
  return out.split('\n').filter(Boolean);
}

const CAUGHT = ['agent-running', 'agent-enabled', 'agent-version', 'tmp-loop', 'virtfs-users', 'virtfs-mounts', 'freeze-order'];

describe.concurrent('VM 1 (agent 7.2): safe layouts freeze; the hang layout is diagnosed; noshell and a hand-started agent hang; fixes 1, 2 and 4 through the runner', () => {
  const { vm, runner } = sharedVm(0);

  test('safe-order (VirtFS binds of / before the bind of /tmp): the freeze completes; the diagnosis says at risk once VirtFS mounts', SEQUENTIAL, async () => {
    await applyLayout(vm(), 'safe-order');
    const row = await configuration(vm(), runner(), '7.2-safe-order', 'completes');
    expect(row.outcome, row.note).toBe('completes');
    expect(row.frozen).toBeGreaterThan(0);
    expect(row.responsive).toBe(true);
    // The order is safe now, but alice (Jailed Shell) gets VirtFS again after /tmp at her next login.
    expect(row.riskOutcome).toBe('at-risk-latent');
    expect(row.agrees).toBe(true);
    expect(diagnosis[row.id]!['freeze-order']).toBe('pass');
  });

  test('no-binds (fix 2 state): the freeze completes and the diagnosis says not at risk', SEQUENTIAL, async () => {
    await applyLayout(vm(), 'no-binds');
    const row = await configuration(vm(), runner(), '7.2-no-binds', 'completes');
    expect(row.outcome, row.note).toBe('completes');
    expect(row.responsive).toBe(true);
    expect(row.riskOutcome).toBe('not-at-risk');
    expect(diagnosis[row.id]).toMatchObject({ 'virtfs-users': 'pass', 'virtfs-mounts': 'pass', 'freeze-order': 'pass' });
  });

  test('hang-order: every risk factor is caught and the runbook says at risk (not frozen here: see VM 2)', SEQUENTIAL, async () => {
    await applyLayout(vm(), 'hang-order');
    const d = await runner().diagnose();
    diagnosis['7.2-hang-order (VM 1)'] = d.verdicts;
    expect(d.assessment.atRisk).toBe(true);
    for (const s of CAUGHT) expect(d.verdicts[s], s).toBe('fail');
    expect(d.verdicts['panic-on-hang']).toBe('pass');
  });

  test('fix 1 and its rollback refuse to touch the agent while a backup holds the filesystems frozen', SEQUENTIAL, async () => {
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
  });

  test('fix 1, agent masked: not at risk; the freeze finds no agent (by design); responsive; rollback puts the risk back', SEQUENTIAL, async () => {
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
    fixRecord('agent', log, before, after, f, responsive, rolledBack, 'With no agent nothing is frozen: backups are then crash-consistent only. The rollback starts the agent only if it was running before the mask; run twice, it changes nothing.');
    expect(before.assessment.atRisk).toBe(true);
    expect(after.verdicts).toMatchObject({ 'agent-running': 'pass', 'agent-enabled': 'pass' });
    expect(after.assessment.atRisk).toBe(false);
    expect(f.outcome).toBe('no-agent');
    expect(responsive).toBe(true);
    expect(rolledBack.assessment.atRisk).toBe(true);
  });

  test('fix 2, normal shell: VirtFS released, not at risk, the freeze completes; rollback and the next jailed login put the risk back', SEQUENTIAL, async () => {
    const log: StepRun[] = [];
    const user = { user: 'alice' };
    const before = await runner().diagnose();
    for (const [id, params] of [['shell-default', {}], ['shell-user', user], ['shell-release-virtfs', user]] as const) {
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
    fixRecord('shell', log, before, after, f, responsive, relogged, `Right after the rollback VirtFS is still unmounted (the diagnosis: ${rolledBack.assessment.outcome}); the jailed user's next login mounts it again.`);
    expect(before.assessment.atRisk).toBe(true);
    expect(after.verdicts).toMatchObject({ 'virtfs-users': 'pass', 'virtfs-mounts': 'pass', 'freeze-order': 'pass' });
    expect(after.assessment.atRisk).toBe(false);
    expect(f.outcome).toBe('completed');
    expect(responsive).toBe(true);
    expect(rolledBack.verdicts['virtfs-users']).toBe('fail');
    expect(relogged.assessment.atRisk).toBe(true);
  });

  test('noshell: VirtFS of a user without a shell (mail, cron) mounted after /tmp: the freeze hangs, and the diagnosis had said at risk', SEQUENTIAL, async () => {
    await applyLayout(vm(), 'noshell');
    const row = await configuration(vm(), runner(), '7.2-noshell', 'hangs');
    expect(row.outcome, row.note).toBe('hangs');
    expect(row.riskOutcome).toBe('at-risk');
    expect(diagnosis[row.id]).toMatchObject({ 'virtfs-users': 'fail', 'freeze-order': 'fail' });
    await vm().hardReset();
  });

  test('agent-outside-unit: the unit masked, qemu-ga started by hand: the freeze hangs, and the diagnosis had said at risk', SEQUENTIAL, async () => {
    await applyLayout(vm(), 'agent-outside-unit');
    const row = await configuration(vm(), runner(), '7.2-agent-outside-unit', 'hangs');
    expect(row.outcome, row.note).toBe('hangs');
    expect(row.riskOutcome).toBe('at-risk');
    expect(diagnosis[row.id]).toMatchObject({ 'agent-running': 'fail', 'agent-enabled': 'pass', 'agent-version': 'fail' });
    await vm().hardReset();
    // The unit back, running, and the hang layout, for fix 4.
    await vm().sshOk('systemctl unmask qemu-guest-agent && systemctl start qemu-guest-agent');
    await applyLayout(vm(), 'hang-order');
  });

  test('fix 4, agent upgraded to 10.0 from the apt repository: not at risk, and the hang layout freezes fine', SEQUENTIAL, async () => {
    const log: StepRun[] = [];
    const before = await runner().diagnose();
    expect((await step(runner(), log, 'agent-candidate')).verdict).toBe('pass');
    expect((await step(runner(), log, 'agent-upgrade')).verdict).toBe('pass');
    expect((await step(runner(), log, 'agent-upgrade', 'verify')).verdict).toBe('pass');
    const row = await configuration(vm(), runner(), '10.0-hang-order', 'completes');
    fixRecord('upgrade', log, before, { verdicts: diagnosis[row.id]!, assessment: { outcome: row.riskOutcome!, atRisk: row.atRisk, factors: [], recommend: null } }, row.outcome === 'completes' ? { outcome: 'completed', frozen: row.frozen!, thawed: row.frozen!, durationMs: row.durationMs } : { outcome: 'error', message: row.note ?? '', durationMs: row.durationMs }, row.responsive, null, 'No rollback step: the runbook does not downgrade the agent.');
    expect(before.assessment.atRisk).toBe(true);
    expect(row.agent).toMatch(/^1:10\./);
    expect(diagnosis[row.id]!['agent-version']).toBe('pass');
    expect(row.outcome, row.note).toBe('completes');
    expect(row.atRisk).toBe(false);
    expect(row.responsive).toBe(true);
  });
});

describe.concurrent('VM 2 (agent 7.2): the hang, the reset, a replaced backing file, fix 3 (securetmp) with its maintenance reboot, an upgrade without restart', () => {
  const { vm, runner } = sharedVm(0);

  test('hang-order: the freeze hangs, the kernel reports hung tasks, and the diagnosis had said at risk', SEQUENTIAL, async () => {
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
  });

  test('replaced-backing: /usr/tmpDSK deleted and created anew while its loop device is mounted: the freeze hangs, and the diagnosis had said at risk', SEQUENTIAL, async () => {
    await applyLayout(vm(), 'replaced-backing');
    const row = await configuration(vm(), runner(), '7.2-replaced-backing', 'hangs');
    expect(row.outcome, row.note).toBe('hangs');
    expect(row.riskOutcome).toBe('at-risk');
    expect(diagnosis[row.id]!['freeze-order']).toBe('fail');
    await vm().hardReset();
  });

  // Fix 3 never unmounts /tmp on the running server: the step changes start-up, the maintenance
  // reboot does the rest. Its verify says "applied, reboot" until then, and passes after it.
  test('fix 3, securetmp taken out: nothing unmounted until the maintenance reboot, then /tmp is not a loop device and the freeze completes (no-loop); the rollback, twice, brings the loop /tmp back at the next boot', SEQUENTIAL, async () => {
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
    const booted = (await vm().ssh('findmnt -n -o SOURCE,TARGET /tmp || echo "/tmp not a mount point"; systemctl is-enabled securetmp.service 2>&1; grep -n tmpDSK /etc/fstab', 60_000)).stdout.trim().replace(/\n/g, ' | ');
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
    const f: FreezeResult = row.outcome === 'completes' ? { outcome: 'completed', frozen: row.frozen!, thawed: row.frozen!, durationMs: row.durationMs } : { outcome: 'error', message: row.note ?? '', durationMs: row.durationMs };
    fixRecord('securetmp', log, before, { verdicts: diagnosis[row.id]!, assessment: { outcome: row.riskOutcome!, atRisk: row.atRisk, factors: [], recommend: null } }, f, row.responsive, rolledBack, note);
    notes.push(note);
    expect(before.assessment.atRisk).toBe(true);
    expect(diagnosis[row.id]!['tmp-loop']).toBe('pass');
    expect(row.outcome, row.note).toBe('completes');
    expect(row.atRisk).toBe(false);
    expect(row.responsive).toBe(true);
    expect(rolledBack.verdicts['tmp-loop']).toBe('fail');
  });

  test('upgraded-not-restarted: the package is 10.0, the 7.2 program still runs: the freeze hangs, and the diagnosis had said at risk', SEQUENTIAL, async () => {
    await applyLayout(vm(), 'upgraded-not-restarted');
    const row = await configuration(vm(), runner(), '7.2-upgraded-not-restarted', 'hangs');
    expect(row.agent, 'the package').toMatch(/^1:10\./);
    expect(row.outcome, row.note).toBe('hangs');
    expect(row.riskOutcome).toBe('at-risk');
    expect(diagnosis[row.id]!['agent-version']).toBe('fail');
  });
});

describe.concurrent('VM 3 (agent 7.2, kernel.hung_task_panic=1): latent, then a login, and the hang panics the kernel', () => {
  const { vm, runner } = sharedVm(1);

  test('latent: a Jailed Shell user, no VirtFS yet: the freeze completes, and the diagnosis says at risk once VirtFS mounts', SEQUENTIAL, async () => {
    await applyLayout(vm(), 'latent');
    const row = await configuration(vm(), runner(), '7.2-latent', 'completes');
    expect(row.outcome, row.note).toBe('completes');
    expect(row.riskOutcome).toBe('at-risk-latent');
    expect(diagnosis[row.id]).toMatchObject({ 'virtfs-users': 'fail', 'virtfs-mounts': 'pass', 'freeze-order': 'pass' });
  });

  test('latent-login: then the user logs in, VirtFS mounts after /tmp, and the next freeze panics the kernel; the diagnosis now says at risk', SEQUENTIAL, async () => {
    await applyLayout(vm(), 'latent-login');
    const row = await configuration(vm(), runner(), '7.2-latent-login-panic', 'hangs', 1);
    expect(row.outcome, row.note).toBe('hangs');
    expect(row.panic).toMatch(/hung_task|blocked tasks/);
    expect(row.riskOutcome).toBe('at-risk');
    await vm().hardReset();
  });

  test('hang-order: the kernel panics on the hung tasks; panic-on-hang had failed', SEQUENTIAL, async () => {
    await applyLayout(vm(), 'hang-order');
    const row = await configuration(vm(), runner(), '7.2-hang-order-panic', 'hangs', 1);
    expect(row.outcome, row.note).toBe('hangs');
    expect(row.panic).toMatch(/hung_task|blocked tasks/);
    expect(row.atRisk).toBe(true);
    expect(diagnosis[row.id]!['panic-on-hang']).toBe('fail');
  });
});
