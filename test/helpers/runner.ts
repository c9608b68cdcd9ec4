// A real runner server for tests, in a throwaway HOME and XDG directories, so the user's own hosts
// file, ssh config, audit log and recordings are never read or written.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index.ts';

export interface TestRunner extends RunningServer {
  home: string;
  env: Record<string, string>;
  /** Headers that carry the token, for fetch(). */
  /** The header the runner's API wants. */
  auth: { authorization: string };
  logs: string[];
  stop(): Promise<void>;
}

export function tempHome(): { home: string; env: Record<string, string> } {
  const home = mkdtempSync(join(tmpdir(), 'runguide-home-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    SHELL: '/bin/bash',
    // A fixed, recognisable prompt (no ~/.bashrc in the temp HOME anyway).
    PS1: 'rg$ ',
  };
  mkdirSync(join(home, '.config', 'runguide'), { recursive: true });
  return { home, env };
}

export function writeHostsFile(home: string, content: unknown): void {
  writeFileSync(join(home, '.config', 'runguide', 'hosts.json'), typeof content === 'string' ? content : JSON.stringify(content));
}

export async function startTestRunner(
  opts: Omit<ServerOptions, 'env'> & { home?: { home: string; env: Record<string, string> } } = {},
): Promise<TestRunner> {
  const { home, env } = opts.home ?? tempHome();
  const logs: string[] = [];
  const srv = await startServer({ port: 0, log: (l) => logs.push(l), ...opts, env });
  return {
    ...srv,
    home,
    env,
    logs,
    auth: { authorization: `Bearer ${srv.token}` },
    async stop() {
      await srv.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Open file descriptors of this process. */
export const openFds = (): number => readdirSync('/proc/self/fd').length;

/** Processes whose command name is `comm` (e.g. to see that `yes` is gone). */
export function processesNamed(comm: string): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        return readFileSync(`/proc/${n}/comm`, 'utf8').trim() === comm;
      } catch {
        return false;
      }
    })
    .map(Number);
}

export const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
