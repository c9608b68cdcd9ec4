// The runner: one local HTTP server for the built site, the JSON API and the terminal WebSocket.
// `startServer` is what `./runguide start` runs (main.ts, built into build/runner), and what
// tests and the lab start in-process.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ServerMessage } from '../core/protocol.ts';
import { apiHandler } from './api.ts';
import { hasToken, hostAllowed, isLoopback, originAllowed, TERM_PROTOCOL } from './auth.ts';
import { ServerOptionsSchema, SSH_FORWARD, type ServerOptions } from './options.ts';
import { pathsFrom, type Paths } from './paths.ts';
import { SessionManager } from './sessions.ts';
import { FleetRuns } from './fleet/runs.ts';
import { serveStatic } from './static.ts';
import { handleTermSocket } from './term-socket.ts';

export { connect, RunnerClient } from './client.ts';
export type { ServerOptions } from './options.ts';

/** Frames above 1 MiB close the socket with 1009 (ws's maxPayload). */
export const MAX_FRAME = 1 << 20;

export interface RunningServer {
  /** The URL to open, carrying the token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  paths: Paths;
  sessions: SessionManager;
  fleet: FleetRuns;
  close(): Promise<void>;
}

export class BindError extends Error {}

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const o = ServerOptionsSchema.parse(opts);
  const { host, token, env, log, hosts: extraHosts } = o;
  // No remote mode: it would serve keystrokes and the token in clear over the network. SSH's port
  // forwarding does that job, encrypted and authenticated.
  if (!isLoopback(host))
    throw new BindError(
      `Refusing to listen on ${host}: the runner gives a shell on this machine, so it listens on a loopback address only. ` +
        `To use it from another machine, forward a port over SSH (ssh -L ${SSH_FORWARD} THIS-MACHINE) and open the printed URL there`,
    );
  const paths = pathsFrom(env);
  const dist = resolve(o.dist);
  const sessions = new SessionManager({ paths, env, maxSessions: o.maxSessions, graceMs: o.graceMs, record: o.record, extraHosts, log });
  const fleet = new FleetRuns({ paths, env, extraHosts, log });
  let port = o.port;
  const api = apiHandler({ paths, env, token, sessions, fleet, extraHosts, log });

  // A client that sends no complete request head within HEADERS_TIMEOUT_MS, or no complete
  // request within REQUEST_TIMEOUT_MS, is cut off: half-open connections must not pin descriptors.
  const server = createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1000 },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'http://runner.invalid');
      if (!hostAllowed(req, port, host)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden: unexpected Host header\n');
        return;
      }
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return api(req, res, url);
      serveStatic(dist, req, res, url.pathname, url.search);
    },
  );

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
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length + 1}\r\n\r\n${text}\n`,
      () => {
        clearTimeout(gone);
        socket.destroy();
      },
    );
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
    fleet,
    close() {
      closing ??= (async () => {
        // Said first, so that a page tells "the runner stopped" from "your shell ended".
        const stopping: ServerMessage = {
          type: 'error',
          code: 'runner-stopping',
          message: 'The runner is stopping: its terminals end now',
          fatal: true,
        };
        for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(stopping));
        // Fleet runs end first: their readers get `done` before the connections go.
        await Promise.all([sessions.closeAll(), fleet.closeAll()]);
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.closeAllConnections();
        await new Promise<void>((ok) => server.close(() => ok()));
      })();
      return closing;
    },
  };
}
