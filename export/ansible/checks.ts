// A diagnosis's check tasks: each check run on every host, never changing it, judged like
// evaluate(); only an undecidable result fails the task, and no failure stops the others.
import type { Plan } from '../plan.ts';
import { varName } from '../common.ts';
import type { Judge } from './expect.ts';
import { shellTask, shellTasks } from './tasks.ts';

/** The register of a check's result (one per family when the command differs). */
export const checkRegister = (id: string) => `rg_${varName(id)}`;

export function checkTasks(plan: Plan, judge: Judge): Record<string, unknown>[] {
  const total = plan.steps.length;
  const tasks: Record<string, unknown>[] = [];
  for (const s of plan.steps)
    for (const task of shellTasks(`${s.n}/${total} ${s.title}`, s.run, checkRegister(s.step.id)))
      tasks.push(
        shellTask(task, {
          changed_when: false,
          // Only an undecidable result fails the task; "fail" means the risk factor was found.
          failed_when: `not (${judge.passTest(s, 'run', task.register)} or ${judge.failTest(s, task.register)})`,
          // A check that errors must not stop the others: the summary reports it as undecided.
          ignore_errors: true,
          check_mode: false,
          tags: ['diagnosis', s.step.id],
        }),
      );
  return tasks;
}
