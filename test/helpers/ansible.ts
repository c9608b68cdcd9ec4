// Running ansible-playbook in tests, and reading what it did: the project's own stdout callback
// (server/fleet/ansible/runguide_events.py) prints one JSON object a line, which `readRun` folds back
// into plays, tasks and per-host results.
import { join } from 'node:path';

/** The environment to run Ansible in: its state and temp files under `home` (throwaway), no colours. */
export function ansibleEnvIn(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_HOME: home,
    ANSIBLE_LOCAL_TEMP: join(home, 'tmp'),
    ANSIBLE_RETRY_FILES_ENABLED: '0',
  };
}

/** The variables that make ansible-playbook print its results as JSON lines, for `readRun`. */
export const JSON_LINES = {
  ANSIBLE_CALLBACK_PLUGINS: join(import.meta.dirname, '..', '..', 'server', 'fleet', 'ansible'),
  ANSIBLE_STDOUT_CALLBACK: 'runguide_events',
};

/** `ansibleEnvIn(home)` with results printed as JSON lines. */
export function ansibleJsonEnvIn(home: string): NodeJS.ProcessEnv {
  return { ...ansibleEnvIn(home), ...JSON_LINES };
}

export type HostResult = Record<string, unknown> & { failed?: boolean; skipped?: boolean; unreachable?: boolean; msg?: unknown };
export interface TaskRun {
  task: { name: string };
  hosts: Record<string, HostResult>;
}
export interface PlaybookRun {
  plays: { name: string; tasks: TaskRun[] }[];
  stats: Record<
    string,
    { ok: number; changed: number; unreachable: number; failures: number; skipped: number; rescued: number; ignored: number }
  >;
}

type Event =
  | { event: 'play'; name: string }
  | { event: 'task'; name: string; uuid: string }
  | { event: 'result'; host: string; uuid: string; result: HostResult }
  | { event: 'stats'; hosts: PlaybookRun['stats'] };

/** Folds runguide_events lines into a run; throws, quoting the output, when there is no stats line. */
export function readRun(stdout: string): PlaybookRun {
  const run: PlaybookRun = { plays: [], stats: {} };
  let stats = false;
  const byUuid = new Map<string, TaskRun>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const e = JSON.parse(line) as Event;
    if (e.event === 'play') run.plays.push({ name: e.name, tasks: [] });
    else if (e.event === 'task') {
      const task = { task: { name: e.name }, hosts: {} };
      byUuid.set(e.uuid, task);
      run.plays.at(-1)?.tasks.push(task);
    } else if (e.event === 'result') {
      const task = byUuid.get(e.uuid);
      if (task) task.hosts[e.host] = e.result;
    } else if (e.event === 'stats') {
      run.stats = e.hosts;
      stats = true;
    }
  }
  if (!stats) throw new Error(`ansible-playbook printed no stats line:\n${stdout.slice(-3000)}`);
  return run;
}
