// What the bash and the Ansible exports share: variable names, one-line texts, the header's lines,
// which steps a failure leaves applied, and the risk rules compiled to a test in either syntax.
import type { Rule } from '../core/schema.ts';
import { fill } from '../core/locales.ts';
import { optionFlags, type Plan, type PlannedStep } from './plan.ts';
import { restartCompletes as restartCompletesStep, undoAfterStop, type StopCause } from './sequence.ts';

/** A step id as part of a variable name: bash and Jinja names take no '-'. */
export const varName = (id: string) => id.replace(/-/g, '_');

/** A text on one line: each newline, and the blanks around it, become one space. */
export const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

/** The name of the fix the plan applies or rolls back ('' for a diagnosis). */
export const fixNameOf = (plan: Plan) => (plan.fix ? plan.strings.fixes[plan.fix] : '');

/**
 * What the header says first, a line each, before the format's own lines: the runbook, what the
 * file does, the source guide and its licence, the generator and the options that give this file.
 */
export function headerLines(plan: Plan): string[] {
  const { runbook, strings: t, texts } = plan;
  const what =
    plan.kind === 'diagnosis' ? t.header.diagnosis : fill(plan.kind === 'fix' ? t.header.fix : t.header.rollback, { fix: fixNameOf(plan) });
  return [
    texts.title,
    what,
    `${t.header.source}${t.colon}${runbook.source.url}`,
    `${t.header.licence}${t.colon}${runbook.source.licence} (${runbook.source.licenceUrl})`,
    fill(t.header.generated, { version: plan.version }),
    `${t.header.options}${t.colon}runguide export ${optionFlags(plan)}`,
  ];
}

/** The expectation a step's command (`run`) or its verify is judged by. */
export const expectOf = (s: PlannedStep, which: 'run' | 'verify') => (which === 'run' ? s.step.expect : s.step.verify!.expect);

/** A fix step whose failed verify calls for a restart of the server rather than its rollback. */
export const restartCompletes = (plan: Plan, s: PlannedStep) => plan.kind === 'fix' && !!s.verify && restartCompletesStep(s.step);

/** The changes applied when step `at` stops a fix, newest first: the fix's sequence decides (sequence.ts). */
export const appliedSteps = (plan: Plan, at: number, cause: StopCause): PlannedStep[] => undoAfterStop(plan.steps, at, cause);

/** How a language writes a test of one check's verdict, a parenthesized group, `and` and `or`. */
export interface RuleSyntax {
  is: (s: PlannedStep, verdict: 'pass' | 'fail') => string;
  group: (test: string) => string;
  and: string;
  or: string;
}

/**
 * A risk rule compiled to a test of the checks' verdicts, as ruleHolds() decides it: `holds` is true
 * when every group has a failed check; `fails` is true when some group's checks all passed.
 */
export function ruleTests(plan: Plan, syntax: RuleSyntax) {
  const { is, group, and, or } = syntax;
  const stepsOf = (factor: string) => plan.steps.filter((s) => s.step.factor === factor);
  return {
    holds: (rule: Rule) =>
      rule
        .map((g) =>
          group(
            g
              .flatMap(stepsOf)
              .map((s) => is(s, 'fail'))
              .join(or),
          ),
        )
        .join(and),
    fails: (rule: Rule) =>
      rule
        .map((g) =>
          group(
            g
              .flatMap(stepsOf)
              .map((s) => is(s, 'pass'))
              .join(and),
          ),
        )
        .join(or),
  };
}
