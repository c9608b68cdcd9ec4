// The script's start: the header comments, then --help and the option parsing (--dry-run, --yes).
import { exportFileName, type Plan } from '../plan.ts';
import { headerLines, restartCompletes } from '../common.ts';
import { comment, msg, sq } from './words.ts';
import { reportRefusals } from '../report/bash.ts';

/** A diagnosis's --report FILE (or --report=FILE): the report is written once the checks have run. */
const reportOption = [
  '    --report)',
  '      [ "$#" -gt 1 ] || { rg_usage >&2; exit 2; }',
  '      rg_report_file=$2',
  '      shift',
  '      ;;',
  '    --report=*) rg_report_file=${1#--report=} ;;',
];

/** The shebang and the header comments, then strict mode. */
export function header(plan: Plan): string[] {
  return ['#!/usr/bin/env bash', ...headerLines(plan).map(comment), comment(exportFileName(plan)), 'set -euo pipefail', ''];
}

/** rg_usage (what --help prints, with the exit statuses), then the loop that reads the options. */
export function options(plan: Plan): string[] {
  const sh = plan.strings.sh;
  const diagnosis = plan.kind === 'diagnosis';
  const exits = plan.steps.some((s) => restartCompletes(plan, s))
    ? [`    ${sq(sh.exitChange)} \\`, `    ${sq(sh.exitRestart)}`]
    : [`    ${sq(diagnosis ? sh.exitDiagnosis : sh.exitChange)}`];
  return [
    'rg_usage() {',
    `  printf '%s\\n' ${msg(diagnosis ? plan.strings.report.usage : sh.usage, {}, { script: '"${0##*/}"' })} \\`,
    `    ${sq(sh.optDryRun)} \\`,
    ...(diagnosis ? [`    ${sq(plan.strings.report.optReport)} \\`] : []),
    ...(diagnosis ? [] : [`    ${sq(sh.optYes)} \\`]),
    `    ${sq(sh.optHelp)} \\`,
    ...exits,
    '}',
    '',
    'rg_args=("$@")',
    'rg_dry_run=0',
    ...(diagnosis ? ["rg_report_file=''"] : ['rg_yes=0']),
    'while [ "$#" -gt 0 ]; do',
    '  case "$1" in',
    '    --dry-run) rg_dry_run=1 ;;',
    // A diagnosis has nothing to confirm (every check is read-only) but accepts --yes like a fix.
    diagnosis ? '    --yes) ;;' : '    --yes) rg_yes=1 ;;',
    ...(diagnosis ? reportOption : []),
    '    -h | --help)',
    '      rg_usage',
    '      exit 0',
    '      ;;',
    '    *)',
    `      printf '%s\\n' ${msg(sh.unknownOption, {}, { option: '"$1"' })} >&2`,
    '      rg_usage >&2',
    '      exit 2',
    '      ;;',
    '  esac',
    '  shift',
    'done',
    ...(diagnosis ? reportRefusals(plan) : []),
    '',
  ];
}
