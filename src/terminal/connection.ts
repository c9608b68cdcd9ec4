// One terminal session over the runner's WebSocket (/api/term): opens it on a host, reattaches
// after a dropped connection (the runner replays the screen), and acknowledges written output so
// the runner can pause a flooding command instead of filling the browser's memory.
import '../zod-jitless.ts';
import { ServerMessageSchema, type ClientMessage } from '../../core/protocol.ts';
import { detectRunner, termProtocols } from './token.ts';
import type { z } from '../../core/zod.ts';

export type ServerMessage = z.output<typeof ServerMessageSchema>;
/** `stopped`: the runner itself is gone (its HTTP side does not answer), not just this socket. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'stopped';

export interface ConnectionHandlers {
  message(m: ServerMessage): void;
  /** Terminal output; call `written` once it is on the screen (xterm's write callback). */
  output(text: string, written: () => void): void;
  state(s: ConnectionState): void;
  /** About to reattach to the session: the runner will replay its screen. */
  reattaching(): void;
}

/** Characters acknowledged at once; the runner pauses the PTY above 100 000 unacknowledged. */
const ACK_BATCH = 5000;
const MAX_RETRIES = 8;

export class Connection {
  readonly host: string;
  session: string | undefined;
  #handlers: ConnectionHandlers;
  #size: () => { cols: number; rows: number };
  #ws: WebSocket | undefined;
  /** The runner said it is stopping (Ctrl-C, a signal): not worth a retry. */
  #runnerStopping = false;
  #stopped = false;
  #retries = 0;
  #ready = false;
  #unacked = 0;
  #writing = 0;
  #decoder = new TextDecoder();

  constructor(host: string, handlers: ConnectionHandlers, size: () => { cols: number; rows: number }, resume?: string) {
    this.host = host;
    this.#handlers = handlers;
    this.#size = size;
    this.session = resume;
  }

  start() {
    this.#connect();
  }

  send(m: ClientMessage): boolean {
    if (this.#ws?.readyState !== WebSocket.OPEN || !this.#ready) return false;
    this.#ws.send(JSON.stringify(m));
    return true;
  }

  get connected(): boolean {
    return this.#ready && this.#ws?.readyState === WebSocket.OPEN;
  }

  /** Ends this connection for good (the runner keeps the session for its grace period). */
  close() {
    this.#stopped = true;
    this.#ws?.close(1000);
    this.#handlers.state('closed');
  }

  #connect() {
    const url = new URL('/api/term', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url, termProtocols());
    ws.binaryType = 'arraybuffer';
    this.#ws = ws;
    this.#ready = false;
    this.#unacked = 0;
    this.#writing = 0;
    this.#decoder = new TextDecoder();
    this.#handlers.state(this.#retries === 0 ? 'connecting' : 'reconnecting');
    const resume = this.session;
    ws.onopen = () => {
      const open: ClientMessage = { type: 'open', host: this.host, ...this.#size() };
      if (resume) {
        open.resume = resume;
        this.#handlers.reattaching();
      }
      ws.send(JSON.stringify(open));
    };
    ws.onmessage = (event) => {
      if (ws !== this.#ws) return;
      if (event.data instanceof ArrayBuffer) return this.#output(new Uint8Array(event.data));
      let parsed: ReturnType<typeof ServerMessageSchema.safeParse> | undefined;
      try {
        parsed = ServerMessageSchema.safeParse(JSON.parse(String(event.data)));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) {
        console.warn('runguide: unexpected message from the runner', event.data);
        return;
      }
      const m = parsed.data;
      if (m.type === 'ready') {
        this.#ready = true;
        this.#retries = 0;
        this.session = m.session;
        this.#handlers.state('open');
      } else if (m.type === 'error' && !this.#ready && resume) {
        // The session to resume is gone (grace period over, runner restarted): start afresh.
        this.session = undefined;
        this.#retries = 0;
        ws.onclose = null;
        ws.close();
        this.#connect();
        return;
      } else if (m.type === 'error' && !this.#ready) {
        // No session came of this socket (unknown host, session limit): say so, and stop here.
        this.#stopped = true;
        this.#handlers.message(m);
        ws.close();
        return;
      } else if (m.type === 'exit') {
        this.#stopped = true;
      } else if (m.type === 'error' && m.code === 'runner-stopping') {
        this.#stopped = true;
        this.#runnerStopping = true;
      } else if (m.type === 'error' && m.fatal) {
        this.#stopped = true;
      }
      this.#handlers.message(m);
    };
    ws.onclose = () => {
      if (ws !== this.#ws) return;
      this.#ready = false;
      if (this.#runnerStopping) return this.#handlers.state('stopped');
      if (this.#stopped || this.#retries >= MAX_RETRIES) {
        this.#stopped = true;
        this.#handlers.state('closed');
        return;
      }
      // A dropped socket, or a stopped runner? Only the first is worth retrying.
      void detectRunner().then((state) => {
        if (this.#stopped || ws !== this.#ws) return;
        if (state === 'absent') {
          this.#stopped = true;
          this.#handlers.state('stopped');
          return;
        }
        // Backoff: 0.5 s, 1 s, 2 s … up to 8 s between attempts.
        const delay = Math.min(500 * 2 ** this.#retries, 8000);
        this.#retries++;
        this.#handlers.state('reconnecting');
        setTimeout(() => {
          if (!this.#stopped) this.#connect();
        }, delay);
      });
    };
  }

  // The runner counts output in UTF-16 code units of the text it sends as UTF-8: decode (a
  // character may straddle two frames), write, and acknowledge the text's length.
  #output(bytes: Uint8Array) {
    const ws = this.#ws;
    const text = this.#decoder.decode(bytes, { stream: true });
    if (!text) return;
    this.#writing++;
    this.#handlers.output(text, () => {
      if (ws !== this.#ws) return;
      this.#writing--;
      this.#unacked += text.length;
      // Batched; flushed too when the screen has caught up, so no small remainder lingers.
      if (this.#unacked >= ACK_BATCH || this.#writing === 0) {
        if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'ack', chars: this.#unacked }));
        this.#unacked = 0;
      }
    });
  }
}
