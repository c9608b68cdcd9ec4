// The report written by the exported script (--report FILE) and by the playbook (-e rg_report=FILE),
// both run for real in one state (a mount and PID namespace of its own, with secrets planted where
// the checks print them: helpers/planted.ts), is the very report the page's JavaScript renders
// from the same data (each check run directly there, judged by evaluate()): byte for byte, the
// date and the host's name aside. No planted secret reaches any of the four files.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assess, diagnosisSteps, evaluate, renderCommand } from '../../core/render.ts';
import type { ReportData } from '../../export/report/model.ts';
import { renderReport } from '../../export/report/render.ts';
import { runbookUrl } from '../../export/report/template.ts';
import { generate, runbook, texts, version } from '../helpers/export-common.ts';
import { holdLoopLock } from '../helpers/loop-tmp.ts';
import { PLANTED_PASSWD, PLANTED_SECRETS, plantSecrets } from '../helpers/planted.ts';
import { htmlReport, markdownProblems } from '../helpers/report.ts';

const lang = 'fr';
const checks = diagnosisSteps(runbook);
let dir: string;
let ran: { stdout: string; stderr: string; status: number | null };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'runguide-report-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'diagnosis.sh'), generate({ lang, distro: 'ubuntu' }).content);
  writeFileSync(join(dir, 'diagnosis.yml'), generate({ lang, format: 'ansible' }).content);
  writeFileSync(join(dir, 'inventory'), 'target ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
  writeFileSync(join(dir, 'passwd'), PLANTED_PASSWD);
  for (const [i, s] of checks.entries()) writeFileSync(join(dir, `check.${i}`), renderCommand(s, 'run', 'ubuntu'));
  // The folder is under the machine's /tmp, which the planted /tmp hides: seen here as /srv.
  const state = `set -euo pipefail
mount --bind "$1" /srv
${plantSecrets('/srv/passwd')}
cd /srv
bash diagnosis.sh --report /srv/s.md >/srv/s.out || true
bash diagnosis.sh --report=/srv/s.html >/dev/null || true
for i in $(seq 0 ${checks.length - 1}); do
  rc=0; bash -c "$(cat check.$i)" </dev/null >out.$i 2>/dev/null || rc=$?; echo "$rc" >rc.$i
done
export ANSIBLE_HOME=/srv/ansible ANSIBLE_LOCAL_TEMP=/srv/ansible/tmp ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0
for f in md html; do ansible-playbook -i inventory diagnosis.yml -e rg_report=/srv/p.$f >p.$f.out 2>&1 || true; done
`;
  writeFileSync(join(dir, 'state.sh'), state);
  // tmp-loop and freeze-order read the kernel's loop devices, which every namespace sees: no other
  // test may attach a tmpDSK between the script's, the playbook's and the direct runs.
  const release = await holdLoopLock();
  const r = spawnSync(
    'unshare',
    ['--mount', '--pid', '--fork', '--mount-proc', '--propagation', 'private', 'bash', join(dir, 'state.sh'), dir],
    {
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  await release();
  ran = { stdout: r.stdout, stderr: r.stderr, status: r.status };
}, 320_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const dateIn = (report: string) => /\d{4}-\d\d-\d\d \d\d:\d\d UTC/.exec(report)?.[0] ?? 'no date';

/** The report data of this state, from each check run directly in it, for host `name`. */
function dataFor(name: string, date: string): ReportData {
  const verdicts: Record<string, 'pass' | 'fail' | 'error'> = {};
  const hostChecks = checks.map((s, i) => {
    const output = read(`out.${i}`);
    verdicts[s.id] = evaluate(s.expect, Number(read(`rc.${i}`)), output);
    return {
      id: s.id,
      title: texts[lang]!.steps[s.id]!.title,
      command: renderCommand(s, 'run', 'ubuntu'),
      output,
      verdict: verdicts[s.id]!,
    };
  });
  return {
    lang,
    slug: runbook.slug,
    title: texts[lang]!.title,
    url: runbookUrl(lang, runbook.slug),
    version,
    date,
    recommend: runbook.recommend,
    source: runbook.source.url,
    hosts: [{ name, outcome: assess(runbook, verdicts).outcome, reason: '', checks: hostChecks }],
  };
}

describe.skipIf(process.getuid?.() !== 0)('the exported script and playbook write the page’s report', () => {
  test('the state ran, and the planted accounts were seen by the check that lists them', () => {
    expect(ran.status, `${ran.stdout}\n${ran.stderr}`).toBe(0);
    const i = checks.findIndex((s) => s.id === 'virtfs-users');
    expect(read(`out.${i}`)).toContain('password=S3cr3tpass (jailshell)');
    expect(read('s.out')).toContain('Rapport écrit dans /srv/s.md.');
  });

  test.each(['md', 'html'] as const)('script, %s: the same bytes as the JavaScript renders', (format) => {
    const file = read(`s.${format}`);
    expect(file).toBe(renderReport(dataFor(hostname(), dateIn(file)), format));
  });

  test.each(['md', 'html'] as const)('playbook, %s: the same bytes as the JavaScript renders', (format) => {
    const file = read(`p.${format}`);
    expect(file, read(`p.${format}.out`).slice(-3000)).toBe(renderReport(dataFor('target', dateIn(file)), format));
  });

  test.each(['s.md', 's.html', 'p.md', 'p.html'])('%s: no planted secret, each one redacted; well formed', (name) => {
    const file = read(name);
    for (const secret of PLANTED_SECRETS) expect(file).not.toContain(secret);
    expect(file).toContain('password=[redacted] (jailshell)');
    expect(file).toContain('/tmp: Authorization: [redacted]');
    if (name.endsWith('.md')) expect(markdownProblems(file)).toEqual([]);
    else expect(htmlReport(file).problems).toEqual([]);
  });
});
