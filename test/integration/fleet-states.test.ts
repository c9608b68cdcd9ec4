// "Check several servers" against real sshd hosts in different server states, at once: each host
// is an sshd serving a mount and PID namespace built as the diagnosis-states test builds its states
// (state-sshd.ts): (a) a loop /tmp, a Jailed Shell account and qemu-ga running: at risk once VirtFS
// mounts; (b) the same with VirtFS mounted after /tmp: at risk; (c) no loop /tmp and nobody who gets
// VirtFS: not at risk. Plus a port nothing listens on. The fleet's verdict of each host must equal
// the single-host diagnosis of that host: every diagnosis step run through the runner's own
// terminal session on it (RunnerClient), judged by the runner, combined by assess().
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { atRiskInventory, type FleetEvent } from '../../core/fleet.ts';
import { exportStrings } from '../../i18n/export.ts';
import { assess, diagnosisSteps, findStep, renderCommand } from '../../core/render.ts';
import type { Verdict } from '../../core/step-ref.ts';
import { connect } from '../../server/client.ts';
import { freePort } from '../../server/free-port.ts';
import { ansibleEnvIn } from '../helpers/ansible.ts';
import { generate, runbook } from '../helpers/export-common.ts';
import { hostRows, playbookProcesses, readEvents, startFleet } from '../helpers/fleet.ts';
import { holdLoopLock } from '../helpers/loop-tmp.ts';
import { startTestRunner, tempHome, writeHostsFile, type TestRunner } from '../helpers/runner.ts';
import { startStateSshd, type StateHost } from '../helpers/state-sshd.ts';

const STATES = {
  latent: { state: 'account alice jailshell; agent', expected: 'at-risk-latent' },
  mounted: { state: 'account alice jailshell; agent; virtfs alice', expected: 'at-risk' },
  // tmp-loop reads /sys, the kernel's list of loop devices, where the other two hosts' tmpDSK
  // show: so this host has no VirtFS user, and its verdict does not hang on that check.
  plain: { state: 'agent; umount /var/tmp; umount /tmp', expected: 'not-at-risk' },
} as const;
const IDS = Object.keys(STATES) as (keyof typeof STATES)[];
/** A host of a family the playbook does not support (Ansible reads /etc/alpine-release first): undecided, with the assert's reason. */
const ALIEN = "printf '3.19.1\\n' >/etc/alpine-release";

let release: () => Promise<void>;
const hosts: StateHost[] = [];
let r: TestRunner;
let dir: string;
let deadPort: number;

beforeAll(async () => {
  release = await holdLoopLock();
  for (const id of IDS) hosts.push(await startStateSshd(id, STATES[id].state));
  hosts.push(await startStateSshd('alien', ALIEN));
  deadPort = await freePort();
  const home = tempHome();
  writeHostsFile(home.home, [...hosts.map((h) => h.entry), { ...hosts[0]!.entry, id: 'gone', port: deadPort }]);
  r = await startTestRunner({ home });
  dir = mkdtempSync(join(tmpdir(), 'runguide-fleet-states-'));
  writeFileSync(join(dir, 'diagnosis.yml'), generate({ lang: 'en', format: 'ansible' }).content);
}, 600_000);
afterAll(async () => {
  await r?.stop();
  for (const h of hosts) await h.stop();
  await release?.();
  rmSync(dir, { recursive: true, force: true });
});

/** The single-host diagnosis: each diagnosis step through the runner's session on the host. */
async function diagnoseOne(host: string): Promise<{ verdicts: Record<string, Verdict>; outcome: string }> {
  const c = await connect(r.origin, r.token, { host });
  const verdicts: Record<string, Verdict> = {};
  try {
    for (const s of diagnosisSteps(runbook)) verdicts[s.id] = (await c.run(runbook.slug, s.id, { timeoutMs: 180_000 })).verdict;
  } finally {
    await c.close();
  }
  return { verdicts, outcome: assess(runbook, verdicts).outcome };
}

/** A fleet run's events, with the playbook file it ran as read while it ran. */
async function fleet(
  body: Parameters<typeof startFleet>[1],
): Promise<{ events: FleetEvent[]; playbook: string; liveWhenFirstRow: boolean }> {
  const run = await startFleet(r, body);
  let playbook = '';
  let liveWhenFirstRow: boolean | null = null;
  const events = await readEvents(r, run, (e) => {
    if (e.type === 'start') {
      const p = playbookProcesses()[0];
      if (p) playbook = readFileSync(join(p.dir, 'cpanel-backup-freeze-diagnosis-en.yml'), 'utf8');
    }
    // Streamed as they come: the first row arrives while ansible-playbook still runs.
    if (e.type === 'host' && liveWhenFirstRow === null) liveWhenFirstRow = !r.fleet.get(run)!.done;
  });
  return { events, playbook, liveWhenFirstRow: liveWhenFirstRow ?? false };
}

function expectRows(events: FleetEvent[]) {
  const rows = Object.fromEntries(hostRows(events).map((h) => [h.host, h]));
  expect(Object.keys(rows).sort()).toEqual(['alien', 'gone', ...IDS].sort());
  for (const id of IDS) expect(rows[id]!.verdict, `${id}: ${JSON.stringify(rows[id])}`).toBe(STATES[id].expected);
  expect(rows.gone).toMatchObject({ verdict: 'unreachable', found: [], fix: null });
  expect(rows.gone!.message).toMatch(new RegExp(`port ${deadPort}: Connection refused`));
  for (const id of IDS) {
    // Each host's ten checks come before its row.
    const mine = events.filter((e) => 'host' in e && e.host === id).map((e) => e.type);
    expect(mine).toEqual([...Array(diagnosisSteps(runbook).length).fill('check'), 'host']);
  }
  expect(rows.latent).toMatchObject({ fix: runbook.recommend, message: '' });
  expect(rows.latent!.found).toEqual(expect.arrayContaining(['agent-running', 'agent-version', 'tmp-loop', 'virtfs-users']));
  expect(rows.mounted!.found).toEqual(expect.arrayContaining(['freeze-order', 'virtfs-mounts']));
  expect(rows.plain).toMatchObject({ fix: null, message: '' });
  expect(rows.alien).toMatchObject({ verdict: 'undecided', found: [], fix: null });
  expect(rows.alien!.message).toBe(exportStrings.en.ansible.unsupported);
  expect(events.filter((e) => e.type === 'check' && e.host === 'alien')).toEqual([]);
  return rows;
}

const checksOf = (events: FleetEvent[], host: string) =>
  Object.fromEntries(events.flatMap((e) => (e.type === 'check' && e.host === host ? [[e.step, e.verdict]] : [])));

describe.skipIf(process.getuid?.() !== 0)('check several servers', () => {
  let fromHosts: FleetEvent[];

  test('hosts picked by id: every verdict streams in, and equals the single-host diagnosis of that host', async () => {
    const [run, ...single] = await Promise.all([
      fleet({ runbook: runbook.slug, lang: 'en', hosts: [...IDS, 'alien', 'gone'] }),
      ...IDS.map((id) => diagnoseOne(id)),
    ]);
    fromHosts = run.events;
    const start = run.events[0]!;
    expect(start).toMatchObject({
      type: 'start',
      runbook: runbook.slug,
      hosts: ['alien', 'gone', 'latent', 'mounted', 'plain'],
      forks: 10,
    });
    expect(start.type === 'start' && start.checks).toEqual(diagnosisSteps(runbook).map((s) => ({ step: s.id, title: expect.any(String) })));
    expect(start.type === 'start' && start.command).toBe(
      'ansible-playbook -i inventory.json cpanel-backup-freeze-diagnosis-en.yml --forks 10',
    );
    // The playbook is the file `./runguide export --format ansible --lang en` writes.
    expect(run.playbook).toBe(generate({ lang: 'en', format: 'ansible' }).content);
    expect(run.liveWhenFirstRow).toBe(true);
    const rows = expectRows(run.events);
    IDS.forEach((id, i) => {
      expect(rows[id]!.verdict, id).toBe(single[i]!.outcome);
      expect(checksOf(run.events, id), id).toEqual(single[i]!.verdicts);
    });
    // Each check names the command its host ran (Debian here: the Debian family's), for the report.
    for (const e of run.events)
      if (e.type === 'check') expect(e.command, `${e.host} ${e.step}`).toBe(renderCommand(findStep(runbook, e.step)!, 'run', 'ubuntu'));
    // ansible-playbook's exit: 4, a host was unreachable (it outranks 2, hosts failed: those at risk).
    expect(run.events.at(-1)).toEqual({ type: 'done', exitCode: 4, stopped: false });
  }, 900_000);

  test('the at-risk inventory lists exactly the hosts at risk, and ansible-playbook --list-hosts accepts it', () => {
    const inventory = join(dir, 'at-risk.yml');
    writeFileSync(inventory, atRiskInventory(hostRows(fromHosts)));
    const out = execFileSync('ansible-playbook', ['-i', inventory, join(dir, 'diagnosis.yml'), '--list-hosts', '-l', 'runguide_at_risk'], {
      encoding: 'utf8',
      env: ansibleEnvIn(join(dir, 'ansible')),
    });
    const listed = /hosts \((\d+)\):\n((?:\s+\S+\n?)*)/.exec(out);
    expect(listed, out).not.toBeNull();
    expect(listed![2]!.trim().split(/\s+/).sort()).toEqual(['latent', 'mounted']);
    // With its variables: the fix playbook reaches them as the diagnosis did.
    const hostvars = JSON.parse(
      execFileSync('ansible-inventory', ['-i', inventory, '--list'], { encoding: 'utf8', env: ansibleEnvIn(join(dir, 'ansible')) }),
    );
    expect(hostvars._meta.hostvars.mounted).toMatchObject({ ansible_host: '127.0.0.1', ansible_port: String(hosts[1]!.port) });
  });

  test('a pasted INI inventory of the same hosts gives the same rows; passwords and tokens stay out of them', async () => {
    const line = (id: string, h: StateHost['entry']) =>
      `${id} ansible_host=${h.host} ansible_port=${h.port} ansible_user=root ansible_ssh_private_key_file=${h.identityFile} ` +
      `ansible_ssh_extra_args='-o UserKnownHostsFile=${h.knownHostsFile}' ansible_become_password=hunter2`;
    const inventory = [
      '[fleet]',
      ...hosts.map((h) => line(h.id, h.entry)),
      line('gone', { ...hosts[0]!.entry, port: deadPort }),
      '[fleet:vars]',
      'rack=r7',
      'panel_api_token=s3cr3t-t0ken',
    ].join('\n');
    const { events } = await fleet({ runbook: runbook.slug, lang: 'en', inventory });
    expect(events[0]).toMatchObject({
      type: 'start',
      command: 'ansible-playbook -i inventory cpanel-backup-freeze-diagnosis-en.yml --forks 10',
    });
    const rows = expectRows(events);
    for (const id of IDS) expect(checksOf(events, id), id).toEqual(checksOf(fromHosts, id));
    expect(rows.latent!.vars).toMatchObject({ rack: 'r7', ansible_port: String(hosts[0]!.port), ansible_user: 'root' });
    const all = JSON.stringify(events);
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain('s3cr3t');
  }, 900_000);
});
