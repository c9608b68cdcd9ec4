// Where runguide keeps its files, following the XDG base directory spec. Read from an env object
// (not process.env directly) so tests and the lab can point a server at throwaway directories.
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Record<string, string | undefined>;

export interface Paths {
  home: string;
  /** ~/.config/runguide/hosts.json */
  hostsFile: string;
  /** ~/.ssh/config */
  sshConfig: string;
  /** ~/.local/state/runguide/lab.json, written by the lab while its VM is up. */
  labFile: string;
  /** ~/.local/state/runguide/audit.jsonl */
  auditLog: string;
  /** ~/.local/state/runguide/recordings/<session>.cast */
  recordings: string;
}

export function pathsFrom(env: Env): Paths {
  const home = env.HOME || homedir();
  const config = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'runguide');
  const state = join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'runguide');
  return {
    home,
    hostsFile: join(config, 'hosts.json'),
    sshConfig: join(home, '.ssh', 'config'),
    labFile: join(state, 'lab.json'),
    auditLog: join(state, 'audit.jsonl'),
    recordings: join(state, 'recordings'),
  };
}
