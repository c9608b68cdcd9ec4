// The things measured side by side, behind one small interface (one module each):
//   runner  — our server and a WebSocket client that acknowledges like the panel (runner-target.ts);
//   wetty   — the peer, and a socket.io client that commits like wetty's own (wetty-target.ts);
//   ttyd    — the second peer, and a `ws` client that pauses and resumes like ttyd's (ttyd-target.ts);
//   bare    — node-pty alone, the ceiling and the floor (bare-target.ts).
// Every shell is `bash -l` in an empty throwaway HOME, 80×30, so all of them run the same commands.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TargetName = 'runner' | 'wetty' | 'ttyd' | 'bare';

/** One terminal session as seen by a client. */
export interface Term {
  /** Keystrokes. */
  input(data: string): void;
  /** Output listeners; chunks are strings (wetty, node-pty) or bytes (the runner's and ttyd's binary frames). */
  readonly listeners: Set<(chunk: string | Buffer) => void>;
  /** Stops reading the socket and acknowledging output: a frozen browser tab. */
  stall(): void;
  /** Reads and acknowledges again, including what arrived while stalled. */
  unstall(): void;
  close(): Promise<void>;
}

export interface Target {
  name: TargetName;
  /** The server process (null for in-process node-pty). */
  pid: number | null;
  open(): Promise<Term>;
  stop(): Promise<void>;
}

export const COLS = 80;
export const ROWS = 30;

/** One empty HOME per run, shared by all targets so that `bash -l` reads the same profile files. */
export function makeHome(): { home: string; env: Record<string, string>; remove(): void } {
  const home = mkdtempSync(join(tmpdir(), 'runguide-bench-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(npm_|NODE_OPTIONS$|VITEST)/.test(k)) env[k] = v;
  Object.assign(env, { HOME: home, SHELL: '/bin/bash', TERM: 'xterm-256color', LANG: env.LANG ?? 'C.UTF-8', HISTFILE: '/dev/null' });
  return { home, env, remove: () => rmSync(home, { recursive: true, force: true }) };
}

/** Resolves once `marker` appears in the output (across chunk boundaries), or rejects after `ms`. */
export function waitFor(term: Term, marker: string, ms: number): Promise<void> {
  return new Promise((ok, fail) => {
    let tail = '';
    const look = (chunk: string | Buffer) => {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
      if ((tail + text).includes(marker)) {
        done();
        ok();
      } else tail = (tail + text).slice(-marker.length);
    };
    const timer = setTimeout(() => {
      done();
      fail(new Error(`"${marker}" did not appear within ${ms} ms`));
    }, ms);
    const done = () => {
      clearTimeout(timer);
      term.listeners.delete(look);
    };
    term.listeners.add(look);
  });
}

/** Asks the shell to print a marker, so that the session is known to be up and reading. */
export async function shellReady(term: Term): Promise<Term> {
  const seen = waitFor(term, 'BENCH_READY', 30_000);
  term.input("printf 'BENCH%s\\n' _READY\r");
  await seen;
  return term;
}
