// The whole truth table of the verdict: every combination of pass, fail and error for each factor
// the risk rules name. assess() (page and runner), the exported script's bash and the playbook's
// Jinja must give the same outcome, and that outcome must be the one the runbook promises.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { outcomeJinja } from '../../export/ansible.ts';
import { planExport } from '../../export/plan.ts';
import { outcomeShell } from '../../export/shell.ts';
import { assess } from '../../core/render.ts';
import type { Verdict } from '../../core/step-ref.ts';
import { OUTCOME_EXIT, type Outcome } from '../../core/schema.ts';
import { runbook, texts, version } from '../helpers/export-common.ts';

const VERDICTS: Verdict[] = ['pass', 'fail', 'error'];
const ruled = [...new Set([...runbook.risk.now, ...(runbook.risk.latent ?? [])].flat())];
const checks = runbook.steps.filter((s) => s.factor && ruled.includes(s.factor)).map((s) => s.id);

/** Every assignment of a verdict to each ruled check. */
const rows: Record<string, Verdict>[] = checks.reduce<Record<string, Verdict>[]>(
  (acc, id) => acc.flatMap((row) => VERDICTS.map((v) => ({ ...row, [id]: v }))),
  [{}],
);

/**
 * The runbook's promise, written out by hand from the page's "Read the result": at risk now when
 * the agent is (or can be) running, is older than 10.0 and the mount order is dangerous; at risk
 * later when instead /tmp is a loop device and some user gets VirtFS; not at risk only when each
 * of the two is ruled out by checks that passed; anything else is undecided.
 */
function promised(v: Record<string, Verdict>): Outcome {
  const found = (id: string) => v[id] === 'fail';
  const clear = (id: string) => v[id] === 'pass';
  const agentMayRun = found('agent-running') || found('agent-enabled');
  const agentOff = clear('agent-running') && clear('agent-enabled');
  const now = agentMayRun && found('agent-version') && found('freeze-order');
  const later = agentMayRun && found('agent-version') && found('tmp-loop') && found('virtfs-users');
  const nowRuledOut = agentOff || clear('agent-version') || clear('freeze-order');
  const laterRuledOut = agentOff || clear('agent-version') || clear('tmp-loop') || clear('virtfs-users');
  if (now) return 'at-risk';
  if (later) return 'at-risk-latent';
  if (nowRuledOut && laterRuledOut) return 'not-at-risk';
  return 'undecided';
}

describe('the verdict over every combination of check results', () => {
  test('the rules name the checks the page describes', () => {
    expect(checks.sort()).toEqual(['agent-enabled', 'agent-running', 'agent-version', 'freeze-order', 'tmp-loop', 'virtfs-users']);
    expect(rows).toHaveLength(3 ** 6);
  });

  test('assess() gives the promised outcome in every row', () => {
    const wrong = rows.filter((v) => assess(runbook, v).outcome !== promised(v));
    expect(wrong).toEqual([]);
    // Every outcome is reachable, and "not at risk" never follows a check that could not look
    // unless the checks that passed rule the risk out on their own.
    const outcomes = new Set(rows.map((v) => assess(runbook, v).outcome));
    expect([...outcomes].sort()).toEqual(['at-risk', 'at-risk-latent', 'not-at-risk', 'undecided']);
  });

  const plan = planExport(runbook, texts, { lang: 'en', format: 'sh', distro: 'ubuntu' }, version);

  test("the exported script's bash decides every row like assess()", () => {
    // One bash process walks all rows: each row sets the verdict variables, runs the script's own
    // decision block and prints its exit status.
    const varOf = (id: string) => `rg_v_${id.replace(/-/g, '_')}`;
    expect(outcomeShell(plan).join('\n')).toContain(`$${varOf(checks[0]!)}`);
    const script = [
      'decide() {',
      ...outcomeShell(plan).map((l) => `  ${l}`),
      '  echo "status=$rg_status"',
      '}',
      ...rows.map((v) => `${checks.map((id) => `${varOf(id)}=${v[id]}`).join(' ')}; decide`),
    ].join('\n');
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const statuses = [...r.stdout.matchAll(/^status=(\d)$/gm)].map((m) => Number(m[1]));
    expect(statuses).toHaveLength(rows.length);
    const wrong = rows.filter((v, i) => statuses[i] !== OUTCOME_EXIT[assess(runbook, v).outcome]);
    expect(wrong).toEqual([]);
  });

  test("the playbook's Jinja decides every row like assess()", () => {
    // The expression, evaluated by the Jinja2 that Ansible itself uses, for every row at once.
    const py = [
      'import json, sys',
      'from jinja2 import Environment',
      'expr = Environment().compile_expression(sys.argv[1])',
      'rows = json.load(sys.stdin)',
      'print(json.dumps([expr(rg_verdicts=row) for row in rows]))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', py, outcomeJinja(plan)], { input: JSON.stringify(rows), encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const outcomes = JSON.parse(r.stdout) as string[];
    const wrong = rows.filter((v, i) => outcomes[i] !== assess(runbook, v).outcome);
    expect(wrong).toEqual([]);
  });

  test('the controls the issue names stay "not at risk", and the cases it names are never "not at risk"', () => {
    const base = {
      'agent-running': 'fail',
      'agent-enabled': 'fail',
      'agent-version': 'fail',
      'freeze-order': 'fail',
      'tmp-loop': 'fail',
      'virtfs-users': 'fail',
    } as const;
    // Controls: agent 10.x running; no loop device; a loop /tmp and nobody who can get VirtFS.
    expect(assess(runbook, { ...base, 'agent-version': 'pass' }).outcome).toBe('not-at-risk');
    expect(assess(runbook, { ...base, 'tmp-loop': 'pass', 'freeze-order': 'pass' }).outcome).toBe('not-at-risk');
    expect(assess(runbook, { ...base, 'freeze-order': 'pass', 'virtfs-users': 'pass' }).outcome).toBe('not-at-risk');
    // Latent VirtFS: nothing mounted after /tmp yet, a user who will get VirtFS.
    expect(assess(runbook, { ...base, 'freeze-order': 'pass' }).outcome).toBe('at-risk-latent');
    // A backing file the check cannot place: never "not at risk".
    expect(assess(runbook, { ...base, 'freeze-order': 'error', 'virtfs-users': 'pass' }).outcome).toBe('undecided');
  });
});
