// How the runner starts Ansible's programs: where they keep their files (the run's private
// folder), our JSON-lines callback, no colour, no retry files, only the inventory plugins a pasted
// inventory needs, and the commands found on PATH first (their absence is a 503 with its apt line).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { projectRoot } from '../options.ts';
import type { Env } from '../paths.ts';

/** The folder of runguide_events.py, in the sources (the built runner finds it there too). */
export const CALLBACK_DIR = join(projectRoot(), 'server', 'fleet', 'ansible');

export const INSTALL_HINT = 'sudo apt-get install ansible-core';

/** The full path of a program on the environment's PATH, or null. */
export function which(program: string, env: Env): string | null {
  for (const dir of (env.PATH ?? process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return join(dir, program);
    } catch {
      // not in this one
    }
  }
  return null;
}

/**
 * The environment of ansible-inventory and ansible-playbook for one run in `dir` (0700, removed
 * after the run): Ansible's home and temp files, ssh's ControlMaster sockets (so that what is left
 * of them can be found and ended), results as JSON lines.
 */
export function ansibleEnv(env: Env, dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !/^(VITEST|NODE_OPTIONS$|npm_)/.test(k)) out[k] = v;
  out.PATH ??= process.env.PATH ?? '/usr/bin:/bin';
  return {
    ...out,
    ANSIBLE_HOME: join(dir, 'ansible'),
    ANSIBLE_LOCAL_TEMP: join(dir, 'ansible', 'tmp'),
    ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, 'cp'),
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_FORCE_COLOR: '0',
    ANSIBLE_RETRY_FILES_ENABLED: '0',
    // A pasted inventory is a file of hosts, INI or YAML; never a script or a dynamic plugin.
    ANSIBLE_INVENTORY_ENABLED: 'yaml,ini',
    ANSIBLE_INVENTORY_UNPARSED_FAILED: '1',
    ANSIBLE_CALLBACK_PLUGINS: CALLBACK_DIR,
    ANSIBLE_STDOUT_CALLBACK: 'runguide_events',
    PYTHONUNBUFFERED: '1',
  };
}
