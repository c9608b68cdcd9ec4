// Each step's expectations as bash: the stdout regexes as POSIX EREs (rg_re_…), and a function per
// command (rg_expect_run_N, rg_expect_verify_N) that sets rg_verdict from rg_rc and rg_out, as
// evaluate() does.
import type { Match } from '../../core/schema.ts';
import type { Plan, PlannedStep } from '../plan.ts';
import { toBashEre } from '../regex.ts';
import { expectOf } from '../common.ts';
import { ansiC } from './words.ts';

type Which = 'run' | 'verify';
const reVar = (s: PlannedStep, which: Which, side: 'pass' | 'fail') => `rg_re_${s.n}_${which}_${side}`;

/** The commands of a step that are judged: its run (not in a rollback, which only undoes), its verify. */
function judged(plan: Plan, s: PlannedStep): Which[] {
  return [...(plan.kind !== 'rollback' ? (['run'] as const) : []), ...(s.verify ? (['verify'] as const) : [])];
}

/** The bash condition for one Match on $rg_rc and $rg_out. */
function matchCondition(m: Match, re: string): string {
  const rc = `rg_in "$rg_rc" ${m.exit.join(' ')}`;
  return m.stdout ? `${rc} && [[ $rg_out =~ $${re} ]]` : rc;
}

function expectFunction(s: PlannedStep, which: Which): string[] {
  const e = expectOf(s, which);
  const lines = [`rg_expect_${which}_${s.n}() {`, `  if ${matchCondition(e.pass, reVar(s, which, 'pass'))}; then`, '    rg_verdict=pass'];
  if (e.fail) lines.push(`  elif ${matchCondition(e.fail, reVar(s, which, 'fail'))}; then`, '    rg_verdict=fail');
  return [...lines, '  else', '    rg_verdict=error', '  fi', '}'];
}

export function expectations(plan: Plan): string[] {
  const lines: string[] = [];
  for (const s of plan.steps)
    for (const which of judged(plan, s))
      for (const side of ['pass', 'fail'] as const) {
        const m = expectOf(s, which)[side];
        if (m?.stdout) lines.push(`${reVar(s, which, side)}=${ansiC(toBashEre(m.stdout))}`);
      }
  for (const s of plan.steps) for (const which of judged(plan, s)) lines.push(...expectFunction(s, which));
  return [...lines, ''];
}
