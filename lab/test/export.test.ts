// The exported runbook, run for real on a lab VM: the bash script and the Ansible playbook that
// `./runguide export` writes (the page's Export button writes the same files) are copied to, or run
// against, a Debian VM in the hang layout, and what they say is compared with the runner's own
// diagnosis (server/index.ts and its WebSocket client, as in freeze.test.ts) on the same VM state.
// Then fix 1 is applied from its exported script, the freeze is sent on the agent socket, and the
// exported rollback (as a playbook) brings the risk back. cPanel's pieces are SIMULATED (lab/guest/).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseAccel } from '../accel.ts';
import { ensureImage } from '../image.ts';
import { freezeThaw } from '../freeze.ts';
import { applyLayout } from '../scenario.ts';
import { LabVm } from '../vm.ts';
import { LabRunner, runbook, type Diagnosis } from '../runner.ts';
import { diagnosisSteps } from '../../core/render.ts';
import type { Verdict } from '../../core/step-ref.ts';
import { exportStrings, outcomeText } from '../../i18n/export.ts';
import { cli, expectedStatus, texts } from '../../test/helpers/export-common.ts';
import { ansibleJsonEnvIn, readRun, type PlaybookRun } from '../../test/helpers/ansible.ts';

const LANG = 'en';
const t = exportStrings[LANG];
const title = (id: string) => texts[LANG]!.steps[id]?.title ?? id;
const DIAGNOSIS = diagnosisSteps(runbook);

let vm: LabVm | null = null;
let runner: LabRunner | null = null;
let dir: string;
let ansibleEnv: NodeJS.ProcessEnv;
let inventory: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rglab-export-'));
  const image = await ensureImage();
  const accel = await chooseAccel(image);
  vm = await LabVm.boot(image, { accel: accel.accel, hungTaskPanic: 0 });
  runner = await LabRunner.start(vm);
  console.log(`lab: export: VM up (${accel.accel}), python3 ${(await vm.sshOk('python3 -V')).trim().replace(/^Python /, '')}`);
  // Ansible as an operator would point it at the VM: its forwarded port, the lab's key, its pinned
  // host key. Ansible's own state and temp files go to a throwaway home.
  inventory = join(dir, 'inventory');
  writeFileSync(
    inventory,
    `lab ansible_host=127.0.0.1 ansible_port=${vm.sshPort} ansible_user=root ansible_ssh_private_key_file=${image.identityFile} ` +
      `ansible_python_interpreter=/usr/bin/python3 ` +
      `ansible_ssh_common_args='-o UserKnownHostsFile=${vm.knownHostsFile} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'\n`,
  );
  ansibleEnv = {
    ...ansibleJsonEnvIn(join(dir, 'ansible')),
    ANSIBLE_PIPELINING: '1',
  };
  await vm.sshOk('mkdir -p /root/runguide-export');
});

afterAll(async () => {
  await runner?.close();
  await vm?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Exec {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program on this machine (not blocking the event loop), killed after `timeoutMs`. */
function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 600_000): Promise<Exec> {
  return new Promise((ok) => {
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '',
      stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr });
    });
  });
}

/** `./runguide export cpanel-backup-freeze …` into a file here; returns its path. */
function exported(name: string, args: string[]): string {
  const path = join(dir, name);
  const r = cli([runbook.slug, '--lang', LANG, ...args, '-o', path]);
  expect(r.code, r.stderr).toBe(0);
  return path;
}

/** scp with the VM's own ssh options (its port as -P, its user in the destination). */
async function copyToVm(local: string, remote: string): Promise<void> {
  const args = vm!.sshArgs();
  const host = args.pop()!;
  const opts: string[] = [];
  let user = 'root';
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] === '-l') user = args[i + 1]!;
    else opts.push(args[i] === '-p' ? '-P' : args[i]!, args[i + 1]!);
  }
  const r = await exec('scp', ['-q', ...opts, local, `${user}@${host}:${remote}`], process.env, 120_000);
  expect(r.code, r.stderr).toBe(0);
}

/** Copies an exported script to the VM and runs it there with bash, as root. */
async function runScript(local: string, args: string[] = []) {
  const remote = `/root/runguide-export/${local.split('/').pop()}`;
  await copyToVm(local, remote);
  const r = await vm!.ssh(`bash ${remote} ${args.join(' ')}`, 600_000);
  expect(r.timedOut).toBe(false);
  return r;
}

interface ScriptDiagnosis {
  code: number | null;
  verdicts: Record<string, Verdict>;
  found: string[];
  stdout: string;
}

/** The diagnosis script's verdict of each check (in order), its exit status and its "found" list. */
async function scriptDiagnosis(path: string): Promise<ScriptDiagnosis> {
  const r = await runScript(path);
  const label: Record<string, Verdict> = { [t.sh.pass]: 'pass', [t.sh.fail]: 'fail', [t.sh.error]: 'error' };
  const seen = [...r.stdout.matchAll(/^ {2}(\S+): /gm)].map((m) => label[m[1]!]!);
  expect(seen, r.stdout).toHaveLength(DIAGNOSIS.length);
  const verdicts = Object.fromEntries(DIAGNOSIS.map((s, i) => [s.id, seen[i]!]));
  const tail = r.stdout.split(`\n${t.verdict.found}\n`)[1] ?? '';
  const found = [...tail.matchAll(/^ {2}- (.+)$/gm)].map((m) => m[1]!);
  return { code: r.code, verdicts, found, stdout: r.stdout };
}

/** Runs a playbook on the VM; `failures`: the host failures expected (a diagnosis fails a host at risk). */
async function playbook(path: string, failures = 0): Promise<PlaybookRun> {
  const r = await exec('ansible-playbook', ['-i', inventory, path], ansibleEnv);
  let out: PlaybookRun;
  try {
    out = readRun(r.stdout);
  } catch (e) {
    throw new Error(`ansible-playbook (exit ${r.code}): ${(e as Error).message}\n${r.stderr.slice(-3000)}`);
  }
  expect(out.stats.lab, r.stderr).toMatchObject({ unreachable: 0, failures });
  expect(r.code, r.stderr).toBe(failures ? 2 : 0);
  return out;
}

/** The host's result of the task named `name` (the first one that ran). */
function taskResult(run: PlaybookRun, name: string): Record<string, unknown> {
  const task = run.plays[0]!.tasks.find((x) => x.task.name === name && !x.hosts.lab?.skipped);
  expect(task, name).toBeDefined();
  return task!.hosts.lab!;
}

const failedTitles = (d: Diagnosis) => DIAGNOSIS.filter((s) => d.verdicts[s.id] === 'fail').map((s) => title(s.id));
const brief = (v: Record<string, Verdict>) => DIAGNOSIS.map((s) => `${s.id}=${v[s.id]}`).join(' ');

/** Runs the exported diagnosis script and the runner's diagnosis on the same state; they must agree. */
async function bothDiagnoses(script: string, when: string): Promise<{ d: Diagnosis; s: ScriptDiagnosis }> {
  const d = await runner!.diagnose();
  const s = await scriptDiagnosis(script);
  console.log(`lab: export: ${when}: script exit ${s.code}, ${brief(s.verdicts)}; runner ${d.assessment.outcome}, ${brief(d.verdicts)}`);
  expect(s.verdicts).toEqual(d.verdicts);
  expect(s.code).toBe(expectedStatus(d.verdicts));
  expect(s.stdout).toContain(`\n${outcomeText(t, d.assessment.outcome)}\n`);
  expect(s.found).toEqual(failedTitles(d));
  return { d, s };
}

describe('the exported runbook on a lab VM (agent 7.2, hang layout)', () => {
  let diagnosisScript: string;

  test('the diagnosis script, copied to the VM and run there: exit 1 (at risk), every check agrees with the runner, the same fix recommended', async () => {
    await applyLayout(vm!, 'hang-order');
    diagnosisScript = exported('diagnosis.sh', ['--distro', 'ubuntu']);
    const { d, s } = await bothDiagnoses(diagnosisScript, 'hang-order');
    expect(d.assessment.atRisk).toBe(true);
    expect(s.code).toBe(1);
    for (const id of ['agent-running', 'agent-enabled', 'agent-version', 'tmp-loop', 'freeze-order'])
      expect(s.verdicts[id], id).toBe('fail');
    // assess() recommends fix 1; the script names it and the export that applies it.
    expect(d.assessment.recommend).toBe('agent');
    expect(s.stdout).toContain(`${t.verdict.recommend} ${t.fixes.agent}\n`);
    expect(s.stdout).toContain(`--fix ${d.assessment.recommend}\n`);
  });

  test('the diagnosis playbook, run with ansible-playbook against the VM: the same verdicts, at risk, the same fix recommended', async () => {
    const d = await runner!.diagnose();
    // At risk: the playbook fails the host at its end, so ansible-playbook exits 2.
    const run = await playbook(exported('diagnosis.yml', ['--format', 'ansible']), 1);
    const facts = taskResult(run, t.ansible.combine).ansible_facts as { rg_verdicts: Record<string, Verdict> };
    const summary = taskResult(run, t.ansible.summary).msg as string[];
    console.log(`lab: export: playbook on hang-order: ${brief(facts.rg_verdicts)}; summary ${JSON.stringify(summary)}`);
    expect(facts.rg_verdicts).toEqual(d.verdicts);
    // A check's task fails (the failure is ignored) exactly when its verdict is "error".
    DIAGNOSIS.forEach((s, i) => {
      const ran = run.plays[0]!.tasks.filter((x) => x.task.name.startsWith(`${i + 1}/${DIAGNOSIS.length} `) && !x.hosts.lab!.skipped);
      expect(ran, s.id).toHaveLength(1);
      expect(Boolean(ran[0]!.hosts.lab!.failed), s.id).toBe(d.verdicts[s.id] === 'error');
    });
    expect(d.assessment.outcome).toBe('at-risk');
    expect(taskResult(run, t.ansible.flag)).toMatchObject({ failed: true, msg: t.verdict.atRisk });
    expect(summary).toEqual([
      t.verdict.atRisk,
      `${t.verdict.found} ${failedTitles(d).join('; ')}`,
      expect.stringContaining(`--fix ${d.assessment.recommend})`),
    ]);
  });

  test('fix 1 from its exported script (--yes): not at risk, the freeze finds no agent and the VM answers; the exported rollback playbook brings the risk back', async () => {
    const fix = await runScript(exported('fix-agent.sh', ['--fix', 'agent', '--distro', 'ubuntu']), ['--yes']);
    console.log(
      `lab: export: fix-agent.sh --yes → exit ${fix.code}: ${fix.stdout
        .split('\n')
        .filter((l) => /^ {2}\S/.test(l))
        .map((l) => l.trim())
        .join(' / ')}`,
    );
    expect(fix.code, fix.stdout + fix.stderr).toBe(0);
    expect(fix.stdout).toContain(t.sh.fixDone);

    const after = await bothDiagnoses(diagnosisScript, 'after fix-agent.sh');
    expect(after.s.code).toBe(0);
    expect(after.s.verdicts).toMatchObject({ 'agent-running': 'pass', 'agent-enabled': 'pass' });

    // The freeze as a backup sends it (freeze.ts): with the agent masked nothing answers, so
    // nothing is frozen and nothing hangs (backups are then crash-consistent only).
    await runner!.disconnect();
    const f = await freezeThaw(vm!);
    const responsive = (await vm!.ssh('true', 60_000)).code === 0;
    console.log(`lab: export: freeze after fix-agent.sh → ${JSON.stringify(f)}, SSH answers: ${responsive}`);
    expect(f.outcome).toBe('no-agent');
    expect(responsive).toBe(true);

    const undo = await playbook(exported('fix-agent-rollback.yml', ['--format', 'ansible', '--fix', 'agent', '--rollback']));
    console.log(`lab: export: fix-agent-rollback.yml → ${JSON.stringify(undo.stats.lab)}`);
    expect(undo.stats.lab!.changed).toBeGreaterThan(0);
    const back = await bothDiagnoses(diagnosisScript, 'after the rollback playbook');
    expect(back.s.code).toBe(1);
    expect(back.d.assessment.atRisk).toBe(true);
    expect(back.s.verdicts).toMatchObject({ 'agent-running': 'fail', 'agent-enabled': 'fail' });
  });
});
