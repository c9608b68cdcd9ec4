// The bash export: one self-contained script that runs a plan's steps in order, checks each
// expectation like evaluate() does, and (for a diagnosis) combines the verdicts like assess().
// Commands are embedded verbatim in quoted here-documents and run with `bash -c`, so nothing in
// them is expanded by the script and a step's `exit` ends only that step.
import { DISTROS, DISTRO_WORDS, OUTCOME_EXIT, type Distro, type Match, type Outcome, type Rule } from '../core/schema.ts';
import { adviceAfter } from '../core/render.ts';
import { fill, outcomeText } from '../i18n/export.ts';
import { distroLabels } from '../i18n/site.ts';
import { exportFileName, optionFlags, type Plan, type PlannedStep } from './plan.ts';
import { toBashEre } from './regex.ts';

/**
 * A bash word that is exactly `s`, single-quoted (each ' written as '\''). Typographic single
 * quotes (’ ‘), which localized texts use on purpose, are double-quoted apart: shellcheck rightly
 * flags them in single quotes (SC1112, often a mistyped quote), as it flags “ ” in double quotes.
 */
export function sq(s: string): string {
  const word = s
    .split(/([\u2018\u2019]+)/)
    .map((part, i) => (i % 2 ? `"${part}"` : part && `'${part.replace(/'/g, `'\\''`)}'`))
    .join('');
  return word || "''";
}

/** A bash ANSI-C word ($'…') that is exactly `s`, for regexes that may hold control characters. */
function ansiC(s: string): string {
  const body = [...s]
    .map((c) => {
      if (c === '\\' || c === "'") return `\\${c}`;
      const code = c.charCodeAt(0);
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
      return c;
    })
    .join('');
  return `$'${body}'`;
}

/**
 * A bash word for a message template: the template's text single-quoted, `{name}` slots from
 * `dynamic` spliced in as raw bash (e.g. "$rg_rc"), the others filled now from `fixed`.
 */
function msg(template: string, fixed: Record<string, string | number> = {}, dynamic: Record<string, string> = {}): string {
  const parts = fill(template, fixed).split(/(\{[a-z]+\})/);
  return parts
    .map((p) => {
      const slot = /^\{([a-z]+)\}$/.exec(p);
      if (slot && slot[1]! in dynamic) return dynamic[slot[1]!]!;
      return p === '' ? '' : sq(p);
    })
    .join('') || "''";
}

/** One line of a comment: the text with newlines flattened. */
const comment = (text: string) => `# ${text.replace(/\s*\n\s*/g, ' ')}`.trimEnd();

/** A here-document delimiter that no line of `text` equals. */
function delimiter(text: string): string {
  const lines = new Set(text.split('\n'));
  let d = 'RUNGUIDE_EOF';
  for (let i = 2; lines.has(d); i++) d = `RUNGUIDE_EOF_${i}`;
  return d;
}

/** A function printing `text` exactly, followed by a newline. */
function textFunction(name: string, text: string): string {
  const d = delimiter(text);
  return `${name}() {\n  cat <<'${d}'\n${text}\n${d}\n}`;
}

const varName = (id: string) => id.replace(/-/g, '_');
/** The bash test that a diagnosis step's verdict (its rg_v_ variable) is `v`. */
const verdictIs = (s: PlannedStep, v: string) => `[ "$rg_v_${varName(s.step.id)}" = ${v} ]`;

/** The bash condition for one Match on $rg_rc and $rg_out. */
function matchCondition(m: Match, reVar: string): string {
  const rc = `rg_in "$rg_rc" ${m.exit.join(' ')}`;
  return m.stdout ? `${rc} && [[ $rg_out =~ $${reVar} ]]` : rc;
}

export function generateShell(plan: Plan): string {
  const { runbook, strings: t, texts } = plan;
  const sh = t.sh;
  const distro = plan.distros[0]!;
  const total = plan.steps.length;
  const out: string[] = [];
  const add = (...lines: string[]) => out.push(...lines);
  const changes = plan.kind !== 'diagnosis' && plan.steps.some((s) => s.changes || plan.kind === 'rollback');
  const needsRoot = plan.steps.some((s) => s.step.root);
  const fixName = plan.fix ? t.fixes[plan.fix] : '';
  // A verdict word and the colon after it, as the language writes them ("FAIL: ", "ÉCHEC : ").
  const said = (verdict: string) => `${verdict}${t.colon}`;
  // Steps whose failed verify calls for a restart of the server rather than their rollback.
  const restarts = (s: PlannedStep) => plan.kind === 'fix' && !!s.verify && adviceAfter(s.step, 'verify', 'fail') === 'restart';

  // Header
  add('#!/usr/bin/env bash', comment(texts.title));
  add(
    comment(
      plan.kind === 'diagnosis' ? t.header.diagnosis : fill(plan.kind === 'fix' ? t.header.fix : t.header.rollback, { fix: fixName }),
    ),
  );
  add(comment(`${t.header.source}${t.colon}${runbook.source.url}`));
  add(comment(`${t.header.licence}${t.colon}${runbook.source.licence} (${runbook.source.licenceUrl})`));
  add(comment(fill(t.header.generated, { version: plan.version })));
  add(comment(`${t.header.options}${t.colon}runguide export ${optionFlags(plan)}`));
  add(comment(`${exportFileName(plan)}`));
  add('set -euo pipefail', '');

  // Usage and options
  add('rg_usage() {', `  printf '%s\\n' ${msg(sh.usage, {}, { script: '"${0##*/}"' })} \\`);
  add(`    ${sq(sh.optDryRun)} \\`);
  if (plan.kind !== 'diagnosis') add(`    ${sq(sh.optYes)} \\`);
  add(`    ${sq(sh.optHelp)} \\`);
  if (plan.steps.some(restarts)) add(`    ${sq(sh.exitChange)} \\`, `    ${sq(sh.exitRestart)}`, '}', '');
  else add(`    ${sq(plan.kind === 'diagnosis' ? sh.exitDiagnosis : sh.exitChange)}`, '}', '');
  const diagnosis = plan.kind === 'diagnosis';
  add('rg_args=("$@")', 'rg_dry_run=0', ...(diagnosis ? [] : ['rg_yes=0']));
  add('while [ "$#" -gt 0 ]; do', '  case "$1" in', '    --dry-run) rg_dry_run=1 ;;');
  // A diagnosis has nothing to confirm (every check is read-only) but accepts --yes like a fix.
  add(diagnosis ? '    --yes) ;;' : '    --yes) rg_yes=1 ;;');
  add('    -h | --help)', '      rg_usage', '      exit 0', '      ;;', '    *)');
  add(`      printf '%s\\n' ${msg(sh.unknownOption, {}, { option: '"$1"' })} >&2`, '      rg_usage >&2', '      exit 2', '      ;;');
  add('  esac', '  shift', 'done', '');

  // Commands, verbatim
  for (const s of plan.steps) {
    add(comment(`${s.step.id} (${s.step.risk}${s.step.root ? ', root' : ''}): ${s.title}`));
    add(textFunction(`rg_run_${s.n}`, s.run[distro]));
    if (s.verify) add(textFunction(`rg_verify_${s.n}`, s.verify[distro]));
    if (s.rollback && plan.kind !== 'rollback') add(textFunction(`rg_rollback_${s.n}`, s.rollback[distro]));
  }
  add('');

  // Dry run: every command that would run, in order.
  add('if [ "$rg_dry_run" = 1 ]; then', `  printf '%s\\n' ${sq(sh.dryRun)}`);
  for (const s of plan.steps) {
    add(`  printf '\\n%s\\n' ${sq(comment(`${s.n}/${total} ${s.step.id}: ${s.title}`))}`, `  rg_run_${s.n}`);
    if (s.verify) add(`  printf '\\n%s\\n' ${sq(comment(`${s.n}/${total} ${s.step.id}: ${fill(t.ansible.verify, { title: s.title })}`))}`, `  rg_verify_${s.n}`);
  }
  add('  exit 0', 'fi', '');

  add(...hostCheck(plan, distro));

  // Refuse before anything runs: no terminal to ask on, or no way to become root.
  if (changes)
    add('if [ "$rg_yes" != 1 ] && [ ! -t 0 ]; then', `  printf '%s\\n' ${sq(sh.noTty)} >&2`, '  exit 1', 'fi');
  if (needsRoot) {
    add('if [ "$(id -u)" -ne 0 ]; then', '  if command -v sudo >/dev/null 2>&1 && [ -r "$0" ]; then');
    add(`    printf '%s\\n' ${sq(sh.needRoot)} >&2`, '    exec sudo -- bash "$0" ${rg_args[@]+"${rg_args[@]}"}', '  fi');
    add(`  printf '%s\\n' ${sq(sh.noSudo)} >&2`, '  exit 1', 'fi');
  }
  add('');

  // Runtime helpers
  add('# True when code $1 is one of the codes that follow.', 'rg_in() {', '  local code=$1 c', '  shift');
  add('  for c in "$@"; do', '    [ "$code" = "$c" ] && return 0', '  done', '  return 1', '}', '');
  add(
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
  if (plan.kind !== 'rollback')
    add(
    '# Prints the verdict in rg_verdict: $1 is what a pass means, $2 what a failure means; $3 is',
    '# "change" when the step changes the system (an error is then a failed command).',
    'rg_report() {',
    '  case "$rg_verdict" in',
    `    pass) printf '  %s%s\\n' ${sq(said(sh.pass))} "$1" ;;`,
    `    fail) printf '  %s%s\\n' ${sq(said(sh.fail))} "$2" ;;`,
    `    *)`,
    '      if [ "${3:-}" = change ]; then',
    `        printf '  %s%s\\n' ${sq(said(sh.error))} ${msg(sh.commandFailed, {}, { code: '"$rg_rc"' })}`,
    '      else',
    `        printf '  %s%s\\n' ${sq(said(sh.error))} ${msg(sh.errorDetail, {}, { code: '"$rg_rc"' })}`,
    '      fi',
    '      ;;',
    '  esac',
    '}',
    '',
  );

  // Regexes of stdout expectations, as POSIX EREs.
  const reVar = (s: PlannedStep, which: 'run' | 'verify', side: 'pass' | 'fail') => `rg_re_${s.n}_${which}_${side}`;
  for (const s of plan.steps) {
    const checks: ['run' | 'verify', typeof s.step.expect][] = [];
    if (plan.kind !== 'rollback') checks.push(['run', s.step.expect]);
    if (s.verify && s.step.verify) checks.push(['verify', s.step.verify.expect]);
    for (const [which, e] of checks)
      for (const side of ['pass', 'fail'] as const) {
        const m = e[side];
        if (m?.stdout) add(`${reVar(s, which, side)}=${ansiC(toBashEre(m.stdout))}`);
      }
  }

  // Sets rg_verdict from rg_rc and rg_out, as evaluate() does.
  const expectFunction = (s: PlannedStep, which: 'run' | 'verify') => {
    const e = which === 'run' ? s.step.expect : s.step.verify!.expect;
    add(`rg_expect_${which}_${s.n}() {`, `  if ${matchCondition(e.pass, reVar(s, which, 'pass'))}; then`, '    rg_verdict=pass');
    if (e.fail) add(`  elif ${matchCondition(e.fail, reVar(s, which, 'fail'))}; then`, '    rg_verdict=fail');
    add('  else', '    rg_verdict=error', '  fi', '}');
  };
  for (const s of plan.steps) {
    if (plan.kind !== 'rollback') expectFunction(s, 'run');
    if (s.verify) expectFunction(s, 'verify');
  }
  add('');

  const stepHeader = (s: PlannedStep) => `  printf '\\n%s\\n' ${sq(fill(sh.step, { n: s.n, total, title: s.title }))}`;

  if (plan.kind === 'diagnosis') {
    for (const s of plan.steps) {
      add(`rg_step_${s.n}() {`, stepHeader(s), `  rg_exec "$(rg_run_${s.n})"`, `  rg_expect_run_${s.n}`);
      add(`  rg_report ${sq(s.passText)} ${sq(s.failText)}`, `  rg_v_${varName(s.step.id)}=$rg_verdict`, '}');
    }
    add('');
    for (const s of plan.steps) add(`rg_step_${s.n}`);
    add('', ...diagnosisSummary(plan));
    return `${out.join('\n')}\n`;
  }

  // Fix and rollback: each change asks first (unless --yes); the first failure stops the script
  // and prints how to undo what was applied, newest first, unless it is a failed verify that a
  // restart of the server completes (adviceAfter): then the advice is the restart (exit 4).
  add(`rg_yes_re=${sq(sh.yes)}`);
  const undoLines = (upTo: number, includeCurrent: boolean, heading = sh.undoApplied) => {
    const applied = plan.steps.filter((s) => (s.changes || plan.kind === 'rollback') && (s.n < upTo || (includeCurrent && s.n === upTo)));
    // A rollback only undoes: what it already ran stays undone.
    if (plan.kind === 'rollback') return [];
    if (applied.length === 0) return [`  printf '%s\\n' ${sq(sh.nothingApplied)} >&2`];
    const lines = [`  printf '%s\\n' ${sq(heading)} >&2`];
    for (const s of applied.reverse()) {
      lines.push(`  printf '\\n%s\\n' ${sq(comment(`${s.step.id}: ${s.title}`))} >&2`);
      lines.push(s.rollback ? `  rg_rollback_${s.n} >&2` : `  printf '%s\\n' ${sq(comment(sh.noUndo))} >&2`);
    }
    return lines;
  };
  for (const s of plan.steps) {
    const asks = s.changes || plan.kind === 'rollback';
    add(`rg_abort_${s.n}() {`, `  printf '\\n%s\\n' ${sq(fill(sh.stepFailed, { title: s.title, id: s.step.id }))} >&2`);
    add(...undoLines(s.n, s.changes), '  exit 1', '}');
    // Its verify failed, yet the change is applied: a restart of the server completes it, so the
    // advice is the restart; the undo commands follow for an admin who wants them anyway.
    if (restarts(s)) {
      add(`rg_restart_${s.n}() {`, `  printf '\\n%s\\n%s\\n' ${sq(fill(sh.restartNeeded, { title: s.title, id: s.step.id }))} ${sq(sh.restartAdvice)} >&2`);
      add(...undoLines(s.n, true, sh.undoAnyway), '  exit 4', '}');
    }
    add(`rg_step_${s.n}() {`, stepHeader(s));
    if (asks) {
      add('  if [ "$rg_yes" != 1 ]; then', `    printf '%s\\n%s\\n' ${sq(sh.changes)} ${sq(sh.command)}`);
      add(`    rg_run_${s.n} | awk '{ print "    " $0 }'`);
      if (plan.kind !== 'rollback') {
        if (s.rollback) add(`    printf '%s\\n' ${sq(sh.undo)}`, `    rg_rollback_${s.n} | awk '{ print "    " $0 }'`);
        else add(`    printf '%s\\n' ${sq(sh.noUndo)}`);
      }
      add(`    read -r -p ${sq(sh.ask)} rg_answer || rg_answer=''`, '    if ! [[ $rg_answer =~ $rg_yes_re ]]; then');
      add(`      printf '%s\\n' ${sq(sh.declined)} >&2`, ...undoLines(s.n, false).map((l) => `    ${l}`), '      exit 1', '    fi', '  fi');
    }
    add(`  rg_exec "$(rg_run_${s.n})"`);
    if (plan.kind === 'rollback') {
      add('  if [ "$rg_rc" -ne 0 ]; then', `    printf '  %s%s\\n' ${sq(said(sh.error))} ${msg(sh.commandFailed, {}, { code: '"$rg_rc"' })}`);
      add(`    rg_abort_${s.n}`, '  fi', `  printf '  %s\\n' ${sq(sh.pass)}`, '}');
      continue;
    }
    const report = `  rg_report ${sq(s.passText)} ${sq(s.failText)}${s.changes ? ' change' : ''}`;
    add(`  rg_expect_run_${s.n}`, report, `  [ "$rg_verdict" = pass ] || rg_abort_${s.n}`);
    if (s.verify) {
      add(`  printf '%s\\n' ${sq(sh.verify)}`, `  rg_exec "$(rg_verify_${s.n})"`, `  rg_expect_verify_${s.n}`);
      add(report);
      if (restarts(s)) add(`  if [ "$rg_verdict" = fail ]; then rg_restart_${s.n}; fi`);
      add(`  [ "$rg_verdict" = pass ] || rg_abort_${s.n}`);
    }
    add('}');
  }
  add('');
  for (const s of plan.steps) add(`rg_step_${s.n}`);
  add(`printf '\\n%s\\n' ${sq(plan.kind === 'rollback' ? sh.rollbackDone : sh.fixDone)}`);
  return `${out.join('\n')}\n`;
}

/**
 * Stops with exit 2 on a host whose /etc/os-release names another family (or none runguide knows),
 * detected like the runner's distroFamily(): its commands would answer for the wrong system there,
 * e.g. rpm missing on Debian. Tells which --distro to export instead.
 */
function hostCheck(plan: Plan, distro: Distro): string[] {
  const sh = plan.strings.sh;
  const exportAs = (d: Distro) => `runguide export ${optionFlags({ ...plan, distros: [d] })}`;
  const words = (d: Distro) => DISTRO_WORDS[d].map((w) => `*' ${w} '*`).join(' | ');
  const lines = [
    '# Only on the family this script was exported for: elsewhere its checks answer wrongly.',
    'rg_os_field() {',
    `  grep -E "^($1)=" /etc/os-release 2>/dev/null | cut -d= -f2- | tr -d "\\"'" || true`,
    '}',
    `rg_host_words=" $(rg_os_field 'ID|ID_LIKE' | tr '[:upper:]' '[:lower:]' | tr '\\n' ' ') "`,
    'case "$rg_host_words" in',
    // Cases are tried in order, like distroFamily(): an earlier family wins.
    ...DISTROS.map((d) => `  ${words(d)}) rg_host_family=${d} ;;`),
    "  *) rg_host_family='' ;;",
    'esac',
    `if [ "$rg_host_family" != ${distro} ]; then`,
    '  rg_host=$(rg_os_field PRETTY_NAME)',
    '  [ -n "$rg_host" ] || rg_host=$(rg_os_field ID)',
    `  [ -n "$rg_host" ] || rg_host=${sq(sh.noOsRelease)}`,
    `  printf '%s\\n' ${msg(sh.wrongDistro, { family: distroLabels[distro] }, { host: '"$rg_host"' })} >&2`,
    '  case "$rg_host_family" in',
    ...DISTROS.filter((d) => d !== distro).map((d) => `    ${d}) printf '%s\\n' ${msg(sh.exportFor, { command: exportAs(d) })} >&2 ;;`),
    `    *) printf '%s\\n' ${msg(sh.unknownDistro, { el: distroLabels.el, ubuntu: distroLabels.ubuntu })} >&2 ;;`,
    '  esac',
    '  exit 2',
    'fi',
  ];
  return lines;
}

/**
 * The outcome, decided like assess() and outcomeOf(): each risk rule compiled to a bash test of the
 * checks' verdicts ($rg_v_<step>); prints the outcome's line and sets rg_status to its exit status.
 */
export function outcomeShell(plan: Plan): string[] {
  const { runbook, strings: t } = plan;
  const stepsOf = (factor: string) => plan.steps.filter((s) => s.step.factor === factor);
  // ruleHolds(): true when every group has a failed check; false when some group's checks all passed.
  const holds = (rule: Rule) => rule.map((g) => `{ ${g.flatMap(stepsOf).map((s) => verdictIs(s, 'fail')).join(' || ')}; }`).join(' && ');
  const fails = (rule: Rule) => rule.map((g) => `{ ${g.flatMap(stepsOf).map((s) => verdictIs(s, 'pass')).join(' && ')}; }`).join(' || ');
  const { now, latent } = runbook.risk;
  const say = (o: Outcome) => [`  printf '%s\\n' ${sq(outcomeText(t, o))}`, `  rg_status=${OUTCOME_EXIT[o]}`];
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
function diagnosisSummary(plan: Plan): string[] {
  const { runbook, strings: t } = plan;
  const lines = [`printf '\\n%s\\n' ${sq('—'.repeat(8))}`, ...outcomeShell(plan), 'rg_found=0'];
  const fixName = t.fixes[runbook.recommend];
  for (const s of plan.steps) {
    lines.push(`if ${verdictIs(s, 'fail')}; then`);
    lines.push(`  [ "$rg_found" = 1 ] || printf '%s\\n' ${sq(t.verdict.found)}`, '  rg_found=1');
    lines.push(`  printf '  - %s\\n' ${sq(s.title)}`, 'fi');
  }
  lines.push('if [ "$rg_status" = 1 ]; then');
  lines.push(`  printf '%s %s\\n' ${sq(t.verdict.recommend)} ${sq(fixName)}`);
  lines.push(`  printf '  %s\\n' ${sq(`runguide export ${runbook.slug} --lang ${plan.options.lang} --fix ${runbook.recommend}`)}`);
  lines.push('fi', 'exit "$rg_status"');
  return lines;
}
