// The script's runtime helpers: rg_in (is a code in a list), rg_exec (runs one command text,
// showing its output as it comes) and rg_report (prints a verdict), and the lines steps print.
import type { ExportStrings } from '../../i18n/export.ts';
import type { Plan, PlannedStep } from '../plan.ts';
import { fill } from '../../core/locales.ts';
import { msg, sq } from './words.ts';

/** A verdict word and the colon after it, as the language writes them ("FAIL: ", "ÉCHEC : "). */
export const said = (t: ExportStrings, verdict: string) => `${verdict}${t.colon}`;

/** The line a step's function prints first: "Step n/total: title". */
export const stepHeader = (plan: Plan, s: PlannedStep) =>
  `  printf '\\n%s\\n' ${sq(fill(plan.strings.sh.step, { n: s.n, total: plan.steps.length, title: s.title }))}`;

/** The line that reports a command's failure with its exit code, from $rg_rc. */
export const commandFailed = (t: ExportStrings) => `${sq(said(t, t.sh.error))} ${msg(t.sh.commandFailed, {}, { code: '"$rg_rc"' })}`;

export function runtimeHelpers(plan: Plan): string[] {
  const t = plan.strings;
  const sh = t.sh;
  const lines = ['# True when code $1 is one of the codes that follow.', 'rg_in() {', '  local code=$1 c', '  shift'];
  lines.push('  for c in "$@"; do', '    [ "$code" = "$c" ] && return 0', '  done', '  return 1', '}', '');
  lines.push(
    '# Runs one command text in its own bash (stdin closed; its exit ends only itself), shows each',
    '# line of its output indented as it comes (on fd 3, the terminal), and sets rg_rc and rg_out',
    '# (its stdout, a line each). No temporary file: one in /tmp would keep /tmp busy while a step',
    '# unmounts it.',
    'exec 3>&1',
    'rg_exec() {',
    '  if rg_out=$(',
    '    bash -c "$1" </dev/null | while IFS= read -r rg_line || [ -n "$rg_line" ]; do',
    `      printf '    %s\\n' "$rg_line" >&3`,
    `      printf '%s\\n' "$rg_line"`,
    '    done',
    '    rg_s=${PIPESTATUS[0]}',
    '    printf x',
    '    exit "$rg_s"',
    '  ); then rg_rc=0; else rg_rc=$?; fi',
    '  rg_out=${rg_out%x}',
    '}',
    '',
  );
  // A rollback judges its commands by their exit code alone: it has no verdicts to report.
  if (plan.kind === 'rollback') return lines;
  return [
    ...lines,
    '# Prints the verdict in rg_verdict: $1 is what a pass means, $2 what a failure means; $3 is',
    '# "change" when the step changes the system (an error is then a failed command).',
    'rg_report() {',
    '  case "$rg_verdict" in',
    `    pass) printf '  %s%s\\n' ${sq(said(t, sh.pass))} "$1" ;;`,
    `    fail) printf '  %s%s\\n' ${sq(said(t, sh.fail))} "$2" ;;`,
    `    *)`,
    '      if [ "${3:-}" = change ]; then',
    `        printf '  %s%s\\n' ${commandFailed(t)}`,
    '      else',
    `        printf '  %s%s\\n' ${sq(said(t, sh.error))} ${msg(sh.errorDetail, {}, { code: '"$rg_rc"' })}`,
    '      fi',
    '      ;;',
    '  esac',
    '}',
    '',
  ];
}
