// The Ansible export, checked with the real tools: ansible-playbook --syntax-check and ansible-lint
// (production profile) on every playbook, and the diagnosis playbook run over real SSH against a
// throwaway sshd on 127.0.0.1, its per-host summary compared with assess() on the checks run here.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { diagnosisSteps, fixSteps } from '../src/runbook/render.ts';
import { exportStrings } from '../src/i18n/export.ts';
import { FIXES, expectedStatus, generate, localVerdicts, locales, paramsFor, runbook, texts } from './export-common.ts';
import { startSshd, type Sshd } from './helpers/sshd.ts';

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

const ansibleEnv = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: '', ANSIBLE_RETRY_FILES_ENABLED: '0' };

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
    const [diag] = parse(generate({ format: 'ansible' }).content) as Record<string, unknown>[];
    expect(diag).toMatchObject({ hosts: 'all', become: true, gather_facts: true });
    const tasks = diag!.tasks as Record<string, unknown>[];
    const shellTasks = tasks.filter((t) => t['ansible.builtin.shell']);
    expect(shellTasks.length).toBeGreaterThanOrEqual(diagnosisSteps(runbook).length);
    for (const t of shellTasks) {
      expect(t).toMatchObject({ check_mode: false, changed_when: false });
      expect((t['ansible.builtin.shell'] as { executable: string }).executable).toBe('/bin/bash');
    }
    const [fix] = parse(generate({ format: 'ansible', fix: 'shell', params: { user: 'alice' } }).content) as Record<string, unknown>[];
    const blocks = (fix!.tasks as Record<string, unknown>[]).filter((t) => t.block);
    expect(blocks.map((b) => b.tags)).toEqual(fixSteps(runbook, 'shell').map((s) => ['shell', s.id]));
    // The change, then its verify, in each block; a failure shows the rollback, then fails.
    for (const b of blocks) {
      const names = (b.block as { name: string }[]).map((t) => t.name);
      expect(names.some((n) => n.startsWith('Verify: '))).toBe(true);
      expect((b.rescue as Record<string, unknown>[]).map((t) => Object.keys(t)[1])).toEqual(['ansible.builtin.debug', 'ansible.builtin.fail']);
    }
  });
});

describe('the diagnosis playbook over SSH', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  // One locale (the newest, so not always English): a run takes minutes on a loaded machine.
  for (const lang of [locales.at(-1)!])
    test(`${lang}: per-host summary and task results match the checks run here`, () => {
      const inventory = join(dir, `inventory-${lang}`);
      writeFileSync(
        inventory,
        `target ansible_host=127.0.0.1 ansible_port=${sshd.port} ansible_user=${sshd.user} ` +
          `ansible_ssh_private_key_file=${sshd.clientKey} ansible_ssh_transfer_method=piped ansible_python_interpreter=/usr/bin/python3 ` +
          `ansible_ssh_common_args='-o UserKnownHostsFile=${sshd.knownHosts} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'\n`,
      );
      const playbook = join(dir, `run-${lang}.yml`);
      writeFileSync(playbook, generate({ lang, format: 'ansible' }).content);
      const r = spawnSync('ansible-playbook', ['-i', inventory, playbook], {
        encoding: 'utf8',
        env: { ...ansibleEnv, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_PIPELINING: '1' },
        timeout: 540_000,
      });
      expect(r.status, `${r.stderr}\n${sshd.log()}`).toBe(0);
      const out = JSON.parse(r.stdout) as {
        plays: { tasks: { task: { name: string }; hosts: Record<string, Record<string, unknown>> }[] }[];
        stats: Record<string, { unreachable: number }>;
      };
      expect(out.stats.target!.unreachable).toBe(0);
      const results = out.plays[0]!.tasks;
      const expected = localVerdicts('ubuntu'); // Debian: the Debian-family tasks run
      const t = exportStrings[lang];

      // A check's task fails (and is ignored) exactly when its verdict is "error".
      diagnosisSteps(runbook).forEach((step, i) => {
        const prefix = `${i + 1}/${diagnosisSteps(runbook).length} `;
        const ran = results.filter((x) => x.task.name.startsWith(prefix) && !x.hosts.target!.skipped);
        expect(ran, step.id).toHaveLength(1);
        expect(ran[0]!.task.name).toContain(texts[lang]!.steps[step.id]?.title ?? step.id);
        expect(Boolean(ran[0]!.hosts.target!.failed), step.id).toBe(expected[step.id] === 'error');
      });

      const summary = results.find((x) => x.task.name === t.ansible.summary)!.hosts.target!.msg as string[];
      const status = expectedStatus(expected);
      expect(summary[0]).toBe({ 0: t.verdict.notAtRisk, 1: t.verdict.atRisk, 3: t.verdict.unknown }[status]);
      const failed = diagnosisSteps(runbook).filter((s) => expected[s.id] === 'fail');
      if (failed.length) expect(summary[1]).toBe(`${t.verdict.found} ${failed.map((s) => texts[lang]!.steps[s.id]!.title).join('; ')}`);
      else expect(summary).toHaveLength(status === 1 ? 2 : 1);
    }, 600_000);
});
