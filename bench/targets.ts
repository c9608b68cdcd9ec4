// The three things measured side by side, behind one small interface:
//   runner  — our server (bench/runner-child.ts) and a Node WebSocket client that acknowledges
//             output the way the browser panel does (src/terminal/connection.ts), without rendering;
//   wetty   — the peer, started from bench/.peer with `--command 'bash -l'`, and a socket.io client
//             that commits output the way wetty's own browser client does, without rendering;
//   ttyd    — the second peer, a C server built into bench/.peer/ttyd (bench/ttyd-build.ts), and a
//             `ws` client that pauses and resumes it the way ttyd's own browser client does;
//   bare    — node-pty alone: in this process for throughput and latency (the ceiling), and in
//             bench/bare-child.ts for memory (the floor).
// Every shell is `bash -l` in an empty throwaway HOME, 80×30, so all of them run the same commands.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as pty from 'node-pty';
import WebSocket from 'ws';
import { freePort } from '../server/free-port.ts';
import { TTYD_BIN } from './ttyd-build.ts';

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
const here = new URL('.', import.meta.url).pathname;
export const PEER_DIR = join(here, '.peer');
/** wetty's browser client commits every 256 KiB it has written (wetty 3.2.0, client/wetty.js). */
const WETTY_ACK = 262_144;
/** The runner's browser panel acknowledges in batches of 5 000 (src/terminal/connection.ts). */
const RUNNER_ACK = 5_000;

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
async function shellReady(term: Term): Promise<Term> {
  const seen = waitFor(term, 'BENCH_READY', 30_000);
  term.input("printf 'BENCH%s\\n' _READY\r");
  await seen;
  return term;
}


/** Every server started, killed when the benchmark exits however it exits: nothing left running. */
const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
function track(child: ChildProcess): ChildProcess {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      ok();
    });
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}

/** The first line the child prints, parsed as JSON. */
function firstLine(child: ChildProcess, what: string): Promise<Record<string, unknown>> {
  return new Promise((ok, fail) => {
    let err = '';
    child.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (l) => ok(JSON.parse(l)));
    child.once('exit', (code) => fail(new Error(`${what} exited (${code}) before it was ready:\n${err}`)));
  });
}

// ── runner ──────────────────────────────────────────────────────────────────────────────────────

/** `profileDir`: write a V8 CPU profile of the runner there (node --cpu-prof), to see where time goes. */
export async function startRunner(env: Record<string, string>, o: { record?: boolean; profileDir?: string } = {}): Promise<Target> {
  const prof = o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : [];
  const child = track(
    spawn(process.execPath, [...prof, join(here, 'runner-child.ts'), '200', o.record ? 'record' : 'no-record'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  const info = (await firstLine(child, 'the runner')) as { port: number; token: string; pid: number };
  const origin = `http://127.0.0.1:${info.port}`;
  return {
    name: 'runner',
    pid: info.pid,
    open: async () => shellReady(await openRunnerTerm(origin, info.port, info.token)),
    stop: () => stopChild(child),
  };
}

async function openRunnerTerm(origin: string, port: number, token: string): Promise<Term> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/term`, { origin, headers: { authorization: `Bearer ${token}` } });
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
    ws.once('unexpected-response', (_q, res) => fail(new Error(`the runner refused the WebSocket: HTTP ${res.statusCode}`)));
  });
  const listeners = new Set<(chunk: string | Buffer) => void>();
  let stalled = false;
  let unacked = 0;
  let flushing = false;
  const ack = () => {
    if (stalled) return;
    if (unacked > 0 && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'ack', chars: unacked }));
    unacked = 0;
  };
  const ready = new Promise<void>((ok, fail) => {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        for (const l of listeners) l(data);
        // Like the panel: acknowledge in batches, and the remainder once the "screen" caught up.
        unacked += data.length;
        if (stalled) return;
        if (unacked >= RUNNER_ACK) ack();
        else if (!flushing) {
          flushing = true;
          setImmediate(() => {
            flushing = false;
            ack();
          });
        }
        return;
      }
      const m = JSON.parse(data.toString()) as { type: string; message?: string };
      if (m.type === 'ready') ok();
      else if (m.type === 'error') fail(new Error(`runner: ${m.message}`));
    });
    ws.once('close', (code) => fail(new Error(`runner closed the WebSocket (${code})`)));
  });
  ws.send(JSON.stringify({ type: 'open', host: 'local', cols: COLS, rows: ROWS }));
  await ready;
  return {
    input: (data) => ws.send(JSON.stringify({ type: 'input', data })),
    listeners,
    stall() {
      stalled = true;
      // Not reading the TCP socket at all: the server's send buffer fills as a frozen tab's would.
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    },
    unstall() {
      stalled = false;
      (ws as unknown as { _socket: { resume(): void } })._socket.resume();
      ack();
    },
    close: () =>
      new Promise((ok) => {
        if (ws.readyState === ws.CLOSED) return ok();
        ws.once('close', () => ok());
        ws.terminate();
      }),
  };
}

// ── wetty ───────────────────────────────────────────────────────────────────────────────────────

interface IoSocket {
  on(event: string, cb: (...args: never[]) => void): IoSocket;
  once(event: string, cb: (...args: never[]) => void): IoSocket;
  emit(event: string, ...args: unknown[]): IoSocket;
  disconnect(): void;
  connected: boolean;
  io: { engine: { transport: { ws?: { _socket: { pause(): void; resume(): void } } | null } | null } | null };
}
type Io = (url: string, opts: Record<string, unknown>) => IoSocket;

/** The installed peer's versions, or null when bench/.peer has no wetty. */
export function peerVersions(): { wetty: string; socketIoClient: string; nodePty: string } | null {
  try {
    const req = createRequire(join(PEER_DIR, 'package.json'));
    const v = (p: string) => (req(join(PEER_DIR, 'node_modules', p, 'package.json')) as { version: string }).version;
    return { wetty: v('wetty'), socketIoClient: v('socket.io-client'), nodePty: v('node-pty') };
  } catch {
    return null;
  }
}

/** Waits until a peer's HTTP server answers on `url` (30 s at most), or fails with its stderr. */
async function answersHttp(name: string, child: ChildProcess, url: string, stderr: () => string): Promise<void> {
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${stderr()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (i > 300) throw new Error(`${name} did not answer on ${url} within 30 s:\n${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startWetty(env: Record<string, string>, home: string): Promise<Target> {
  const port = await freePort();
  const main = join(PEER_DIR, 'node_modules', 'wetty', 'build', 'main.js');
  // As root with a loopback ssh host, wetty runs --command directly (no login, no ssh).
  const child = track(
    spawn(
      process.execPath,
      [main, '--host', '127.0.0.1', '--port', String(port), '--base', '/', '--command', 'bash -l', '--log-level', 'warn'],
      { env, cwd: home, stdio: ['pipe', 'pipe', 'pipe'] },
    ),
  );
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
  child.stdout!.resume();
  const url = `http://127.0.0.1:${port}`;
  await answersHttp('wetty', child, url, () => err);
  const io = (createRequire(join(PEER_DIR, 'package.json'))('socket.io-client') as { io: Io }).io;
  return {
    name: 'wetty',
    pid: child.pid!,
    open: async () => shellReady(await openWettyTerm(io, url)),
    stop: () => stopChild(child),
  };
}

async function openWettyTerm(io: Io, url: string): Promise<Term> {
  // Straight to WebSocket (the browser starts with long-polling, then upgrades).
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false });
  const listeners = new Set<(chunk: string | Buffer) => void>();
  let stalled = false;
  let counter = 0;
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('wetty did not start a terminal within 30 s')), 30_000);
    socket.once('login', () => {
      clearTimeout(timer);
      ok();
    });
    socket.once('connect_error', (e: Error) => {
      clearTimeout(timer);
      fail(e);
    });
  });
  const commit = () => {
    while (!stalled && counter >= WETTY_ACK) {
      counter -= WETTY_ACK;
      socket.emit('commit', WETTY_ACK);
    }
  };
  socket.on('data', (data: string) => {
    for (const l of listeners) l(data);
    counter += data.length;
    commit();
  });
  return {
    input: (data) => void socket.emit('input', data),
    listeners,
    stall() {
      stalled = true;
      socket.io.engine!.transport!.ws!._socket.pause();
    },
    unstall() {
      stalled = false;
      // Gone when wetty dropped the stalled client (its heartbeat timed out): nothing to resume.
      socket.io.engine?.transport?.ws?._socket.resume();
      commit();
    },
    close: async () => {
      socket.disconnect();
    },
  };
}

// ── ttyd ────────────────────────────────────────────────────────────────────────────────────────

/**
 * ttyd's browser client (html/src/components/app.tsx and components/terminal/xterm/index.ts in
 * ttyd 1.7.7) counts the bytes it writes to xterm.js; each time more than `limit` have gone by, it
 * passes a callback to that write and counts it pending; above `highWater` pending callbacks it
 * sends PAUSE, and every callback that leaves fewer than `lowWater` pending sends RESUME.
 */
const TTYD_FLOW = { limit: 100_000, highWater: 10, lowWater: 4 };
/** ttyd's one-byte commands: the first byte of every WebSocket message, either way. */
const TTYD_CMD = { output: 0x30, input: '0', pause: '2', resume: '3' };

export async function startTtyd(env: Record<string, string>, home: string): Promise<Target> {
  const port = await freePort();
  // -W: ttyd ≥ 1.7 is read-only unless told otherwise. -d 3: errors and warnings only (no line per connection).
  const child = track(
    spawn(TTYD_BIN, ['-i', '127.0.0.1', '-p', String(port), '-W', '-w', home, '-d', '3', 'bash', '-l'], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
  child.stdout!.resume();
  const url = `http://127.0.0.1:${port}`;
  await answersHttp('ttyd', child, url, () => err);
  return {
    name: 'ttyd',
    pid: child.pid!,
    open: async () => shellReady(await openTtydTerm(port)),
    stop: () => stopChild(child),
  };
}

async function openTtydTerm(port: number): Promise<Term> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, ['tty'], { origin: `http://127.0.0.1:${port}` });
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
    ws.once('unexpected-response', (_q, res) => fail(new Error(`ttyd refused the WebSocket: HTTP ${res.statusCode}`)));
  });
  const listeners = new Set<(chunk: string | Buffer) => void>();
  const send = (cmd: string, data = '') => ws.readyState === ws.OPEN && ws.send(Buffer.from(cmd + data));
  let stalled = false;
  let written = 0;
  let pending = 0;
  /** Write callbacks that came due while stalled: a frozen tab runs them when it thaws. */
  let held = 0;
  // xterm.js calls a write's callback once it has parsed that data, in a later task; without a
  // terminal here, "parsed" is "counted", and the callback runs on the next turn of the loop.
  const writeDone = () => {
    if (stalled) return void held++;
    pending = Math.max(pending - 1, 0);
    if (pending < TTYD_FLOW.lowWater) send(TTYD_CMD.resume);
  };
  const started = new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('ttyd sent no output within 30 s')), 30_000);
    ws.on('message', (data: Buffer) => {
      if (data[0] !== TTYD_CMD.output) return; // window title, preferences
      const chunk = data.subarray(1);
      clearTimeout(timer);
      ok();
      for (const l of listeners) l(chunk);
      written += chunk.length;
      if (written > TTYD_FLOW.limit) {
        setImmediate(writeDone);
        pending++;
        written = 0;
        if (pending > TTYD_FLOW.highWater) send(TTYD_CMD.pause);
      }
    });
    ws.once('close', (code) => {
      clearTimeout(timer);
      fail(new Error(`ttyd closed the WebSocket (${code})`));
    });
  });
  // Like the browser: no credential set, so an empty token; the shell starts with this size.
  ws.send(Buffer.from(JSON.stringify({ AuthToken: '', columns: COLS, rows: ROWS })));
  await started;
  return {
    input: (data) => void send(TTYD_CMD.input, data),
    listeners,
    stall() {
      stalled = true;
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    },
    unstall() {
      stalled = false;
      (ws as unknown as { _socket: { resume(): void } })._socket.resume();
      for (; held > 0; held--) writeDone();
    },
    close: () =>
      new Promise((ok) => {
        if (ws.readyState === ws.CLOSED) return ok();
        ws.once('close', () => ok());
        ws.terminate();
      }),
  };
}

// ── bare node-pty ───────────────────────────────────────────────────────────────────────────────

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

/** node-pty in a process of its own (bench/bare-child.ts), for memory: sessions only open and close. */
export async function startBareChild(env: Record<string, string>, home: string): Promise<Target> {
  const child = track(spawn(process.execPath, [join(here, 'bare-child.ts')], { env, cwd: home, stdio: ['pipe', 'pipe', 'pipe'] }));
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
