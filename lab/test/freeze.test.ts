// The lab's proof: real Debian VMs (TCG or KVM), the real qemu-guest-agent 7.2 / 10.0, the freeze
// sent on the agent socket as a backup system sends it, and every runbook step run over SSH through
// the real runner server and its WebSocket client. The cPanel pieces (securetmp, VirtFS, jailshell,
// whmapi1) are SIMULATIONS (lab/guest/), because cPanel itself cannot be installed here.
// The three VMs run side by side (describe.concurrent); each one's tests run in order.
// Each test's steps and assertions are in freeze/, by subject: configurations that complete
// (completes.ts), that hang (hangs.ts), and the fixes (fixes.ts); what they share, and the rows
// they record, in harness.ts. This file says which VM runs what, in which order: the lab runs one
// test file at a time (lab/vitest.config.ts), so the three VMs can only run side by side here.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { qemuVersion } from '../vm.ts';
import { writeEvidence } from '../evidence.ts';
import { accel, configurations, diagnosis, fixes, image, notes, prepareLab, SEQUENTIAL, sharedVm } from './freeze/harness.ts';
import { latent, noBinds, safeOrder } from './freeze/completes.ts';
import {
  agentOutsideUnit,
  hangOrder,
  hangOrderDiagnosed,
  hangOrderPanics,
  latentLoginPanics,
  noshell,
  replacedBacking,
  upgradedNotRestarted,
} from './freeze/hangs.ts';
import { fix1AgentMasked, fix1RefusedWhileFrozen, fix2NormalShell, fix3Securetmp, fix4AgentUpgraded } from './freeze/fixes.ts';

// VM 1: 5 configurations and fixes 1, 2 and 4; VM 2: 4 configurations and fix 3; VM 3: 3 configurations.
const PLANNED_CONFIGS = 12;
const PLANNED_FIXES = 4;

beforeAll(prepareLab);

afterAll(() => {
  if (process.env.LAB_WRITE_EVIDENCE !== '1') return;
  if (configurations.length === 0 && fixes.length === 0) return console.warn('lab: nothing measured, evidence not written');
  if (configurations.length !== PLANNED_CONFIGS || fixes.length !== PLANNED_FIXES)
    console.warn(
      `lab: partial run (${configurations.length}/${PLANNED_CONFIGS} configurations, ${fixes.length}/${PLANNED_FIXES} fixes): only these rows are replaced`,
    );
  const measuredAt = new Date().toISOString();
  for (const r of [...configurations, ...fixes]) r.measuredAt = measuredAt;
  writeEvidence({
    date: new Date().toISOString(),
    kernel: image.versions.kernel,
    agents: { bookworm: image.versions.agentBookworm, trixie: image.versions.agentTrixie },
    qemu: qemuVersion(),
    accel: accel.accel,
    accelReason: accel.reason,
    simulated:
      "cPanel securetmp (/usr/tmpDSK loop-mounted on /tmp), VirtFS bind mounts, jailshell, whmapi1 and clear_orphaned_virtfs_mounts are simulations (lab/guest/); the kernel, systemd, OpenSSH and qemu-guest-agent are Debian's own packages.",
    configurations,
    fixes,
    diagnosis,
    notes,
  });
  console.log('lab: evidence written to runbooks/cpanel-backup-freeze/lab-evidence.json');
});

describe.concurrent('VM 1 (agent 7.2): safe layouts freeze; the hang layout is diagnosed; noshell and a hand-started agent hang; fixes 1, 2 and 4 through the runner', () => {
  const shared = sharedVm(0);
  test(
    'safe-order (VirtFS binds of / before the bind of /tmp): the freeze completes; the diagnosis says at risk once VirtFS mounts',
    SEQUENTIAL,
    () => safeOrder(shared),
  );
  test('no-binds (fix 2 state): the freeze completes and the diagnosis says not at risk', SEQUENTIAL, () => noBinds(shared));
  test('hang-order: every risk factor is caught and the runbook says at risk (not frozen here: see VM 2)', SEQUENTIAL, () =>
    hangOrderDiagnosed(shared),
  );
  test('fix 1 and its rollback refuse to touch the agent while a backup holds the filesystems frozen', SEQUENTIAL, () =>
    fix1RefusedWhileFrozen(shared),
  );
  test('fix 1, agent masked: not at risk; the freeze finds no agent (by design); responsive; rollback puts the risk back', SEQUENTIAL, () =>
    fix1AgentMasked(shared),
  );
  test(
    'fix 2, normal shell: VirtFS released, not at risk, the freeze completes; rollback and the next jailed login put the risk back',
    SEQUENTIAL,
    () => fix2NormalShell(shared),
  );
  test(
    'noshell: VirtFS of a user without a shell (mail, cron) mounted after /tmp: the freeze hangs, and the diagnosis had said at risk',
    SEQUENTIAL,
    () => noshell(shared),
  );
  test(
    'agent-outside-unit: the unit masked, qemu-ga started by hand: the freeze hangs, and the diagnosis had said at risk',
    SEQUENTIAL,
    () => agentOutsideUnit(shared),
  );
  test('fix 4, agent upgraded to 10.0 from the apt repository: not at risk, and the hang layout freezes fine', SEQUENTIAL, () =>
    fix4AgentUpgraded(shared),
  );
});

describe.concurrent('VM 2 (agent 7.2): the hang, the reset, a replaced backing file, fix 3 (securetmp) with its maintenance reboot, an upgrade without restart', () => {
  const shared = sharedVm(0);
  test('hang-order: the freeze hangs, the kernel reports hung tasks, and the diagnosis had said at risk', SEQUENTIAL, () =>
    hangOrder(shared),
  );
  test(
    'replaced-backing: /usr/tmpDSK deleted and created anew while its loop device is mounted: the freeze hangs, and the diagnosis had said at risk',
    SEQUENTIAL,
    () => replacedBacking(shared),
  );
  test(
    'fix 3, securetmp taken out: nothing unmounted until the maintenance reboot, then /tmp is not a loop device and the freeze completes (no-loop); the rollback, twice, brings the loop /tmp back at the next boot',
    SEQUENTIAL,
    () => fix3Securetmp(shared),
  );
  test(
    'upgraded-not-restarted: the package is 10.0, the 7.2 program still runs: the freeze hangs, and the diagnosis had said at risk',
    SEQUENTIAL,
    () => upgradedNotRestarted(shared),
  );
});

describe.concurrent('VM 3 (agent 7.2, kernel.hung_task_panic=1): latent, then a login, and the hang panics the kernel', () => {
  const shared = sharedVm(1);
  test(
    'latent: a Jailed Shell user, no VirtFS yet: the freeze completes, and the diagnosis says at risk once VirtFS mounts',
    SEQUENTIAL,
    () => latent(shared),
  );
  test(
    'latent-login: then the user logs in, VirtFS mounts after /tmp, and the next freeze panics the kernel; the diagnosis now says at risk; a reset that brings nothing back power-cycles QEMU on the same disk',
    SEQUENTIAL,
    () => latentLoginPanics(shared),
  );
  test('hang-order: the kernel panics on the hung tasks; panic-on-hang had failed', SEQUENTIAL, () => hangOrderPanics(shared));
});
