// The Ansible export: one play whose tasks run the plan's commands with ansible.builtin.shell,
// judge them like evaluate() (failed_when) and, for a diagnosis, combine the verdicts like
// assess() into a per-host summary. Commands are tagged !unsafe so Jinja never touches them, and
// each host gets the commands of its os_family. Each part is written by its own module under
// ansible/: the play and its header, the check tasks, the summary, the change tasks.
import type { Plan } from './plan.ts';
import { judge } from './ansible/expect.ts';
import { playbook, supportedTask } from './ansible/play.ts';
import { checkTasks } from './ansible/checks.ts';
import { summary } from './ansible/summary.ts';
import { fixTasks, rollbackTasks } from './ansible/changes.ts';
import { unsafe } from './ansible/tasks.ts';
import { reportNameTask } from './ansible/report.ts';

export { outcomeJinja } from './ansible/summary.ts';

export function generateAnsible(plan: Plan): string {
  const j = judge();
  const tasks = [supportedTask(plan)];
  let vars: Record<string, unknown> = {};
  if (plan.kind === 'diagnosis') {
    tasks.push(reportNameTask(plan), ...checkTasks(plan, j));
    const end = summary(plan, j);
    tasks.push(...end.tasks);
    vars = end.vars;
  } else if (plan.kind === 'fix') {
    const fix = fixTasks(plan, j);
    tasks.push(...fix.tasks);
    vars = fix.vars;
  } else tasks.push(...rollbackTasks(plan));
  // The regexes last, in the order the tests first named them.
  for (const [name, pattern] of Object.entries(j.patterns)) vars[name] = unsafe(pattern);
  return playbook(plan, vars, tasks);
}
