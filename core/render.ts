// Turning a step into the exact bash text that runs, and a finished run into a verdict.
// The runner, the exporters, the page and the lab all go through these two functions.
import {
  PLACEHOLDER,
  SAFE_VALUE,
  type Command,
  type Distro,
  type Expect,
  type Factor,
  type Outcome,
  type Rule,
  type Runbook,
  type Step,
} from './schema.ts';
import type { Verdict, Which } from './step-ref.ts';

export class ParamError extends Error {
  override name = 'ParamError';
}

/** Checks user-supplied values against a step's parameter schemas; returns the validated values. */
export function validateParams(step: Step, values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  // Own properties only: "constructor" or "__proto__" are names like any other, not Object's.
  for (const name of Object.keys(values))
    if (!Object.hasOwn(step.params, name)) throw new ParamError(`step ${step.id} has no parameter "${name}"`);
  for (const [name, spec] of Object.entries(step.params)) {
    const v = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof v !== 'string') throw new ParamError(`step ${step.id}: parameter "${name}" is required`);
    if (v.length > spec.maxLength || !spec.pattern.test(v) || !SAFE_VALUE.test(v))
      throw new ParamError(`step ${step.id}: "${v}" is not a valid ${name} (expected ${spec.pattern.source})`);
    out[name] = v;
  }
  return out;
}

/** The bash text for one distro, with `{{name}}` placeholders left in place (for display). */
export function commandFor(command: Command, distro: Distro): string {
  return typeof command === 'string' ? command : command[distro];
}

/** True when the command's text is the same on every distro. */
export function isUniversal(command: Command): boolean {
  return typeof command === 'string';
}

/** The runnable bash text: validated parameters substituted. Throws ParamError on a bad value. */
export function renderCommand(step: Step, which: Which, distro: Distro, values: Record<string, unknown> = {}): string {
  const command = which === 'run' ? step.run : which === 'verify' ? step.verify?.run : step.rollback;
  if (!command) throw new Error(`step ${step.id} has no ${which} command`);
  const params = validateParams(step, values);
  return commandFor(command, distro).replace(PLACEHOLDER, (_, name: string) => params[name]!);
}

/** The example values of a step's parameters, for the page and for tests. */
export function exampleParams(step: Step): Record<string, string> {
  return Object.fromEntries(Object.entries(step.params).map(([k, p]) => [k, p.example]));
}

/** A finished command's verdict under an expectation. */
export function evaluate(expect: Expect, exitCode: number, stdout: string): Verdict {
  const matches = (m: Expect['pass']) => m.exit.includes(exitCode) && (m.stdout === undefined || m.stdout.test(stdout));
  if (matches(expect.pass)) return 'pass';
  if (expect.fail && matches(expect.fail)) return 'fail';
  return 'error';
}

export type Advice = 'rollback' | 'restart';

/**
 * What to advise after one of a step's commands gave `verdict`: null when there is nothing to do
 * (a pass, a check, a rollback); `restart` when the verify of a step marked `ifVerifyFails:
 * 'restart'` gave `fail` (the change is applied, a restart of the server completes it: do not
 * undo it); otherwise `rollback` (the step's rollback, when it has one). The runner, the script
 * and the playbook all decide through this.
 */
export function adviceAfter(step: Step, which: Which, verdict: Verdict): Advice | null {
  if (verdict === 'pass' || which === 'rollback' || step.risk === 'read-only') return null;
  return which === 'verify' && verdict === 'fail' && step.ifVerifyFails === 'restart' ? 'restart' : 'rollback';
}

export function findStep(runbook: Runbook, id: string): Step | undefined {
  return runbook.steps.find((s) => s.id === id);
}

export const diagnosisSteps = (rb: Runbook) => rb.steps.filter((s) => !s.fix);
export const fixSteps = (rb: Runbook, fix: string) => rb.steps.filter((s) => s.fix === fix);

export interface Assessment {
  outcome: Outcome;
  /** true for both kinds of risk, false when not at risk, null when undecided. */
  atRisk: boolean | null;
  /** The failed factors, for the summary. */
  factors: string[];
  recommend: string | null;
}

/** A factor's verdict: fail when one of its checks failed, pass when all passed, else undefined. */
export type FactorVerdict = 'pass' | 'fail' | undefined;

/** true: the rule holds; false: some group's checks all passed; null: unknown. */
export function ruleHolds(rule: Rule, factor: (f: Factor) => FactorVerdict): boolean | null {
  let unknown = false;
  for (const group of rule) {
    const vs = group.map(factor);
    if (vs.includes('fail')) continue;
    if (vs.every((v) => v === 'pass')) return false;
    unknown = true;
  }
  return unknown ? null : true;
}

/** The outcome from the rules' values: the one place where the four outcomes are decided. */
export function outcomeOf(now: boolean | null, latent: boolean | null): Outcome {
  if (now === true) return 'at-risk';
  if (latent === true) return 'at-risk-latent';
  if (now === false && latent === false) return 'not-at-risk';
  return 'undecided';
}

/** Combines diagnosis verdicts (by step id) into the runbook's outcome. */
export function assess(rb: Runbook, verdicts: Record<string, Verdict | undefined>): Assessment {
  const factor = (f: Factor): FactorVerdict => {
    const vs = rb.steps.filter((s) => s.factor === f).map((s) => verdicts[s.id]);
    if (vs.includes('fail')) return 'fail';
    return vs.length > 0 && vs.every((v) => v === 'pass') ? 'pass' : undefined;
  };
  const outcome = outcomeOf(ruleHolds(rb.risk.now, factor), rb.risk.latent ? ruleHolds(rb.risk.latent, factor) : false);
  const failed = rb.steps.flatMap((s) => (s.factor && verdicts[s.id] === 'fail' ? [s.factor] : []));
  const atRisk = outcome === 'undecided' ? null : outcome !== 'not-at-risk';
  return { outcome, atRisk, factors: failed, recommend: atRisk ? rb.recommend : null };
}
