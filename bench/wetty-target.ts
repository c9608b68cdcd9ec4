// wetty as a benchmark target: the peer, started from bench/.peer with `--command 'bash -l'`, and a
// socket.io client that commits output the way wetty's own browser client does, without rendering.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort } from '../server/free-port.ts';
import { answersHttp, stopChild, track } from './servers.ts';
import { shellReady, type Target, type Term } from './targets.ts';
import { PEER_DIR } from './wetty-install.ts';

/** wetty's browser client commits every 256 KiB it has written (wetty 3.2.0, client/wetty.js). */
const WETTY_ACK = 262_144;

interface IoSocket {
  on(event: string, cb: (...args: never[]) => void): IoSocket;
  once(event: string, cb: (...args: never[]) => void): IoSocket;
  emit(event: string, ...args: unknown[]): IoSocket;
  disconnect(): void;
  connected: boolean;
  io: { engine: { transport: { ws?: { _socket: { pause(): void; resume(): void } } | null } | null } | null };
}
type Io = (url: string, opts: Record<string, unknown>) => IoSocket;

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
