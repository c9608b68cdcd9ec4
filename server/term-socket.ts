// One WebSocket at /api/term: the protocol of protocol.ts on top of a Session. Bad input gets an
// `error` frame and the connection stays usable; only a refused session closes it.
import type { WebSocket, RawData } from 'ws';
import { z } from 'zod';
import {
  ClientMessageSchema,
  MAX_SECRETS,
  PROTOCOL_VERSION,
  type ClientMessage,
  type ErrorCode,
  type ServerMessage,
} from '../core/protocol.ts';
import { OutputGatherer } from './output-gatherer.ts';
import { StepError } from './step-run.ts';
import type { Session, Sink } from './session.ts';
import type { SessionManager } from './sessions.ts';

export function handleTermSocket(ws: WebSocket, manager: SessionManager): void {
  let session: Session | null = null;
  let sink: Sink | null = null;
  let opening = false;

  const out = new OutputGatherer(ws);

  // Messages never overtake the output that came before them (a step's result, the exit).
  const send = (m: ServerMessage) => {
    out.flush();
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  type Refused = Extract<ServerMessage, { type: 'error' }>['run'];
  const error = (code: ErrorCode, message: string, fatal = false, run?: Refused) => send({ type: 'error', code, message, fatal, run });

  ws.on('message', (raw: RawData, isBinary: boolean) => {
    if (isBinary) return error('bad-message', 'Binary frames only go from the server to the browser; send JSON text frames');
    let data: unknown;
    try {
      data = JSON.parse(raw.toString());
    } catch (e) {
      return error('bad-json', `Not valid JSON: ${(e as Error).message}`);
    }
    const parsed = ClientMessageSchema.safeParse(data);
    if (!parsed.success) return error('bad-message', `Not a valid message: ${z.prettifyError(parsed.error)}`);
    const msg = parsed.data;
    if (msg.type === 'open') return void open(msg);
    if (!session) return error('not-open', `Send "open" first (got "${msg.type}")`);
    const s = session;
    switch (msg.type) {
      case 'input':
        if (!s.input(msg.data))
          error(
            'input-full',
            'The terminal is not reading what is typed (a program in the foreground ignores it): this input was dropped. Press Ctrl-C to interrupt the program',
          );
        return;
      case 'resize':
        return s.resize(msg.cols, msg.rows);
      case 'ack':
        return s.ack(msg.chars);
      case 'secret':
        // Kept in memory, never logged nor echoed back (not even in an error).
        if (!s.markSecret(msg.value))
          error('secret-limit', `This session has ${MAX_SECRETS} values marked secret already; start a new session to mark others`);
        return;
      case 'run':
      case 'confirm': {
        const runner = manager.runner(s);
        const done = msg.type === 'run' ? runner.run(msg) : runner.confirm(msg);
        const run = msg.type === 'run' ? { runbook: msg.runbook, step: msg.step, which: msg.which } : undefined;
        done.catch((e: unknown) => {
          if (e instanceof StepError) error(e.code, e.message, false, run);
          else error('internal', `The step could not run: ${(e as Error).message}`, false, run);
        });
      }
    }
  });

  async function open(msg: Extract<ClientMessage, { type: 'open' }>): Promise<void> {
    if (session || opening)
      return error('already-open', 'This connection already has a session; open another WebSocket for another terminal');
    let s: Session;
    let resumed = false;
    if (msg.resume) {
      const found = manager.get(msg.resume);
      if (!found) return error('unknown-session', `Session ${msg.resume} is gone (ended, or its grace period passed); open a new one`);
      s = found;
      resumed = true;
    } else {
      const made = manager.create(msg.host, msg.cols, msg.rows);
      if ('error' in made) {
        if (made.code !== 'session-limit') return error(made.code, made.error);
        error(made.code, made.error, true);
        return ws.close(1008, 'session limit');
      }
      s = made.session;
    }
    opening = true;
    // Output produced while the screen is being serialized is queued, then sent after the replay.
    let queue: string[] | null = [];
    const mySink: Sink = {
      output(data) {
        if (queue) queue.push(data);
        else out.output(data);
      },
      bufferedAmount: () => out.bufferedAmount(),
      exit(code) {
        send({ type: 'exit', exitCode: code });
        ws.close(1000, 'session ended');
      },
      replaced() {
        error('taken-over', 'This session was reopened in another tab', true);
        ws.close(1000, 'taken over');
      },
    };
    s.attach(mySink);
    sink = mySink;
    session = s;
    manager.runner(s).setSender(send);
    const screen = resumed ? await s.serialize() : '';
    send({
      type: 'ready',
      version: PROTOCOL_VERSION,
      session: s.id,
      host: s.host.id,
      distro: s.distro,
      resumed,
      recording: s.recorder !== null,
    });
    if (screen && ws.readyState === ws.OPEN) {
      out.send(screen);
      s.countSent(screen.length);
    }
    const pending = queue;
    queue = null;
    for (const d of pending) mySink.output(d);
    // The reattaching tab may be sized differently: the screen was replayed at the old size.
    if (resumed && !s.ended && (s.pty.cols !== msg.cols || s.pty.rows !== msg.rows)) s.resize(msg.cols, msg.rows);
    opening = false;
    if (s.ended) mySink.exit(s.exitCode);
  }

  // Oversized frames (1009) and protocol violations surface here; ws then closes the socket.
  ws.on('error', () => {});

  ws.on('close', () => {
    out.stop();
    if (session && sink) {
      manager.runner(session).clearSender(send);
      session.detach(sink, manager.graceMs);
    }
  });
}
