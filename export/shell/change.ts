// A fix or rollback script's body. Each change asks first (unless --yes); the first failure stops
// the script and prints how to undo what was applied, newest first, unless it is a failed verify
// that a restart of the server completes (adviceAfter): then the advice is the restart (exit 4).
import { fill } from '../../core/locales.ts';
import type { Plan, PlannedStep } from '../plan.ts';
import { appliedSteps, restartCompletes } from '../common.ts';
import type { StopCause } from '../sequence.ts';
import { commandFailed, stepHeader } from './runtime.ts';
import { comment, sq } from './words.ts';

/** Lines printing, on stderr, how to undo the changes applied when step `upTo` stops the script. */
function undoLines(plan: Plan, upTo: number, cause: StopCause, heading = plan.strings.sh.undoApplied): string[] {
  const sh = plan.strings.sh;
  // A rollback only undoes: what it already ran stays undone.
  if (plan.kind === 'rollback') return [];
  const applied = appliedSteps(plan, upTo, cause);
  if (applied.length === 0) return [`  printf '%s\\n' ${sq(sh.nothingApplied)} >&2`];
  const lines = [`  printf '%s\\n' ${sq(heading)} >&2`];
  for (const s of applied) {
    lines.push(`  printf '\\n%s\\n' ${sq(comment(`${s.step.id}: ${s.title}`))} >&2`);
    lines.push(s.rollback ? `  rg_rollback_${s.n} >&2` : `  printf '%s\\n' ${sq(comment(sh.noUndo))} >&2`);
  }
  return lines;
}

/** rg_abort_N (the step failed: exit 1) and, where a restart completes the step, rg_restart_N (exit 4). */
function stopFunctions(plan: Plan, s: PlannedStep): string[] {
  const sh = plan.strings.sh;
  const lines = [`rg_abort_${s.n}() {`, `  printf '\\n%s\\n' ${sq(fill(sh.stepFailed, { title: s.title, id: s.step.id }))} >&2`];
  lines.push(...undoLines(plan, s.n, 'failed'), '  exit 1', '}');
  // Its verify failed, yet the change is applied: a restart of the server completes it, so the
  // advice is the restart; the undo commands follow for an admin who wants them anyway.
  if (restartCompletes(plan, s)) {
    lines.push(
      `rg_restart_${s.n}() {`,
      `  printf '\\n%s\\n%s\\n' ${sq(fill(sh.restartNeeded, { title: s.title, id: s.step.id }))} ${sq(sh.restartAdvice)} >&2`,
    );
    lines.push(...undoLines(plan, s.n, 'restart', sh.undoAnyway), '  exit 4', '}');
  }
  return lines;
}

/** Unless --yes: shows the command (and its undo, in a fix) and stops unless the answer is yes. */
function confirm(plan: Plan, s: PlannedStep): string[] {
  const sh = plan.strings.sh;
  const lines = ['  if [ "$rg_yes" != 1 ]; then', `    printf '%s\\n%s\\n' ${sq(sh.changes)} ${sq(sh.command)}`];
  lines.push(`    rg_run_${s.n} | awk '{ print "    " $0 }'`);
  if (plan.kind !== 'rollback') {
    if (s.rollback) lines.push(`    printf '%s\\n' ${sq(sh.undo)}`, `    rg_rollback_${s.n} | awk '{ print "    " $0 }'`);
    else lines.push(`    printf '%s\\n' ${sq(sh.noUndo)}`);
  }
  lines.push(`    read -r -p ${sq(sh.ask)} rg_answer || rg_answer=''`, '    if ! [[ $rg_answer =~ $rg_yes_re ]]; then');
  lines.push(
    `      printf '%s\\n' ${sq(sh.declined)} >&2`,
    ...undoLines(plan, s.n, 'not-run').map((l) => `    ${l}`),
    '      exit 1',
    '    fi',
    '  fi',
  );
  return lines;
}

/** rg_step_N: asks if it changes the system, runs the step, judges it (and its verify), stops on failure. */
function stepFunction(plan: Plan, s: PlannedStep): string[] {
  const sh = plan.strings.sh;
  const lines = [`rg_step_${s.n}() {`, stepHeader(plan, s)];
  if (s.changes || plan.kind === 'rollback') lines.push(...confirm(plan, s));
  lines.push(`  rg_exec "$(rg_run_${s.n})"`);
  if (plan.kind === 'rollback') {
    lines.push('  if [ "$rg_rc" -ne 0 ]; then', `    printf '  %s%s\\n' ${commandFailed(plan.strings)}`);
    lines.push(`    rg_abort_${s.n}`, '  fi', `  printf '  %s\\n' ${sq(sh.pass)}`, '}');
    return lines;
  }
  const report = `  rg_report ${sq(s.passText)} ${sq(s.failText)}${s.changes ? ' change' : ''}`;
  lines.push(`  rg_expect_run_${s.n}`, report, `  [ "$rg_verdict" = pass ] || rg_abort_${s.n}`);
  if (s.verify) {
    lines.push(`  printf '%s\\n' ${sq(sh.verify)}`, `  rg_exec "$(rg_verify_${s.n})"`, `  rg_expect_verify_${s.n}`);
    lines.push(report);
    if (restartCompletes(plan, s)) lines.push(`  if [ "$rg_verdict" = fail ]; then rg_restart_${s.n}; fi`);
    lines.push(`  [ "$rg_verdict" = pass ] || rg_abort_${s.n}`);
  }
  return [...lines, '}'];
}

export function changeBody(plan: Plan): string[] {
  const sh = plan.strings.sh;
  const lines = [`rg_yes_re=${sq(sh.yes)}`];
  for (const s of plan.steps) lines.push(...stopFunctions(plan, s), ...stepFunction(plan, s));
  lines.push('', ...plan.steps.map((s) => `rg_step_${s.n}`));
  return [...lines, `printf '\\n%s\\n' ${sq(plan.kind === 'rollback' ? sh.rollbackDone : sh.fixDone)}`];
}
