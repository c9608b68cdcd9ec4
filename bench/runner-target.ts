// The runner as a benchmark target: our server, built (bench/runner-child.js), and a Node WebSocket
// client that acknowledges output the way the browser panel does (src/terminal/connection.ts),
// without rendering.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { firstLine, stopChild, track } from './servers.ts';
import { COLS, ROWS, shellReady, type Target, type Term } from './targets.ts';

const here = new URL('.', import.meta.url).pathname;
/** The runner's browser panel acknowledges in batches of 5 000 (src/terminal/connection.ts). */
const RUNNER_ACK = 5_000;

/** The runner's process, listening on 127.0.0.1 (also the page's server in bench/browser-bench.ts). */
export async function spawnRunner(env: Record<string, string>, o: { record?: boolean; profileDir?: string } = {}) {
  const prof = o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : [];
  if (!existsSync(join(here, '..', 'build', 'runner', 'server', 'index.js')))
    throw new Error('the runner is not built: run `npm run build:runner` (./runguide bench does)');
  const child = track(
    spawn(process.execPath, [...prof, join(here, 'runner-child.js'), '200', o.record ? 'record' : 'no-record'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  const info = (await firstLine(child, 'the runner')) as { port: number; token: string; pid: number };
  return { ...info, origin: `http://127.0.0.1:${info.port}`, stop: () => stopChild(child) };
}

/** `profileDir`: write a V8 CPU profile of the runner there (node --cpu-prof), to see where time goes. */
export async function startRunner(env: Record<string, string>, o: { record?: boolean; profileDir?: string } = {}): Promise<Target> {
  const r = await spawnRunner(env, o);
  return {
    name: 'runner',
    pid: r.pid,
    open: async () => shellReady(await openRunnerTerm(r.origin, r.port, r.token)),
    stop: r.stop,
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
