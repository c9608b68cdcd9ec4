// A fix as one sequence, the single source of what the exported fix script (shell/change.ts, and
// the playbook's rescue) and the page's "Apply fix N" (src/terminal/guided-fix.ts) do: the fix's
// steps in order, each run then verified, and, when a step stops the sequence, which changes that
// ran are to be undone, newest first. Browser-safe: core only.
import { adviceAfter, fixSteps } from '../core/render.ts';
import type { FixId, Runbook, Step } from '../core/schema.ts';

/** What a step of a fix runs, in this order. */
export type Phase = 'run' | 'verify';

export interface SequenceStep {
  step: Step;
  /** 1-based position in the fix. */
  n: number;
  /** True when the step alters the system: the runner asks first, and it is undone if the fix stops. */
  changes: boolean;
  phases: Phase[];
  /** A failed verify means "restart the server to complete it", not "it failed". */
  restartCompletes: boolean;
}

export const changesSystem = (step: Step) => step.risk !== 'read-only';

/** A change whose failed verify calls for a restart of the server rather than its rollback. */
export const restartCompletes = (step: Step) => !!step.verify && adviceAfter(step, 'verify', 'fail') === 'restart';

/** The steps of `fix`, in the order they run: the runbook's order. */
export const fixOrder = (runbook: Runbook, fix: FixId | string): Step[] => fixSteps(runbook, fix);

export function fixSequence(runbook: Runbook, fix: FixId | string): SequenceStep[] {
  return fixOrder(runbook, fix).map((step, i) => ({
    step,
    n: i + 1,
    changes: changesSystem(step),
    phases: step.verify ? ['run', 'verify'] : ['run'],
    restartCompletes: restartCompletes(step),
  }));
}

/**
 * Why step n stopped the sequence: `not-run` (declined, or refused before it started: its command
 * never ran), `failed` (its run or its verify gave fail or error: a change may be half applied),
 * `restart` (its verify awaits a restart: the change is applied).
 */
export type StopCause = 'not-run' | 'failed' | 'restart';

/** The steps to undo when step `at` stops the sequence for `cause`: the changes that ran, newest first. */
export function undoAfterStop<T extends { n: number; changes: boolean }>(steps: readonly T[], at: number, cause: StopCause): T[] {
  const current = steps.find((s) => s.n === at);
  const withCurrent = cause === 'restart' || (cause === 'failed' && !!current?.changes);
  return steps.filter((s) => s.changes && (s.n < at || (withCurrent && s.n === at))).reverse();
}

/** What is said before the first step: the fix needs a maintenance window, or a step may interrupt service. */
export function beforeFirstStep(runbook: Runbook, fix: FixId | string) {
  return {
    maintenanceWindow: runbook.fixes.find((f) => f.id === fix)?.maintenanceWindow ?? false,
    disruptive: fixSequence(runbook, fix).filter((s) => s.step.risk === 'disruptive'),
  };
}
