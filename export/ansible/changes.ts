// The change tasks. A fix: one block per step (its command, then its verify) whose rescue prints
// the rollback commands of the changes applied, newest first, and fails the host; or, for a
// failed verify that a restart of the server completes, the restart advice. A rollback: its
// commands, in order.
import { fill } from '../../core/locales.ts';
import type { Plan, PlannedStep } from '../plan.ts';
import { appliedSteps, restartCompletes, varName } from '../common.ts';
import type { Judge } from './expect.ts';
import { onFamily, resultOf, shellTask, shellTasks, universal, unsafe } from './tasks.ts';

type Task = Record<string, unknown>;

/** The tasks of a fix, and the play variables that hold the rollback commands they print. */
export function fixTasks(plan: Plan, judge: Judge): { tasks: Task[]; vars: Record<string, unknown> } {
  const t = plan.strings;
  const total = plan.steps.length;
  const vars: Record<string, unknown> = {};
  // Rollback commands, printed (not run) when a step fails: the family's own when they differ.
  const rollbackVar = (s: PlannedStep) => {
    const base = `rg_rollback_${varName(s.step.id)}`;
    if (universal(s.rollback!)) {
      vars[base] = unsafe(s.rollback!.el, true);
      return `{{ ${base} }}`;
    }
    vars[`${base}_el`] = unsafe(s.rollback!.el, true);
    vars[`${base}_ubuntu`] = unsafe(s.rollback!.ubuntu, true);
    return `{{ ${base}_el if ${onFamily('el')} else ${base}_ubuntu }}`;
  };
  const tasks: Task[] = [];
  for (const s of plan.steps) {
    const register = `rg_${varName(s.step.id)}`;
    const readOnly = !s.changes;
    const inner: Task[] = shellTasks(`${s.n}/${total} ${s.title}`, s.run, register).map((task) =>
      shellTask(task, {
        changed_when: !readOnly,
        failed_when: `not ${judge.passTest(s, 'run', task.register)}`,
        ...(readOnly ? { check_mode: false } : {}),
      }),
    );
    if (s.verify)
      for (const task of shellTasks(fill(t.ansible.verify, { title: s.title }), s.verify, `${register}_verify`))
        inner.push(shellTask(task, { changed_when: false, failed_when: `not ${judge.passTest(s, 'verify', task.register)}` }));
    const applied = appliedSteps(plan, s.n, 'failed');
    const undoList = (heading: string) => {
      const undo: unknown[] = applied.length ? [heading] : [t.sh.nothingApplied];
      for (const p of applied) undo.push(`# ${p.step.id}: ${p.title}`, p.rollback ? rollbackVar(p) : `# ${t.sh.noUndo}`);
      return undo.map((u) => (typeof u === 'string' && !u.startsWith('{{') ? unsafe(u) : u));
    };
    const failed = fill(t.ansible.failed, { title: s.title, id: s.step.id });
    const rescue: Task[] = [];
    // A verify that gave `fail` on a step a restart completes: the change is applied, so the
    // advice is the restart (the undo commands follow, not as the recommended action).
    if (restartCompletes(plan, s)) {
      const r = resultOf(s.verify!, `${register}_verify`);
      const verifyFailed = `(${r}) is defined and ${judge.failTest(s, r, 'verify')}`;
      const restart = fill(t.sh.restartNeeded, { title: s.title, id: s.step.id });
      rescue.push(
        {
          name: t.ansible.restart,
          when: verifyFailed,
          'ansible.builtin.debug': { msg: [unsafe(restart), unsafe(t.sh.restartAdvice), ...undoList(t.sh.undoAnyway)] },
        },
        { name: restart, when: verifyFailed, 'ansible.builtin.fail': { msg: unsafe(`${restart} ${t.sh.restartAdvice}`) } },
      );
    }
    rescue.push(
      { name: t.sh.undoApplied.replace(/\s*:\s*$/, ''), 'ansible.builtin.debug': { msg: undoList(t.sh.undoApplied) } },
      { name: failed, 'ansible.builtin.fail': { msg: unsafe(failed) } },
    );
    tasks.push({ name: `${s.n}/${total} ${s.title}`, tags: [plan.fix, s.step.id], block: inner, rescue });
  }
  return { tasks, vars };
}

/** The tasks of a rollback: each step's undo command, a change on every host it runs on. */
export function rollbackTasks(plan: Plan): Task[] {
  const total = plan.steps.length;
  return plan.steps.flatMap((s) =>
    shellTasks(`${s.n}/${total} ${fill(plan.strings.ansible.undo, { title: s.title })}`, s.run, `rg_${varName(s.step.id)}_rollback`).map(
      (task) => shellTask(task, { changed_when: true, tags: ['rollback', plan.fix, s.step.id] }),
    ),
  );
}
