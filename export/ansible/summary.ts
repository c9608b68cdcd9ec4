// A diagnosis's summary: the checks' verdicts combined per host, the outcome decided like
// assess(), a debug task that prints it with the factors found and the fix to export, and a task
// that fails the hosts at risk so that a fleet run does not end green.
import { OUTCOMES } from '../../core/schema.ts';
import { outcomeText } from '../../i18n/export.ts';
import type { Plan, PlannedStep } from '../plan.ts';
import { ruleTests } from '../common.ts';
import type { Judge } from './expect.ts';
import { resultOf, unsafe } from './tasks.ts';
import { checkRegister } from './checks.ts';
import { reportTask, reportVars } from './report.ts';

/**
 * The outcome, decided like assess() and outcomeOf(): one Jinja expression over rg_verdicts (the
 * checks' verdicts by step id) that gives the outcome's name.
 */
export function outcomeJinja(plan: Plan): string {
  const is = (s: PlannedStep, v: string) => `rg_verdicts['${s.step.id}'] == '${v}'`;
  const { holds, fails } = ruleTests(plan, { is, group: (test) => `(${test})`, and: ' and ', or: ' or ' });
  const { now, latent } = plan.runbook.risk;
  return (
    `'at-risk' if (${holds(now)}) else ` +
    (latent ? `('at-risk-latent' if (${holds(latent)}) else ` : '(') +
    `('not-at-risk' if ((${fails(now)})${latent ? ` and (${fails(latent)})` : ''}) else 'undecided'))`
  );
}

/** The summary's tasks, and the play variables they read (the steps' titles, the texts). */
export function summary(plan: Plan, judge: Judge): { tasks: Record<string, unknown>[]; vars: Record<string, unknown> } {
  const { runbook, strings: t } = plan;
  const verdicts: Record<string, string> = {};
  for (const s of plan.steps) {
    const r = resultOf(s.run, checkRegister(s.step.id));
    verdicts[s.step.id] = `{{ 'pass' if ${judge.passTest(s, 'run', r)} else ('fail' if ${judge.failTest(s, r)} else 'error') }}`;
  }
  const vars = {
    rg_titles: Object.fromEntries(plan.steps.map((s) => [s.step.id, unsafe(s.title)])),
    rg_texts: {
      verdict: Object.fromEntries(OUTCOMES.map((o) => [o, unsafe(outcomeText(t, o))])),
      found: unsafe(t.verdict.found),
      recommend: unsafe(
        `${t.verdict.recommend} ${t.fixes[runbook.recommend]} (runguide export ${runbook.slug} --format ansible --lang ${plan.options.lang} --fix ${runbook.recommend})`,
      ),
    },
  };
  const tasks = [
    {
      name: t.ansible.combine,
      'ansible.builtin.set_fact': { rg_verdicts: verdicts },
      tags: ['always'],
    },
    {
      name: t.ansible.decide,
      'ansible.builtin.set_fact': {
        // The runbook's risk rules, decided as assess() does.
        rg_outcome: `{{ ${outcomeJinja(plan)} }}`,
        rg_found: `{{ rg_verdicts | dict2items | selectattr('value', 'equalto', 'fail') | map(attribute='key') | map('extract', rg_titles) | list }}`,
      },
      tags: ['always'],
    },
    {
      name: t.ansible.summary,
      'ansible.builtin.debug': {
        msg: `{{ [rg_texts.verdict[rg_outcome]] + ([rg_texts.found ~ ' ' ~ (rg_found | join('; '))] if rg_found else []) + ([rg_texts.recommend] if rg_outcome in ['at-risk', 'at-risk-latent'] else []) }}`,
      },
      tags: ['always'],
    },
    // Before the hosts at risk are failed (and leave the play): the report of every host.
    reportTask(plan),
    {
      // A fleet run must not end green while one host is at risk: ansible-playbook exits 2.
      name: t.ansible.flag,
      'ansible.builtin.fail': { msg: '{{ rg_texts.verdict[rg_outcome] }}' },
      when: "rg_outcome != 'not-at-risk'",
      tags: ['always'],
    },
  ];
  return { tasks, vars: { ...vars, ...reportVars() } };
}
