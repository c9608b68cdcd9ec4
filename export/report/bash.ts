// The bash back end of the report template, for the diagnosis script's `--report FILE`: the same
// parts as the page renders, compiled to bash that appends to $rg_r. What is known when the script
// is exported (titles, the runbook's address) is escaped now, by escape.ts; the rest is filled at
// run time: the commands from their functions, and what only the host knows (its name, each
// check's output, the verdicts), redacted by perl with the shared rules (core/redact.ts); then
// escaped by perl like escape.ts does.
import { REDACT_RULES, REDACTED } from '../../core/redact.ts';
import { varName } from '../common.ts';
import type { Plan, PlannedStep } from '../plan.ts';
import { msg, sq } from '../shell/words.ts';
import { LINE_ENDS, MD_SPECIAL, escapeAs } from './escape.ts';
import { FROM_HOST, REPORT_FORMATS, type Cond, type Part, type Slot } from './model.ts';
import { reportTemplate, runbookUrl, planMeta } from './template.ts';

/** The unit test's perl program (test/unit/redact.test.ts): every rule, in order, from the environment. */
const REDACT_PL = `my @rules = map { [qr/$ENV{"RG_P$_"}/im, $ENV{"RG_K$_"}] } 0 .. $ENV{RG_N} - 1;
for my $r (@rules) { my ($re, $keep) = @$r; if ($keep) { s/$re/$1$ENV{RG_R}/g } else { s/$re/$ENV{RG_R}/g } }`;

/** escape.ts in perl: RG_E is html, md or fence. */
const ESCAPE_PL = `if ($ENV{RG_E} eq "html") { s/&/&amp;/g; s/</&lt;/g; s/>/&gt;/g; s/\\x22/&#34;/g; s/\\x27/&#39;/g }
elsif ($ENV{RG_E} eq "md") { s/($ENV{RG_MD})/\\\\$1/g; s/$ENV{RG_NL}/ /g }
else { my $n = 2; while (/(\`+)/g) { $n = length($1) if length($1) > $n } my $f = "\`" x ($n + 1); $_ = "$f\\n$_\\n$f" }`;

/** rg_redact and rg_esc (stdin to stdout), and the trimming of a check's output. */
function helpers(): string[] {
  const env = [
    `RG_N=${REDACT_RULES.length}`,
    `RG_R=${sq(REDACTED)}`,
    ...REDACT_RULES.flatMap((r, i) => [`RG_P${i}=${sq(r.pattern)}`, `RG_K${i}=${r.keep ? 1 : "''"}`]),
  ];
  return [
    '# The report: secret-looking values redacted (the same rules as the page and the playbook), then',
    '# escaped for HTML or Markdown, by perl.',
    'rg_redact() {',
    `  ${env.join(' \\\n    ')} \\`,
    `    perl -0777 -pe ${sq(REDACT_PL)}`,
    '}',
    'rg_esc() {',
    `  RG_E=$1 RG_MD=${sq(MD_SPECIAL)} RG_NL=${sq(LINE_ENDS)} perl -0777 -pe ${sq(ESCAPE_PL)}`,
    '}',
  ];
}

interface Scope {
  step?: PlannedStep;
}

/** A line of bash, or static text to append to rg_r (appends at one indent are joined, then quoted). */
type Item = string | { indent: string; text: string };

/** The bash of the template's parts: lines appending to rg_r. */
function compile(parts: Part[], plan: Plan, s: Scope, indent: string): Item[] {
  const lines: Item[] = [];
  let pending = '';
  const flush = () => {
    if (pending) lines.push({ indent, text: pending });
    pending = '';
  };
  const known = (slot: Slot): string | undefined => {
    const st = s.step;
    const values: Partial<Record<Slot, string>> = {
      url: runbookUrl(plan.options.lang, plan.runbook.slug),
      version: plan.version,
      hostN: '1',
      ...(st ? { checkN: String(st.n), checkId: st.step.id, checkTitle: st.title } : {}),
    };
    return values[slot];
  };
  // A check's command is printed by its function (rg_run_N): the script holds its text once.
  const runtime = (slot: Slot) =>
    slot === 'date'
      ? '"$rg_report_date"'
      : slot === 'host'
        ? '"$rg_report_host"'
        : slot === 'command'
          ? `"$(rg_run_${s.step!.n})"`
          : `"$rg_o_${varName(s.step!.step.id)}"`;
  const test = (c: Cond) =>
    'host' in c
      ? c.host === 'found'
        ? '[ "$rg_found" = 1 ]'
        : '[ "$rg_status" = 1 ]'
      : c.check === 'failed'
        ? `[ "$rg_v_${varName(s.step!.step.id)}" = fail ]`
        : `[ -n "$rg_o_${varName(s.step!.step.id)}" ]`;
  for (const p of parts) {
    if ('text' in p) pending += p.text;
    else if ('slot' in p) {
      const v = known(p.slot);
      if (v !== undefined) pending += escapeAs(p.as, v);
      else {
        flush();
        const redact = FROM_HOST.has(p.slot) ? ' | rg_redact' : '';
        const esc = p.as === 'raw' ? '' : ` | rg_esc ${p.as}`;
        lines.push(`${indent}rg_r+=$(printf '%s' ${runtime(p.slot)}${redact}${esc})`);
      }
    } else if ('pick' in p) {
      flush();
      const on = p.pick === 'outcome' ? '"$rg_outcome"' : `"$rg_v_${varName(s.step!.step.id)}"`;
      // No host here is `unreachable` (see ReportHost), and `none` is the page's own.
      const cases = Object.entries<string>(p.of).filter(([k]) => k !== 'none' && k !== 'unreachable');
      lines.push(`${indent}case ${on} in ${cases.map(([k, text]) => `${k}) rg_r+=${sq(text)} ;;`).join(' ')} esac`);
    } else if ('when' in p && 'host' in p.when && p.when.host === 'reached') {
      // The script's host is the one it runs on: reached.
      flush();
      lines.push(...compile(p.show, plan, s, indent));
    } else if ('when' in p) {
      flush();
      lines.push(`${indent}if ${test(p.when)}; then`, ...compile(p.show, plan, s, `${indent}  `));
      if (p.otherwise) lines.push(`${indent}else`, ...compile(p.otherwise, plan, s, `${indent}  `));
      lines.push(`${indent}fi`);
    } else {
      flush();
      // The script is about one host, this one; its checks are the plan's steps, in order.
      if (p.each === 'hosts') lines.push(...compile(p.body, plan, {}, indent));
      else for (const step of plan.steps) lines.push(...compile(p.body, plan, { step }, indent));
    }
  }
  flush();
  return lines;
}

/** The lines of bash: adjacent static appends at one indent joined into one. */
function bash(items: Item[]): string[] {
  const joined: Item[] = [];
  for (const item of items) {
    const prev = joined.at(-1);
    if (typeof item !== 'string' && typeof prev === 'object' && prev.indent === item.indent)
      joined[joined.length - 1] = { ...prev, text: prev.text + item.text };
    else joined.push(item);
  }
  return joined.map((i) => (typeof i === 'string' ? i : `${i.indent}rg_r+=${sq(i.text)}`));
}

/** rg_report_html, rg_report_md and rg_report_write (run last, when --report names a file). */
export function reportFunctions(plan: Plan): string[] {
  const r = plan.strings.report;
  const meta = planMeta(plan);
  const lines = [...helpers()];
  // Its text holds commands, written as they are: nothing in it is to expand.
  for (const format of REPORT_FORMATS)
    lines.push(
      '# shellcheck disable=SC2016',
      `rg_report_${format}() {`,
      ...bash(compile(reportTemplate(format, meta), plan, {}, '  ')),
      '}',
    );
  lines.push(
    'rg_report_write() {',
    "  local rg_r='' rg_report_date rg_report_host",
    "  rg_report_date=$(date -u '+%Y-%m-%d %H:%M UTC')",
    '  rg_report_host=$(uname -n)',
    '  case "$rg_report_file" in',
    '    *.html) rg_report_html ;;',
    '    *) rg_report_md ;;',
    '  esac',
    '  printf \'%s\' "$rg_r" >"$rg_report_file"',
    `  printf '%s\\n' ${msg(r.written, {}, { file: '"$rg_report_file"' })}`,
    '}',
  );
  return lines;
}

/** Stops before anything runs when --report cannot be honoured: a bad name, or no perl to redact with. */
export function reportRefusals(plan: Plan): string[] {
  const r = plan.strings.report;
  return [
    'if [ -n "$rg_report_file" ]; then',
    '  case "$rg_report_file" in',
    '    *.html | *.md) ;;',
    '    *)',
    `      printf '%s\\n' ${msg(r.badFile, { option: '--report' }, { file: '"$rg_report_file"' })} >&2`,
    '      exit 2',
    '      ;;',
    '  esac',
    `  command -v perl >/dev/null 2>&1 || { printf '%s\\n' ${sq(r.noPerl)} >&2; exit 2; }`,
    'fi',
  ];
}
