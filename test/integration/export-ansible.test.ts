// The Ansible export, checked with the real tools: ansible-playbook --syntax-check and ansible-lint
// (production profile) on every playbook, and the diagnosis playbook run over real SSH against a
// throwaway sshd on 127.0.0.1, its per-host summary compared with assess() on the checks run here.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { assess, diagnosisSteps, fixSteps } from '../../core/render.ts';
import type { Verdict } from '../../core/step-ref.ts';
import { exportStrings, outcomeText } from '../../i18n/export.ts';
import { FIXES, expectedStatus, generate, localVerdicts, locales, paramsFor, runbook, texts } from '../helpers/export-common.ts';
import { startSshd, type Sshd } from '../helpers/sshd.ts';
import { JSON_LINES, ansibleEnvIn, readRun } from '../helpers/ansible.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'runguide-export-ansible-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every playbook of a locale: the diagnosis, each fix, each fix's rollback. */
function playbooks(lang: (typeof locales)[number]): string[] {
  const files: string[] = [];
  const add = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    files.push(path);
  };
  add(`${lang}-diagnosis.yml`, generate({ lang, format: 'ansible' }).content);
  for (const fix of FIXES) {
    add(`${lang}-${fix}.yml`, generate({ lang, format: 'ansible', fix, params: paramsFor(fix) }).content);
    if (fixSteps(runbook, fix).some((s) => s.rollback))
      add(`${lang}-${fix}-rollback.yml`, generate({ lang, format: 'ansible', fix, rollback: true, params: paramsFor(fix, true) }).content);
  }
  return files;
}

// Ansible's own state and temp files go to a throwaway home, not the user's nor the work tree.
/** Ansible's `!unsafe` tag marks text it must not template; read it as the plain string it is. */
const parseYaml = (text: string): unknown => parse(text, { customTags: [{ tag: '!unsafe', resolve: (value: string) => value }] });

const ansibleHome = mkdtempSync(join(tmpdir(), 'runguide-ansible-home-'));
afterAll(() => rmSync(ansibleHome, { recursive: true, force: true }));
const ansibleEnv = ansibleEnvIn(ansibleHome);

describe('playbooks pass ansible-playbook --syntax-check and ansible-lint', () => {
  const all: string[] = [];
  beforeAll(() => {
    for (const lang of locales) all.push(...playbooks(lang));
  });

  test('syntax check, every locale', () => {
    const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '--syntax-check', ...all], { encoding: 'utf8', env: ansibleEnv });
    expect(r.stderr.replace(/^\[WARNING\]: .*\n/gm, '')).toBe('');
    expect(r.status).toBe(0);
  }, 180_000);

  test('ansible-lint --profile production, every locale', () => {
    const r = spawnSync('ansible-lint', ['--profile', 'production', '--nocolor', '-p', ...all], {
      encoding: 'utf8',
      cwd: dir,
      env: ansibleEnv,
    });
    expect(r.stdout, r.stderr).toBe('');
    expect(r.status, r.stderr).toBe(0);
  }, 600_000);

  test('one play: all hosts, become, facts; read-only tasks run in check mode; tags per step and fix', () => {
    const [diag] = parseYaml(generate({ format: 'ansible' }).content) as Record<string, unknown>[];
    expect(diag).toMatchObject({ hosts: 'all', become: true, gather_facts: true });
    const tasks = diag!.tasks as Record<string, unknown>[];
    const shellTasks = tasks.filter((t) => t['ansible.builtin.shell']);
    expect(shellTasks.length).toBeGreaterThanOrEqual(diagnosisSteps(runbook).length);
    for (const t of shellTasks) {
      expect(t).toMatchObject({ check_mode: false, changed_when: false });
      expect((t['ansible.builtin.shell'] as { executable: string }).executable).toBe('/bin/bash');
    }
    const [fix] = parseYaml(generate({ format: 'ansible', fix: 'shell', params: { user: 'alice' } }).content) as Record<string, unknown>[];
    const blocks = (fix!.tasks as Record<string, unknown>[]).filter((t) => t.block);
    expect(blocks.map((b) => b.tags)).toEqual(fixSteps(runbook, 'shell').map((s) => ['shell', s.id]));
    // The change, then its verify, in each block; a failure shows the rollback, then fails.
    for (const b of blocks) {
      const names = (b.block as { name: string }[]).map((t) => t.name);
      expect(names.some((n) => n.startsWith('Verify: '))).toBe(true);
      expect((b.rescue as Record<string, unknown>[]).map((t) => Object.keys(t)[1])).toEqual([
        'ansible.builtin.debug',
        'ansible.builtin.fail',
      ]);
    }
  });
});

/** Runs the diagnosis playbook and checks every task and the summary against `expected`. */
function runAndCheck(
  lang: (typeof locales)[number],
  inventoryLine: string,
  expected: Record<string, Verdict>,
  env: NodeJS.ProcessEnv,
  debug: () => string,
) {
  const inventory = join(dir, `inventory-${lang}-${Object.values(expected).join('')}`);
  writeFileSync(inventory, `${inventoryLine}\n`);
  const playbook = join(dir, `run-${lang}.yml`);
  writeFileSync(playbook, generate({ lang, format: 'ansible' }).content);
  const r = spawnSync('ansible-playbook', ['-i', inventory, playbook], {
    encoding: 'utf8',
    env: { ...env, ...JSON_LINES, ANSIBLE_PIPELINING: '1' },
    timeout: 540_000,
  });
  // A host that is not "not at risk" is failed at the end: ansible-playbook exits 2.
  const outcome = assess(runbook, expected).outcome;
  expect(r.status, `${r.stderr}\n${debug()}`).toBe(outcome === 'not-at-risk' ? 0 : 2);
  const out = readRun(r.stdout);
  expect(out.stats.target!.unreachable).toBe(0);
  const results = out.plays[0]!.tasks;
  const t = exportStrings[lang];
  const steps = diagnosisSteps(runbook);

  // A check's task fails (and is ignored) exactly when its verdict is "error".
  steps.forEach((step, i) => {
    const ran = results.filter((x) => x.task.name.startsWith(`${i + 1}/${steps.length} `) && !x.hosts.target!.skipped);
    expect(ran, step.id).toHaveLength(1);
    expect(ran[0]!.task.name).toContain(texts[lang]!.steps[step.id]?.title ?? step.id);
    expect(Boolean(ran[0]!.hosts.target!.failed), step.id).toBe(expected[step.id] === 'error');
  });

  const summary = results.find((x) => x.task.name === t.ansible.summary)!.hosts.target!.msg as string[];
  const status = expectedStatus(expected);
  expect(summary[0]).toBe(outcomeText(t, outcome));
  // The flag task fails exactly the hosts that are not "not at risk", with the same words.
  const [flag] = results.filter((x) => x.task.name === t.ansible.flag && !x.hosts.target!.skipped);
  if (outcome === 'not-at-risk') expect(flag).toBeUndefined();
  else expect(flag!.hosts.target).toMatchObject({ failed: true, msg: outcomeText(t, outcome) });
  const failed = steps.filter((s) => expected[s.id] === 'fail');
  if (failed.length) expect(summary[1]).toBe(`${t.verdict.found} ${failed.map((s) => texts[lang]!.steps[s.id]!.title).join('; ')}`);
  expect(summary).toHaveLength(1 + (failed.length ? 1 : 0) + (status === 1 ? 1 : 0));
}

describe('the diagnosis playbook over SSH', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  // One locale (the newest, so not always English): a run takes minutes on a loaded machine.
  const lang = locales.at(-1)!;
  test(`${lang}: per-host summary and task results match the checks run here`, () => {
    const line =
      `target ansible_host=127.0.0.1 ansible_port=${sshd.port} ansible_user=${sshd.user} ` +
      `ansible_ssh_private_key_file=${sshd.clientKey} ansible_ssh_transfer_method=piped ansible_python_interpreter=/usr/bin/python3 ` +
      `ansible_ssh_common_args='-o UserKnownHostsFile=${sshd.knownHosts} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'`;
    runAndCheck(lang, line, localVerdicts('ubuntu'), ansibleEnv, () => sshd.log()); // Debian: the Debian-family tasks run
  }, 600_000);
});

describe('the diagnosis playbook when checks find risk factors', () => {
  // Nothing here is at risk, so no check fails on this machine. With a local connection the tasks
  // inherit PATH, where stand-ins report an active, enabled agent 8.2 (systemd and the agent
  // cannot run here); they exist only in this test.
  test('failed checks are listed in the summary, the verdict follows assess()', () => {
    const bin = join(dir, 'risky-bin');
    mkdirSync(bin, { recursive: true });
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    stub('systemctl', 'case "$1" in is-active) echo active ;; is-enabled) echo enabled ;; esac');
    // What dpkg-query prints for the check's -f '${db:Status-Status} ${Version}' (an installed 8.2).
    stub('dpkg-query', 'echo "installed 1:8.2.2+ds-0ubuntu1"');
    const env = { ...ansibleEnv, PATH: `${bin}:${process.env.PATH}` };
    const expected = localVerdicts('ubuntu', env);
    expect(Object.values(expected).filter((v) => v === 'fail').length).toBeGreaterThanOrEqual(3);
    runAndCheck(locales[0]!, 'target ansible_connection=local ansible_python_interpreter=/usr/bin/python3', expected, env, () => '');
  }, 600_000);
});
