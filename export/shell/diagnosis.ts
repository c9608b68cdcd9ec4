// A diagnosis script's body: one function per check that records its verdict (rg_v_<step>), the
// calls in order, then the summary: the outcome decided like assess(), the checks that found a
// factor, the fix to export. Its exit status is the outcome's.
import { OUTCOME_EXIT, type Outcome } from '../../core/schema.ts';
import { outcomeText } from '../../i18n/export.ts';
import type { Plan, PlannedStep } from '../plan.ts';
import { ruleTests, varName } from '../common.ts';
import { stepHeader } from './runtime.ts';
import { sq } from './words.ts';
import { reportFunctions } from '../report/bash.ts';

/** The bash test that a diagnosis step's verdict (its rg_v_ variable) is `v`. */
const verdictIs = (s: PlannedStep, v: string) => `[ "$rg_v_${varName(s.step.id)}" = ${v} ]`;

/**
 * The outcome, decided like assess() and outcomeOf(): each risk rule compiled to a bash test of the
 * checks' verdicts ($rg_v_<step>); prints the outcome's line and sets rg_status to its exit status.
 */
export function outcomeShell(plan: Plan): string[] {
  const { runbook, strings: t } = plan;
  const { holds, fails } = ruleTests(plan, { is: verdictIs, group: (test) => `{ ${test}; }`, and: ' && ', or: ' || ' });
  const { now, latent } = runbook.risk;
  const say = (o: Outcome) => [`  printf '%s\\n' ${sq(outcomeText(t, o))}`, `  rg_status=${OUTCOME_EXIT[o]}`, `  rg_outcome=${o}`];
  return [
    `if ${holds(now)}; then`,
    ...say('at-risk'),
    ...(latent ? [`elif ${holds(latent)}; then`, ...say('at-risk-latent')] : []),
    `elif { ${fails(now)}; }${latent ? ` && { ${fails(latent)}; }` : ''}; then`,
    ...say('not-at-risk'),
    'else',
    ...say('undecided'),
    'fi',
  ];
}

/** The summary: the outcome, the checks that found a factor, the recommended fix. */
function summary(plan: Plan): string[] {
  const { runbook, strings: t } = plan;
  const lines = [`printf '\\n%s\\n' ${sq('—'.repeat(8))}`, ...outcomeShell(plan), 'rg_found=0'];
  for (const s of plan.steps) {
    lines.push(`if ${verdictIs(s, 'fail')}; then`);
    lines.push(`  [ "$rg_found" = 1 ] || printf '%s\\n' ${sq(t.verdict.found)}`, '  rg_found=1');
    lines.push(`  printf '  - %s\\n' ${sq(s.title)}`, 'fi');
  }
  lines.push('if [ "$rg_status" = 1 ]; then');
  lines.push(`  printf '%s %s\\n' ${sq(t.verdict.recommend)} ${sq(t.fixes[runbook.recommend])}`);
  lines.push(`  printf '  %s\\n' ${sq(`runguide export ${runbook.slug} --lang ${plan.options.lang} --fix ${runbook.recommend}`)}`);
  lines.push('fi', '[ -z "$rg_report_file" ] || rg_report_write', 'exit "$rg_status"');
  return lines;
}

/** Each check in order, its verdict printed and kept; then the summary. */
export function diagnosisBody(plan: Plan): string[] {
  const lines: string[] = [];
  for (const s of plan.steps) {
    lines.push(`rg_step_${s.n}() {`, stepHeader(plan, s), `  rg_exec "$(rg_run_${s.n})"`, `  rg_expect_run_${s.n}`);
    lines.push(`  rg_report ${sq(s.passText)} ${sq(s.failText)}`, `  rg_v_${varName(s.step.id)}=$rg_verdict`);
    // Its output for the report, without the line ends at its end (as Ansible's stdout has none).
    lines.push(`  rg_o_${varName(s.step.id)}=\${rg_out%"\${rg_out##*[!$'\\r\\n']}"}`, '}');
  }
  return [...lines, ...reportFunctions(plan), '', ...plan.steps.map((s) => `rg_step_${s.n}`), '', ...summary(plan)];
}
