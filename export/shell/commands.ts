// The steps' commands, verbatim: a function printing each (rg_run_N, rg_verify_N, rg_rollback_N),
// and the dry run that prints every command that would run, in order, and exits.
import { fill } from '../../core/locales.ts';
import type { Distro } from '../../core/schema.ts';
import type { Plan } from '../plan.ts';
import { comment, sq, textFunction } from './words.ts';

/** One function per command text of each step, for `distro`, each under a comment naming its step. */
export function commandFunctions(plan: Plan, distro: Distro): string[] {
  const lines: string[] = [];
  for (const s of plan.steps) {
    lines.push(comment(`${s.step.id} (${s.step.risk}${s.step.root ? ', root' : ''}): ${s.title}`));
    lines.push(textFunction(`rg_run_${s.n}`, s.run[distro]));
    if (s.verify) lines.push(textFunction(`rg_verify_${s.n}`, s.verify[distro]));
    if (s.rollback && plan.kind !== 'rollback') lines.push(textFunction(`rg_rollback_${s.n}`, s.rollback[distro]));
  }
  return [...lines, ''];
}

/** --dry-run: every command that would run (each verify after its step), in order; runs nothing. */
export function dryRun(plan: Plan): string[] {
  const { strings: t } = plan;
  const total = plan.steps.length;
  const lines = ['if [ "$rg_dry_run" = 1 ]; then', `  printf '%s\\n' ${sq(t.sh.dryRun)}`];
  for (const s of plan.steps) {
    lines.push(`  printf '\\n%s\\n' ${sq(comment(`${s.n}/${total} ${s.step.id}: ${s.title}`))}`, `  rg_run_${s.n}`);
    if (s.verify)
      lines.push(
        `  printf '\\n%s\\n' ${sq(comment(`${s.n}/${total} ${s.step.id}: ${fill(t.ansible.verify, { title: s.title })}`))}`,
        `  rg_verify_${s.n}`,
      );
  }
  return [...lines, '  exit 0', 'fi', ''];
}
