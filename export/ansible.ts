// The Ansible export: one play whose tasks run the plan's commands with ansible.builtin.shell,
// judge them like evaluate() (failed_when) and, for a diagnosis, combine the verdicts like
// assess() into a per-host summary. Commands are tagged !unsafe so Jinja never touches them, and
// each host gets the commands of its os_family.
import { Document, Scalar } from 'yaml';
import { OUTCOMES, type Distro, type Match, type Rule } from '../core/schema.ts';
import { adviceAfter } from '../core/render.ts';
import { fill, outcomeText } from '../i18n/export.ts';
import { exportFileName, optionFlags, type Commands, type Plan, type PlannedStep } from './plan.ts';
import { toPython } from './regex.ts';

const FAMILY: Record<Distro, string> = { el: 'RedHat', ubuntu: 'Debian' };
const onFamily = (d: Distro) => `ansible_facts['os_family'] == '${FAMILY[d]}'`;

/** A string Ansible must not template (commands, texts that may contain braces). */
function unsafe(text: string, block = false): Scalar {
  const s = new Scalar(text);
  s.tag = '!unsafe';
  if (block) s.type = 'BLOCK_LITERAL';
  return s;
}

// Commands ansible-lint's command-instead-of-module rule names (its own list, ansible-lint 6).
const LINT_MODULE_COMMANDS = new Set(
  'apt-get chkconfig curl git hg letsencrypt mktemp mount patch rpm rsync sed service supervisorctl svn systemctl tar unzip wget yum'.split(' '),
);

/**
 * A command for ansible.builtin.shell. The export runs the runbook's own reviewed text, the very
 * text the guide shows and the script runs, so command-instead-of-module does not apply: such
 * tasks carry a noqa for that rule only (all other rules hold).
 */
const needsNoqa = (cmd: string) => LINT_MODULE_COMMANDS.has(cmd.trimStart().split(/\s+/)[0] ?? '');
function taskName(name: string, cmd: string): Scalar {
  const node = new Scalar(name);
  if (needsNoqa(cmd)) node.comment = ' noqa: command-instead-of-module';
  return node;
}

const varId = (id: string) => id.replace(/-/g, '_');
const universal = (c: Commands) => c.el === c.ubuntu;

/** A Jinja test that a registered result `r` matches one expectation. */
function matches(r: string, m: Match, reVar: string | undefined): string {
  const rc = `(${r}.rc | default(-1)) in [${m.exit.join(', ')}]`;
  return m.stdout ? `(${rc} and (${r}.stdout | default('')) is search(${reVar}))` : `(${rc})`;
}

interface ShellTask {
  name: string;
  cmd: string;
  register: string;
  when?: string;
}

/** One task per distro family when the command differs, else one task for every host. */
function shellTasks(name: string, commands: Commands, register: string): ShellTask[] {
  if (universal(commands)) return [{ name, cmd: commands.el, register }];
  return (['el', 'ubuntu'] as const).map((d) => ({
    name: `${name} (${FAMILY[d]})`,
    cmd: commands[d],
    register: `${register}_${d}`,
    when: onFamily(d),
  }));
}

/** The registered result of a step for the current host, as a Jinja expression. */
function resultOf(commands: Commands, register: string): string {
  return universal(commands) ? register : `(${register}_el if ${onFamily('el')} else ${register}_ubuntu)`;
}

/**
 * The outcome, decided like assess() and outcomeOf(): one Jinja expression over rg_verdicts (the
 * checks' verdicts by step id) that gives the outcome's name.
 */
export function outcomeJinja(plan: Plan): string {
  const stepsOf = (factor: string) => plan.steps.filter((s) => s.step.factor === factor);
  const is = (s: PlannedStep, v: string) => `rg_verdicts['${s.step.id}'] == '${v}'`;
  // ruleHolds(): true when every group has a failed check; false when some group's checks all passed.
  const holds = (rule: Rule) => rule.map((g) => `(${g.flatMap(stepsOf).map((s) => is(s, 'fail')).join(' or ')})`).join(' and ');
  const fails = (rule: Rule) => rule.map((g) => `(${g.flatMap(stepsOf).map((s) => is(s, 'pass')).join(' and ')})`).join(' or ');
  const { now, latent } = plan.runbook.risk;
  return (
    `'at-risk' if (${holds(now)}) else ` +
    (latent ? `('at-risk-latent' if (${holds(latent)}) else ` : '(') +
    `('not-at-risk' if ((${fails(now)})${latent ? ` and (${fails(latent)})` : ''}) else 'undecided'))`
  );
}

export function generateAnsible(plan: Plan): string {
  const { runbook, strings: t, texts } = plan;
  const total = plan.steps.length;
  const vars: Record<string, unknown> = {};
  const tasks: Record<string, unknown>[] = [];
  const fixName = plan.fix ? t.fixes[plan.fix] : '';
  const phase = plan.kind === 'diagnosis' ? t.ansible.diagnosis : plan.kind === 'fix' ? fixName : `${t.ansible.rollback}${t.colon}${fixName}`;

  const reVars: Record<string, string> = {};
  const reVar = (s: PlannedStep, which: string, side: 'pass' | 'fail', m: Match | undefined) => {
    if (!m?.stdout) return undefined;
    const name = `rg_re_${varId(s.step.id)}_${which}_${side}`;
    reVars[name] = toPython(m.stdout);
    return name;
  };
  const expectOf = (s: PlannedStep, which: 'run' | 'verify') => (which === 'run' ? s.step.expect : s.step.verify!.expect);
  const passTest = (s: PlannedStep, which: 'run' | 'verify', r: string) => {
    const e = expectOf(s, which);
    return matches(r, e.pass, reVar(s, which, 'pass', e.pass));
  };
  const failTest = (s: PlannedStep, r: string, which: 'run' | 'verify' = 'run') => {
    const m = expectOf(s, which).fail;
    return m ? matches(r, m, reVar(s, which, 'fail', m)) : 'false';
  };

  const shell = (task: ShellTask, extra: Record<string, unknown>) => ({
    name: taskName(task.name, task.cmd),
    ...(task.when ? { when: task.when } : {}),
    'ansible.builtin.shell': { cmd: unsafe(task.cmd, true), executable: '/bin/bash' },
    register: task.register,
    ...extra,
  });

  tasks.push({
    name: t.ansible.supported,
    'ansible.builtin.assert': {
      that: [`ansible_facts['os_family'] in ['RedHat', 'Debian']`],
      fail_msg: t.ansible.unsupported,
      quiet: true,
    },
    tags: ['always'],
  });

  if (plan.kind === 'diagnosis') {
    for (const s of plan.steps) {
      const register = `rg_${varId(s.step.id)}`;
      for (const task of shellTasks(`${s.n}/${total} ${s.title}`, s.run, register))
        tasks.push(
          shell(task, {
            changed_when: false,
            // Only an undecidable result fails the task; "fail" means the risk factor was found.
            failed_when: `not (${passTest(s, 'run', task.register)} or ${failTest(s, task.register)})`,
            // A check that errors must not stop the others: the summary reports it as undecided.
            ignore_errors: true,
            check_mode: false,
            tags: ['diagnosis', s.step.id],
          }),
        );
    }
    const verdicts: Record<string, string> = {};
    for (const s of plan.steps) {
      const r = resultOf(s.run, `rg_${varId(s.step.id)}`);
      verdicts[s.step.id] = `{{ 'pass' if ${passTest(s, 'run', r)} else ('fail' if ${failTest(s, r)} else 'error') }}`;
    }
    vars.rg_titles = Object.fromEntries(plan.steps.map((s) => [s.step.id, unsafe(s.title)]));
    vars.rg_texts = {
      verdict: Object.fromEntries(OUTCOMES.map((o) => [o, unsafe(outcomeText(t, o))])),
      found: unsafe(t.verdict.found),
      recommend: unsafe(
        `${t.verdict.recommend} ${t.fixes[runbook.recommend]} (runguide export ${runbook.slug} --format ansible --lang ${plan.options.lang} --fix ${runbook.recommend})`,
      ),
    };
    tasks.push(
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
      {
        // A fleet run must not end green while one host is at risk: ansible-playbook exits 2.
        name: t.ansible.flag,
        'ansible.builtin.fail': { msg: '{{ rg_texts.verdict[rg_outcome] }}' },
        when: "rg_outcome != 'not-at-risk'",
        tags: ['always'],
      },
    );
  } else if (plan.kind === 'fix') {
    // Rollback commands, printed (not run) when a step fails, newest applied step first.
    const rollbackVar = (s: PlannedStep) => {
      const base = `rg_rollback_${varId(s.step.id)}`;
      if (universal(s.rollback!)) {
        vars[base] = unsafe(s.rollback!.el, true);
        return `{{ ${base} }}`;
      }
      vars[`${base}_el`] = unsafe(s.rollback!.el, true);
      vars[`${base}_ubuntu`] = unsafe(s.rollback!.ubuntu, true);
      return `{{ ${base}_el if ${onFamily('el')} else ${base}_ubuntu }}`;
    };
    for (const s of plan.steps) {
      const register = `rg_${varId(s.step.id)}`;
      const readOnly = !s.changes;
      const inner: Record<string, unknown>[] = shellTasks(`${s.n}/${total} ${s.title}`, s.run, register).map((task) =>
        shell(task, {
          changed_when: !readOnly,
          failed_when: `not ${passTest(s, 'run', task.register)}`,
          ...(readOnly ? { check_mode: false } : {}),
        }),
      );
      if (s.verify)
        for (const task of shellTasks(fill(t.ansible.verify, { title: s.title }), s.verify, `${register}_verify`))
          inner.push(shell(task, { changed_when: false, failed_when: `not ${passTest(s, 'verify', task.register)}` }));
      const applied = plan.steps.filter((p) => p.changes && (p.n < s.n || (p.n === s.n && s.changes))).reverse();
      const undoList = (heading: string) => {
        const undo: unknown[] = applied.length ? [heading] : [t.sh.nothingApplied];
        for (const p of applied) undo.push(`# ${p.step.id}: ${p.title}`, p.rollback ? rollbackVar(p) : `# ${t.sh.noUndo}`);
        return undo.map((u) => (typeof u === 'string' && !u.startsWith('{{') ? unsafe(u) : u));
      };
      const failed = fill(t.ansible.failed, { title: s.title, id: s.step.id });
      const rescue: Record<string, unknown>[] = [];
      // A verify that gave `fail` on a step a restart completes: the change is applied, so the
      // advice is the restart (the undo commands follow, not as the recommended action).
      if (s.verify && adviceAfter(s.step, 'verify', 'fail') === 'restart') {
        const r = resultOf(s.verify, `${register}_verify`);
        const verifyFailed = `(${r}) is defined and ${failTest(s, r, 'verify')}`;
        const restart = fill(t.sh.restartNeeded, { title: s.title, id: s.step.id });
        rescue.push(
          { name: t.ansible.restart, when: verifyFailed, 'ansible.builtin.debug': { msg: [unsafe(restart), unsafe(t.sh.restartAdvice), ...undoList(t.sh.undoAnyway)] } },
          { name: restart, when: verifyFailed, 'ansible.builtin.fail': { msg: unsafe(`${restart} ${t.sh.restartAdvice}`) } },
        );
      }
      rescue.push(
        { name: t.sh.undoApplied.replace(/\s*:\s*$/, ''), 'ansible.builtin.debug': { msg: undoList(t.sh.undoApplied) } },
        { name: failed, 'ansible.builtin.fail': { msg: unsafe(failed) } },
      );
      tasks.push({ name: `${s.n}/${total} ${s.title}`, tags: [plan.fix, s.step.id], block: inner, rescue });
    }
  } else {
    for (const s of plan.steps)
      for (const task of shellTasks(`${s.n}/${total} ${fill(t.ansible.undo, { title: s.title })}`, s.run, `rg_${varId(s.step.id)}_rollback`))
        tasks.push(shell(task, { changed_when: true, tags: ['rollback', plan.fix, s.step.id] }));
  }

  for (const [name, pattern] of Object.entries(reVars)) vars[name] = unsafe(pattern);
  const play = {
    name: `${phase} — ${texts.title}`,
    hosts: 'all',
    become: true,
    gather_facts: true,
    ...(Object.keys(vars).length ? { vars } : {}),
    tasks,
  };
  const doc = new Document([play]);
  const header = [
    ` ${texts.title}`,
    ` ${plan.kind === 'diagnosis' ? t.header.diagnosis : fill(plan.kind === 'fix' ? t.header.fix : t.header.rollback, { fix: fixName })}`,
    ` ${t.header.source}${t.colon}${runbook.source.url}`,
    ` ${t.header.licence}${t.colon}${runbook.source.licence} (${runbook.source.licenceUrl})`,
    ` ${fill(t.header.generated, { version: plan.version })}`,
    ` ${t.header.options}${t.colon}runguide export ${optionFlags(plan)}`,
    ` ansible-playbook -i <inventory> ${exportFileName(plan)}${plan.kind === 'diagnosis' ? '' : ' [--check]'}`,
  ];
  const run = (s: PlannedStep) => [s.run, ...(s.verify ? [s.verify] : [])];
  if (plan.steps.some((s) => run(s).some((c) => needsNoqa(c.el) || needsNoqa(c.ubuntu)))) header.push(` ${t.header.noqa}`);
  doc.contents!.commentBefore = header.map((l) => l.replace(/\s*\n\s*/g, ' ')).join('\n');
  return doc.toString({ directives: true });
}
