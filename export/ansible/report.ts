// The diagnosis playbook's report: with `-e rg_report=/path/report.html` (or .md), one task run
// once, on the machine that runs ansible-playbook, writes the report of every host of the play
// from the report template (export/report/jinja.ts), secrets redacted before it is written.
import { REDACT_RULES, replacement } from '../../core/redact.ts';
import { fill } from '../../core/locales.ts';
import type { Plan } from '../plan.ts';
import { LINE_ENDS, MD_SPECIAL } from '../report/escape.ts';
import { reportJinja } from '../report/jinja.ts';
import { Scalar } from 'yaml';
import { unsafe } from './tasks.ts';

/** The regexes the report's template reads: the redaction rules, Markdown's escapes. */
export function reportVars(): Record<string, unknown> {
  return {
    rg_report_redact: REDACT_RULES.map((r) => ({ pattern: unsafe(r.pattern), replace: unsafe(replacement(r, 'python')) })),
    // A backslash, then the character: Python's re.sub replacement.
    rg_report_re: { md: unsafe(`(${MD_SPECIAL})`), md_to: unsafe('\\\\\\g<1>'), nl: unsafe(LINE_ENDS) },
  };
}

const RUN_ONCE_HERE = { run_once: true, delegate_to: 'localhost', become: false, check_mode: false };

/** Before any check runs: a report file name that is neither .html nor .md stops the play. */
export function reportNameTask(plan: Plan): Record<string, unknown> {
  const r = plan.strings.report;
  return {
    name: r.checkFile,
    'ansible.builtin.assert': {
      that: [`rg_report is search('[.](html|md)$')`],
      fail_msg: fill(r.badFile, { option: 'rg_report', file: '{{ rg_report }}' }),
      quiet: true,
    },
    when: 'rg_report is defined',
    ...RUN_ONCE_HERE,
    tags: ['always'],
  };
}

export function reportTask(plan: Plan): Record<string, unknown> {
  const content = new Scalar(reportJinja(plan));
  content.type = 'BLOCK_LITERAL';
  return {
    name: plan.strings.report.task,
    'ansible.builtin.copy': { content, dest: '{{ rg_report }}', mode: '0644' },
    when: 'rg_report is defined',
    ...RUN_ONCE_HERE,
    tags: ['always'],
  };
}
