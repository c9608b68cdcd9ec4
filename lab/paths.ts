// Where the lab keeps its files: the built image in the XDG cache (reused between runs), the state
// file the runner reads in the XDG state directory, each VM's sockets and disk in a temp folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Record<string, string | undefined>;

export function cacheDir(env: Env = process.env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'runguide', 'lab');
}

/** The same file as server/paths.ts `labFile`: the runner lists a host `lab` while it exists. */
export function stateFile(env: Env = process.env): string {
  return join(env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state'), 'runguide', 'lab.json');
}
