// The play around the tasks: its header comments, its name, hosts and facts, its variables, and
// the first task, which stops on a host of a family the playbook has no commands for.
import { Document } from 'yaml';
import { exportFileName, type Plan, type PlannedStep } from '../plan.ts';
import { fixNameOf, headerLines, oneLine } from '../common.ts';
import { needsNoqa } from './tasks.ts';

/** The first task: the host must be of a family the playbook has commands for. */
export function supportedTask(plan: Plan): Record<string, unknown> {
  const t = plan.strings;
  return {
    name: t.ansible.supported,
    'ansible.builtin.assert': {
      that: [`ansible_facts['os_family'] in ['RedHat', 'Debian']`],
      fail_msg: t.ansible.unsupported,
      quiet: true,
    },
    tags: ['always'],
  };
}

/** The header: headerLines(), how to run the playbook, and why some tasks carry a noqa. */
function header(plan: Plan): string {
  const t = plan.strings;
  const lines = [
    ...headerLines(plan),
    `ansible-playbook -i <inventory> ${exportFileName(plan)}${plan.kind === 'diagnosis' ? '' : ' [--check]'}`,
  ];
  if (plan.kind === 'diagnosis') lines.push(t.report.playbook);
  const run = (s: PlannedStep) => [s.run, ...(s.verify ? [s.verify] : [])];
  if (plan.steps.some((s) => run(s).some((c) => needsNoqa(c.el) || needsNoqa(c.ubuntu)))) lines.push(t.header.noqa);
  return lines.map((l) => oneLine(` ${l}`)).join('\n');
}

/** The playbook: one play on all hosts, as root, with `vars` (if any) and `tasks`. */
export function playbook(plan: Plan, vars: Record<string, unknown>, tasks: Record<string, unknown>[]): string {
  const t = plan.strings;
  const fixName = fixNameOf(plan);
  const phase =
    plan.kind === 'diagnosis' ? t.ansible.diagnosis : plan.kind === 'fix' ? fixName : `${t.ansible.rollback}${t.colon}${fixName}`;
  const play = {
    name: `${phase} — ${plan.texts.title}`,
    hosts: 'all',
    become: true,
    gather_facts: true,
    ...(Object.keys(vars).length ? { vars } : {}),
    tasks,
  };
  const doc = new Document([play]);
  doc.contents!.commentBefore = header(plan);
  return doc.toString({ directives: true });
}
