// Where a guided fix stops, and what it then offers to undo: the page's half of the one sequence
// (export/sequence.ts), which the exported fix script follows too. No DOM: the unit tests compare
// it with the script.
import { undoAfterStop, type Phase, type SequenceStep, type StopCause } from '../../export/sequence.ts';
import type { RunOutcome } from './runs.ts';

export interface GuidedStop {
  at: SequenceStep;
  phase: Phase;
  outcome: RunOutcome;
  cause: StopCause;
  /** The changes that ran, newest first (with or without a rollback of their own). */
  undo: SequenceStep[];
}

/** Why a phase's outcome stops the sequence, or null when it passed and the run goes on. */
export function stopCauseOf(at: SequenceStep, phase: Phase, outcome: RunOutcome): StopCause | null {
  if (outcome.kind === 'result' && outcome.verdict === 'pass') return null;
  // A verify runs after its step's command passed: that change is applied whatever comes of it.
  const ran = phase === 'verify' || outcome.kind === 'result' || (outcome.kind === 'lost' && outcome.started);
  if (!ran) return 'not-run';
  const restart = phase === 'verify' && at.restartCompletes && outcome.kind === 'result' && outcome.verdict === 'fail';
  return restart ? 'restart' : 'failed';
}

export function stopAfter(seq: readonly SequenceStep[], at: SequenceStep, phase: Phase, outcome: RunOutcome): GuidedStop | null {
  const cause = stopCauseOf(at, phase, outcome);
  return cause && { at, phase, outcome, cause, undo: undoAfterStop(seq, at.n, cause) };
}
