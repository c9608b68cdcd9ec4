// The building blocks of the playbook's tasks: strings Jinja must not template, task names with
// ansible-lint's noqa where due, and ansible.builtin.shell tasks for each distro family's commands.
import { DISTROS } from '../../core/schema.ts';
import { Scalar } from 'yaml';
import type { Distro } from '../../core/schema.ts';
import type { Commands } from '../plan.ts';

const FAMILY: Record<Distro, string> = { el: 'RedHat', ubuntu: 'Debian' };
export const onFamily = (d: Distro) => `ansible_facts['os_family'] == '${FAMILY[d]}'`;

/** A string Ansible must not template (commands, texts that may contain braces). */
export function unsafe(text: string, block = false): Scalar {
  const s = new Scalar(text);
  s.tag = '!unsafe';
  if (block) s.type = 'BLOCK_LITERAL';
  return s;
}

// Commands ansible-lint's command-instead-of-module rule names (its own list, ansible-lint 6).
const LINT_MODULE_COMMANDS = new Set(
  'apt-get chkconfig curl git hg letsencrypt mktemp mount patch rpm rsync sed service supervisorctl svn systemctl tar unzip wget yum'.split(
    ' ',
  ),
);

/**
 * A command for ansible.builtin.shell. The export runs the runbook's own reviewed text, the very
 * text the guide shows and the script runs, so command-instead-of-module does not apply: such
 * tasks carry a noqa for that rule only (all other rules hold).
 */
export const needsNoqa = (cmd: string) => LINT_MODULE_COMMANDS.has(cmd.trimStart().split(/\s+/)[0] ?? '');
function taskName(name: string, cmd: string): Scalar {
  const node = new Scalar(name);
  if (needsNoqa(cmd)) node.comment = ' noqa: command-instead-of-module';
  return node;
}

/** True when both families run the same command. */
export const universal = (c: Commands) => c.el === c.ubuntu;

export interface ShellTask {
  name: string;
  cmd: string;
  register: string;
  when?: string;
}

/** One task per distro family when the command differs, else one task for every host. */
export function shellTasks(name: string, commands: Commands, register: string): ShellTask[] {
  if (universal(commands)) return [{ name, cmd: commands.el, register }];
  return DISTROS.map((d) => ({
    name: `${name} (${FAMILY[d]})`,
    cmd: commands[d],
    register: `${register}_${d}`,
    when: onFamily(d),
  }));
}

/** The registered result of a step for the current host, as a Jinja expression. */
export function resultOf(commands: Commands, register: string): string {
  return universal(commands) ? register : `(${register}_el if ${onFamily('el')} else ${register}_ubuntu)`;
}

/** The ansible.builtin.shell task of `task`, with `extra` keys (changed_when, failed_when, tags…). */
export function shellTask(task: ShellTask, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    name: taskName(task.name, task.cmd),
    ...(task.when ? { when: task.when } : {}),
    'ansible.builtin.shell': { cmd: unsafe(task.cmd, true), executable: '/bin/bash' },
    register: task.register,
    ...extra,
  };
}
