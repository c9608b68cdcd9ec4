// The runner: one local HTTP server for the built site, the JSON API and the terminal WebSocket.
// `startServer` is what `node server/main.ts` runs, and what tests and the lab start in-process.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ServerMessage } from '../core/protocol.ts';
import { apiHandler } from './api.ts';
import { hasToken, hostAllowed, isLoopback, newToken, originAllowed, TERM_PROTOCOL } from './auth.ts';
import { HostsFileSchema, type HostsFileEntry } from './hosts.ts';
import { pathsFrom, type Env, type Paths } from './paths.ts';
import { SessionManager } from './sessions.ts';
import { serveStatic } from './static.ts';
import { handleTermSocket } from './term-socket.ts';

export { connect, RunnerClient } from './client.ts';

/** Frames above 1 MiB close the socket with 1009 (ws's maxPayload). */
export const MAX_FRAME = 1 << 20;

export interface ServerOptions {
  /** 0 picks a free port (tests). Default 4321. */
  port?: number;
  /** A loopback address (127.0.0.0/8, ::1, localhost). Default 127.0.0.1. */
  host?: string;
  /** The built site. Default: dist/ next to this folder. */
  dist?: string;
  maxSessions?: number;
  graceMs?: number;
  /** A fixed token (tests); default: a fresh random one. */
  token?: string;
  /** HOME, SHELL, XDG_* and the shell's environment. Default: process.env. */
  env?: Env;
  /**
   * Record every session as asciicast v2 (default false: opt-in, as with `script` or asciinema,
   * since a recording keeps everything the terminal showed, secrets printed by a command included).
   */
  record?: boolean;
  /** Extra ssh hosts (same fields as a hosts.json entry), e.g. the lab's VM without a lab file. */
  hosts?: HostsFileEntry[];
  log?: (line: string) => void;
}

export interface RunningServer {
  /** The URL to open, carrying the token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  paths: Paths;
  sessions: SessionManager;
  close(): Promise<void>;
}

export class BindError extends Error {}

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  // No remote mode: it would serve keystrokes and the token in clear over the network. SSH's port
  // forwarding does that job, encrypted and authenticated.
  if (!isLoopback(host))
    throw new BindError(
      `Refusing to listen on ${host}: the runner gives a shell on this machine, so it listens on a loopback address only. ` +
        `To use it from another machine, forward a port over SSH (ssh -L 4321:127.0.0.1:4321 THIS-MACHINE) and open the printed URL there`,
    );
  const env = opts.env ?? process.env;
  const extraHosts = HostsFileSchema.parse(opts.hosts ?? []);
  const paths = pathsFrom(env);
  const dist = resolve(opts.dist ?? new URL('../dist', import.meta.url).pathname);
  const token = opts.token ?? newToken();
  const log = opts.log ?? ((line: string) => console.log(`runguide: ${line}`));
  const sessions = new SessionManager({
    paths,
    env,
    maxSessions: opts.maxSessions ?? 8,
    graceMs: opts.graceMs ?? 60_000,
    record: opts.record ?? false,
    extraHosts,
    log,
  });
  let port = opts.port ?? 4321;
  const api = apiHandler({ paths, env, token, sessions, extraHosts, log });

  // A client that sends no complete request head within HEADERS_TIMEOUT_MS, or no complete
  // request within REQUEST_TIMEOUT_MS, is cut off: half-open connections must not pin descriptors.
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1000 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://runner.invalid');
    if (!hostAllowed(req, port, host)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden: unexpected Host header\n');
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return api(req, res, url);
    serveStatic(dist, req, res, url.pathname, url.search);
  });

  // The browser offers [TERM_PROTOCOL, token]: the answer names the first, never echoes the token.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(TERM_PROTOCOL) ? TERM_PROTOCOL : false),
  });
  // A refused upgrade gets its answer, then the connection goes: a client that keeps its half
  // open must not keep a descriptor of ours.
  const refuse = (socket: Duplex, status: number, text: string) => {
    const gone = setTimeout(() => socket.destroy(), 1000);
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length + 1}\r\n\r\n${text}\n`, () => {
      clearTimeout(gone);
      socket.destroy();
    });
  };
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://runner.invalid');
    if (url.pathname !== '/api/term') return refuse(socket, 404, 'Not Found');
    if (!hostAllowed(req, port, host)) return refuse(socket, 403, 'Forbidden');
    if (!originAllowed(req)) return refuse(socket, 403, 'Forbidden');
    if (!hasToken(req, token)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => handleTermSocket(ws, sessions));
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as { port: number }).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shown}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    // In the fragment, which the browser sends to no server (see src/terminal/token.ts).
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    paths,
    sessions,
    close() {
      closing ??= (async () => {
        // Said first, so that a page tells "the runner stopped" from "your shell ended".
        const stopping: ServerMessage = { type: 'error', code: 'runner-stopping', message: 'The runner is stopping: its terminals end now', fatal: true };
        for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(stopping));
        await sessions.closeAll();
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.closeAllConnections();
        await new Promise<void>((ok) => server.close(() => ok()));
      })();
      return closing;
    },
  };
}
