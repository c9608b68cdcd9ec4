// ttyd as a benchmark target: the second peer, a C server built into bench/.peer/ttyd
// (bench/ttyd-build.ts), and a `ws` client that pauses and resumes it the way ttyd's own browser
// client does.
import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { freePort } from '../server/free-port.ts';
import { answersHttp, stopChild, track } from './servers.ts';
import { COLS, ROWS, shellReady, type Target, type Term } from './targets.ts';
import { TTYD_BIN } from './ttyd-build.ts';

/**
 * ttyd's browser client (html/src/components/app.tsx and components/terminal/xterm/index.ts in
 * ttyd 1.7.7) counts the bytes it writes to xterm.js; each time more than `limit` have gone by, it
 * passes a callback to that write and counts it pending; above `highWater` pending callbacks it
 * sends PAUSE, and every callback that leaves fewer than `lowWater` pending sends RESUME.
 */
const TTYD_FLOW = { limit: 100_000, highWater: 10, lowWater: 4 };
/** ttyd's one-byte commands: the first byte of every WebSocket message, either way. */
const TTYD_CMD = { output: 0x30, input: '0', pause: '2', resume: '3' };

/** ttyd's process, serving its page and its WebSocket on 127.0.0.1 (bench/browser-bench.ts opens the page). */
export async function spawnTtyd(env: Record<string, string>, home: string) {
  const port = await freePort();
  // -W: ttyd ≥ 1.7 is read-only unless told otherwise. -d 3: errors and warnings only (no line per connection).
  const child = track(
    spawn(TTYD_BIN, ['-i', '127.0.0.1', '-p', String(port), '-W', '-w', home, '-d', '3', 'bash', '-l'], {
      env,
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
  child.stdout!.resume();
  const url = `http://127.0.0.1:${port}`;
  await answersHttp('ttyd', child, url, () => err);
  return { port, url, pid: child.pid!, stop: () => stopChild(child) };
}

export async function startTtyd(env: Record<string, string>, home: string): Promise<Target> {
  const t = await spawnTtyd(env, home);
  return {
    name: 'ttyd',
    pid: t.pid,
    open: async () => shellReady(await openTtydTerm(t.port)),
    stop: t.stop,
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
