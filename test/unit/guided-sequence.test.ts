// "Apply fix N" on the page and the exported fix script are one sequence (export/sequence.ts): the
// same steps in the same order, each run then verified, and, wherever a step stops the run, the
// same changes to undo in the same order. The script's side is read from the generated bash itself,
// so a change to either side that parts them fails here.
import { describe, expect, test } from 'vitest';
import { fixSequence, type Phase, type SequenceStep } from '../../export/sequence.ts';
import { planExport } from '../../export/plan.ts';
import { generateShell } from '../../export/shell.ts';
import { stopAfter } from '../../src/terminal/guided-plan.ts';
import type { RunOutcome } from '../../src/terminal/runs.ts';
import { FIXES, paramsFor, runbook, texts, version } from '../helpers/export-common.ts';

const script = (fix: string) =>
  generateShell(planExport(runbook, texts, { lang: 'en', fix: fix as never, params: paramsFor(fix as never) }, version));

/** The body of a bash function of the script. */
function body(sh: string, name: string): string {
  const m = new RegExp(`^${name}\\(\\) \\{\\n([\\s\\S]*?)\\n\\}$`, 'm').exec(sh);
  if (!m) throw new Error(`no function ${name} in the script`);
  return m[1]!;
}
/** The steps a part of the script tells to undo, in its order (each is named in a comment line). */
const undoIn = (part: string) => [...part.matchAll(/'# ([a-z0-9-]+): /g)].map((m) => m[1]);
/** The rollbacks a part of the script prints, in its order. */
const rollbacksIn = (part: string) => [...part.matchAll(/^\s*rg_rollback_(\d+) >&2$/gm)].map((m) => Number(m[1]));

const ids = (steps: SequenceStep[]) => steps.map((s) => s.step.id);
const result = (verdict: 'fail' | 'error'): RunOutcome => ({ kind: 'result', verdict });
const stop = (seq: SequenceStep[], st: SequenceStep, phase: Phase, o: RunOutcome) => stopAfter(seq, st, phase, o)!;

describe.each(FIXES)('fix %s: the page and the exported script run one sequence', (fix) => {
  const seq = fixSequence(runbook, fix);
  const sh = script(fix);

  test('the same steps in the same order, each run then verified', () => {
    const plan = planExport(runbook, texts, { lang: 'en', fix, params: paramsFor(fix) }, version);
    expect(ids(seq)).toEqual(plan.steps.map((s) => s.step.id));
    expect([...sh.matchAll(/^rg_step_(\d+)$/gm)].map((m) => Number(m[1]))).toEqual(seq.map((s) => s.n));
    for (const st of seq) {
      const calls = [...body(sh, `rg_step_${st.n}`).matchAll(/rg_exec "\$\(rg_(run|verify)_\d+\)"/g)].map((m) => m[1]);
      expect(calls).toEqual(st.phases);
    }
  });

  test('a failed run or verify stops at that step, with the same undo, newest first', () => {
    for (const st of seq) {
      const abort = body(sh, `rg_abort_${st.n}`);
      for (const phase of st.phases)
        for (const verdict of ['fail', 'error'] as const) {
          const s = stop(seq, st, phase, result(verdict));
          if (s.cause === 'restart') continue;
          expect(ids(s.undo), `${st.step.id} ${phase} ${verdict}`).toEqual(undoIn(abort));
          expect(s.undo.filter((u) => u.step.rollback).map((u) => u.n)).toEqual(rollbacksIn(abort));
        }
      // A connection lost once the command started: it may have run, as a failure.
      expect(ids(stop(seq, st, 'run', { kind: 'lost', started: true, reason: '' }).undo)).toEqual(undoIn(abort));
    }
  });

  test('a declined or refused step stops before it, with the undo of the steps before it', () => {
    for (const st of seq.filter((s) => s.changes)) {
      const step = body(sh, `rg_step_${st.n}`);
      const declined = step.slice(step.indexOf('read -r -p'), step.indexOf('exit 1'));
      for (const o of [{ kind: 'declined' }, { kind: 'not-run', reason: 'busy' }, { kind: 'lost', started: false, reason: '' }] as const) {
        const s = stop(seq, st, 'run', o);
        expect(s.cause).toBe('not-run');
        expect(ids(s.undo)).toEqual(undoIn(declined));
        expect(ids(s.undo)).not.toContain(st.step.id);
      }
    }
  });

  test('a verify that a restart completes advises the restart, and offers the same undo anyway', () => {
    for (const st of seq) {
      const s = stop(seq, st, 'verify', result('fail'));
      const restart = new RegExp(`^rg_restart_${st.n}\\(\\)`, 'm').test(sh);
      expect(s.cause === 'restart', st.step.id).toBe(restart);
      if (restart) expect(ids(s.undo)).toEqual(undoIn(body(sh, `rg_restart_${st.n}`)));
      // An error is not "applied, restart": it stops as a failure.
      if (st.phases.includes('verify')) expect(stop(seq, st, 'verify', result('error')).cause).toBe('failed');
    }
  });

  test('a step that passes does not stop the run', () => {
    for (const st of seq) for (const phase of st.phases) expect(stopAfter(seq, st, phase, { kind: 'result', verdict: 'pass' })).toBeNull();
  });
});

test('the sequences cover what the page must say before a fix: the restart and the disruptive steps', () => {
  // Fix 3 completes at a restart; fix 2's last step may interrupt service: the page says so first.
  expect(fixSequence(runbook, 'securetmp').some((s) => s.restartCompletes)).toBe(true);
  expect(
    fixSequence(runbook, 'shell')
      .filter((s) => s.step.risk === 'disruptive')
      .map((s) => s.n),
  ).toEqual([3]);
  // Fix 4 starts with a read-only check: its failure leaves nothing to undo.
  const upgrade = fixSequence(runbook, 'upgrade');
  expect(stop(upgrade, upgrade[0]!, 'run', result('fail')).undo).toEqual([]);
});
