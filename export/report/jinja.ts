// The Jinja back end of the report template, for the diagnosis playbook: the same parts as the
// page renders, compiled to one Jinja template over the play's hosts (hostvars). What is known
// when the playbook is exported is escaped now, by escape.ts; what the hosts told (their names,
// the checks' output and verdicts) is redacted by regex_replace with the shared rules
// (core/redact.ts), then escaped like escape.ts does. Every block tag ends in `+%}`, so Ansible's
// trim_blocks changes nothing, and long lines are broken inside Jinja comments, which print nothing.
import type { Distro } from '../../core/schema.ts';
import { varName } from '../common.ts';
import type { Plan, PlannedStep } from '../plan.ts';
import { escapeAs } from './escape.ts';
import { FROM_HOST, type Cond, type Escape, type Part, type ReportFormat, type Slot } from './model.ts';
import { reportTemplate, runbookUrl, planMeta } from './template.ts';

const MAX_LINE = 110;

interface Scope {
  step?: PlannedStep;
}

/** Static text as a Jinja template writes it: a `{` that could open a tag printed by an expression. */
const literal = (text: string) => text.replace(/\{(?=[{%#]|$)/g, "{{ '{' }}");

/** The Jinja expression of a check's registered result on host `hv` (one register per family when they differ). */
function result(s: PlannedStep): string {
  const r = `rg_${varName(s.step.id)}`;
  return s.run.el === s.run.ubuntu ? `hv.${r}` : `(hv.${r}_el if rg_el else hv.${r}_ubuntu)`;
}

const output = (s: PlannedStep) => `(${result(s)}.stdout | default(''))`;

/** `expr` (a string) escaped as escape.ts does. */
function escaped(expr: string, as: Escape): string[] {
  if (as === 'raw') return [`{{ ${expr} }}`];
  if (as === 'html') return [`{{ ${expr} | e }}`];
  if (as === 'md') return [`{{ ${expr} | regex_replace(rg_report_re.md, rg_report_re.md_to) | regex_replace(rg_report_re.nl, ' ') }}`];
  return [
    `{% set rg_v = ${expr} +%}`,
    "{% set rg_f = '`' * ((([2] + (rg_v | regex_findall('`+') | map('length') | list)) | max) + 1) +%}",
    '{{ rg_f }}\n{{ rg_v }}\n{{ rg_f }}',
  ];
}

function compile(parts: Part[], plan: Plan, s: Scope): string[] {
  const out: string[] = [];
  const known = (slot: Slot): string | undefined => {
    const st = s.step;
    const values: Partial<Record<Slot, string>> = {
      url: runbookUrl(plan.options.lang, plan.runbook.slug),
      version: plan.version,
      ...(st ? { checkN: String(st.n), checkId: st.step.id, checkTitle: st.title } : {}),
      ...(st && st.run.el === st.run.ubuntu ? { command: st.run.el } : {}),
    };
    return values[slot];
  };
  const runtime = (slot: Slot) =>
    slot === 'output' ? output(s.step!) : ({ date: 'rg_date', host: 'h', hostN: 'rg_n' } as Record<string, string>)[slot]!;
  const test = (c: Cond) => {
    if ('host' in c) return c.host === 'found' ? 'hv.rg_found | length > 0' : "hv.rg_outcome in ['at-risk', 'at-risk-latent']";
    return c.check === 'failed' ? `hv.rg_verdicts['${s.step!.step.id}'] == 'fail'` : `${output(s.step!)} != ''`;
  };
  for (const p of parts) {
    if ('text' in p) out.push(literal(p.text));
    else if ('slot' in p) {
      const v = known(p.slot);
      if (v !== undefined) out.push(literal(escapeAs(p.as, v)));
      else if (p.slot === 'command') {
        // The command of the host's family.
        const of = (d: Distro) => literal(escapeAs(p.as, s.step!.run[d]));
        out.push('{% if rg_el +%}', of('el'), '{% else +%}', of('ubuntu'), '{% endif +%}');
      } else out.push(...escaped(FROM_HOST.has(p.slot) ? `rg_redact(${runtime(p.slot)})` : runtime(p.slot), p.as));
    } else if ('pick' in p) {
      const on = p.pick === 'outcome' ? 'hv.rg_outcome' : `hv.rg_verdicts['${s.step!.step.id}']`;
      // No host here is `unreachable` (see ReportHost), and `none` is the page's own.
      const cases = Object.entries<string>(p.of).filter(([k]) => k !== 'none' && k !== 'unreachable');
      out.push(...cases.flatMap(([k, text], i) => [`{% ${i ? 'elif' : 'if'} ${on} == '${k}' +%}`, literal(text)]));
      out.push('{% endif +%}');
    } else if ('when' in p && 'host' in p.when && p.when.host === 'reached') {
      // The play's hosts (ansible_play_hosts) are those it reached.
      out.push(...compile(p.show, plan, s));
    } else if ('when' in p) {
      out.push(`{% if ${test(p.when)} +%}`, ...compile(p.show, plan, s));
      if (p.otherwise) out.push('{% else +%}', ...compile(p.otherwise, plan, s));
      out.push('{% endif +%}');
    } else if (p.each === 'hosts') {
      out.push(
        '{% for h in ansible_play_hosts +%}',
        '{% set hv = hostvars[h] +%}',
        '{% set rg_n = loop.index +%}',
        "{% set rg_el = hv.ansible_facts['os_family'] == 'RedHat' +%}",
        ...compile(p.body, plan, {}),
        '{% endfor +%}',
      );
    } else for (const step of plan.steps) out.push(...compile(p.body, plan, { step }));
  }
  return out;
}

/** Joins the pieces into lines of at most MAX_LINE characters where it can (yamllint's limit is 160). */
function wrap(pieces: string[]): string {
  let text = '';
  let line = 0;
  for (const piece of pieces.flatMap((p) => (p.startsWith('{') ? [p] : p.split(/(?<= )/)))) {
    // Not before a line end: trim_blocks would take the newline after the comment.
    if (line > 0 && line + piece.length > MAX_LINE && !text.endsWith('{') && !piece.startsWith('\n')) {
      text += '{#\n#}';
      line = 2;
    }
    text += piece;
    const nl = piece.lastIndexOf('\n');
    line = nl < 0 ? line + piece.length : piece.length - nl - 1;
  }
  return text;
}

/** A macro that redacts a text with rg_report_redact (the play's copy of REDACT_RULES). */
const REDACT_MACRO = [
  '{% macro rg_redact(text) +%}',
  '{% set ns = namespace(t=text) +%}',
  '{% for r in rg_report_redact +%}',
  '{% set ns.t = ns.t | regex_replace(r.pattern, r.replace, ignorecase=True, multiline=True) +%}',
  '{% endfor +%}',
  '{{ ns.t }}',
  '{% endmacro +%}',
];

/** The report as one Jinja template, HTML or Markdown by the extension of rg_report. */
export function reportJinja(plan: Plan): string {
  const meta = planMeta(plan);
  const of = (format: ReportFormat) => compile(reportTemplate(format, meta), plan, {});
  return wrap([
    ...REDACT_MACRO,
    "{% set rg_date = now(utc=True, fmt='%Y-%m-%d %H:%M UTC') +%}",
    "{% if rg_report is search('[.]html$') +%}",
    ...of('html'),
    '{% else +%}',
    ...of('md'),
    '{% endif +%}',
  ]);
}
