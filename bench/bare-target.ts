// Bare node-pty as a benchmark target: in this process for throughput and latency (the ceiling),
// and in bench/bare-child.js for memory (the floor).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as pty from 'node-pty';
import { stopChild, track } from './servers.ts';
import { COLS, ROWS, shellReady, type Target } from './targets.ts';

const here = new URL('.', import.meta.url).pathname;

/** node-pty in this very process: what a server could at best pass on. */
export function startBareInProcess(env: Record<string, string>, home: string): Target {
  return {
    name: 'bare',
    pid: null,
    open: () => {
      const p = pty.spawn('/bin/bash', ['-l'], { name: 'xterm-256color', cols: COLS, rows: ROWS, cwd: home, env });
      const listeners = new Set<(chunk: string | Buffer) => void>();
      p.onData((d) => {
        for (const l of listeners) l(d);
      });
      return shellReady({
        input: (data) => p.write(data),
        listeners,
        stall: () => p.pause(),
        unstall: () => p.resume(),
        close: async () => {
          const gone = new Promise<void>((ok) => p.onExit(() => ok()));
          p.kill('SIGKILL');
          await gone;
        },
      });
    },
    stop: async () => {},
  };
}

/** node-pty in a process of its own (bench/bare-child.js), for memory: sessions only open and close. */
export async function startBareChild(env: Record<string, string>, home: string): Promise<Target> {
  const child = track(spawn(process.execPath, [join(here, 'bare-child.js')], { env, cwd: home, stdio: ['pipe', 'pipe', 'pipe'] }));
  const lines = createInterface({ input: child.stdout! });
  const queue: ((line: string) => void)[] = [];
  const ask = (cmd: string) =>
    new Promise<string>((ok) => {
      queue.push(ok);
      child.stdin!.write(cmd + '\n');
    });
  const info = await new Promise<{ pid: number }>((ok, fail) => {
    lines.once('line', (l) => ok(JSON.parse(l)));
    child.once('exit', (code) => fail(new Error(`bare-child exited (${code})`)));
  });
  lines.on('line', (l) => queue.shift()?.(l));
  return {
    name: 'bare',
    pid: info.pid,
    open: async () => {
      const answer = await ask('open');
      const id = /^ready (\d+)$/.exec(answer)?.[1];
      if (!id) throw new Error(`bare-child: ${answer}`);
      // Sessions of the memory floor are only opened, counted and closed.
      return { input() {}, listeners: new Set(), stall() {}, unstall() {}, close: async () => void (await ask(`close ${id}`)) };
    },
    stop: () => stopChild(child),
  };
}
