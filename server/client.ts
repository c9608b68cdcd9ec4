// A small runner client over the real WebSocket, speaking the same protocol as the browser's
// terminal panel: tests and the lab run steps "through the runner's own code path" with it.
import WebSocket from 'ws';
import xtermHeadless from '@xterm/headless';
import { ServerMessageSchema, type ClientMessage, type ErrorCode, type ServerMessage } from '../core/protocol.ts';
import type { Which } from '../core/step-ref.ts';

type Msg<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
export type ResultMessage = Msg<'result'>;
export type ConfirmMessage = Msg<'confirm'>;

export interface ConnectOptions {
  /** Host id (`local`, `lab`, a hosts-file id…). Default `local`. */
  host?: string;
  cols?: number;
  rows?: number;
  resume?: string;
  /** Acknowledge output as it is written (default true); false simulates a stalled browser. */
  ack?: boolean;
}

export interface RunOptions {
  which?: Which;
  params?: Record<string, string>;
  /** Answer to a confirmation request: a boolean, or decide from the request. Default false. */
  confirm?: boolean | ((req: ConfirmMessage) => boolean);
  timeoutMs?: number;
}

export class RunnerError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

/** Opens a session: `origin` like http://127.0.0.1:4321, `token` as printed by the server. */
export async function connect(origin: string, token: string, o: ConnectOptions = {}): Promise<RunnerClient> {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/term`, {
    origin,
    headers: { authorization: `Bearer ${token}` },
  });
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
    ws.once('unexpected-response', (_req, res) => fail(new Error(`runner refused the WebSocket: HTTP ${res.statusCode}`)));
  });
  const client = new RunnerClient(ws, o.cols ?? 100, o.rows ?? 30, o.ack ?? true);
  client.send({
    type: 'open',
    host: o.host ?? 'local',
    cols: o.cols ?? 100,
    rows: o.rows ?? 30,
    ...(o.resume ? { resume: o.resume } : {}),
  });
  const first = await client.next((m) => m.type === 'ready' || (m.type === 'error' && !['declined'].includes(m.code)), 30_000);
  if (first.type === 'error') {
    ws.close();
    throw new RunnerError(first.code, first.message);
  }
  client.ready = first as Msg<'ready'>;
  return client;
}

export class RunnerClient {
  readonly ws: WebSocket;
  ready!: Msg<'ready'>;
  /** Every JSON message received, in order. */
  readonly messages: ServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  acking: boolean;
  #term: InstanceType<typeof xtermHeadless.Terminal>;
  #decoder = new TextDecoder();
  #waiters = new Set<{ pred: (m: ServerMessage) => boolean; ok: (m: ServerMessage) => void }>();
  #textWaiters = new Set<() => void>();
  #unacked = 0;
  /** Characters of output received so far. */
  received = 0;
  /** The output as received, escape sequences and all (its first MiB): what a browser was sent. */
  raw = '';

  constructor(ws: WebSocket, cols: number, rows: number, ack: boolean) {
    this.ws = ws;
    this.acking = ack;
    this.#term = new xtermHeadless.Terminal({ cols, rows, scrollback: 5000, allowProposedApi: true });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return this.#output(this.#decoder.decode(data, { stream: true }));
      const m = ServerMessageSchema.parse(JSON.parse(data.toString())) as ServerMessage;
      this.messages.push(m);
      for (const w of this.#waiters)
        if (w.pred(m)) {
          this.#waiters.delete(w);
          w.ok(m);
        }
    });
    ws.on('error', () => {}); // followed by 'close', which is what callers look at
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.#textWaiters) w();
    });
  }

  #output(text: string): void {
    this.received += text.length;
    if (this.raw.length < 1 << 20) this.raw += text;
    this.#term.write(text, () => {
      if (this.acking) this.send({ type: 'ack', chars: text.length });
      else this.#unacked += text.length;
      for (const w of this.#textWaiters) w();
    });
  }

  /** Starts (or resumes) acknowledging output, including what was held back. */
  resumeAcks(): void {
    this.acking = true;
    if (this.#unacked > 0) this.send({ type: 'ack', chars: this.#unacked });
    this.#unacked = 0;
  }

  send(m: ClientMessage | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(m));
  }

  input(data: string): void {
    this.send({ type: 'input', data });
  }

  resize(cols: number, rows: number): void {
    this.#term.resize(cols, rows);
    this.send({ type: 'resize', cols, rows });
  }

  get session(): string {
    return this.ready.session;
  }

  /** The next message (already received or future) matching `pred`. */
  next(pred: (m: ServerMessage) => boolean, timeoutMs = 60_000, since = 0): Promise<ServerMessage> {
    const seen = this.messages.slice(since).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((ok, fail) => {
      const w = {
        pred,
        ok: (m: ServerMessage) => {
          clearTimeout(t);
          ok(m);
        },
      };
      const t = setTimeout(() => {
        this.#waiters.delete(w);
        fail(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(since))}`));
      }, timeoutMs);
      this.#waiters.add(w);
    });
  }

  /** Runs a step and resolves with its result; a refusal (error frame) rejects with RunnerError. */
  async run(runbook: string, step: string, o: RunOptions = {}): Promise<ResultMessage> {
    const since = this.messages.length;
    this.send({ type: 'run', runbook, step, which: o.which ?? 'run', params: o.params ?? {} });
    const timeout = o.timeoutMs ?? 120_000;
    const first = await this.next((m) => m.type === 'confirm' || m.type === 'started' || m.type === 'error', timeout, since);
    if (first.type === 'error') throw new RunnerError(first.code, first.message);
    if (first.type === 'confirm') {
      const yes = typeof o.confirm === 'function' ? o.confirm(first) : (o.confirm ?? false);
      this.send({ type: 'confirm', runId: first.runId, accept: yes });
      if (!yes) {
        const declined = await this.next((m) => m.type === 'error', timeout, since);
        throw new RunnerError((declined as Msg<'error'>).code, (declined as Msg<'error'>).message);
      }
    }
    const end = await this.next((m) => m.type === 'result' || (m.type === 'error' && m.code !== 'declined'), timeout, since);
    if (end.type === 'error') throw new RunnerError(end.code, end.message);
    return end as ResultMessage;
  }

  /** The visible screen as text lines (trailing blanks trimmed). */
  screenText(): string {
    const b = this.#term.buffer.active;
    const lines: string[] = [];
    for (let i = b.viewportY; i < b.viewportY + this.#term.rows; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n').replace(/\s+$/, '');
  }

  /** Screen plus scrollback as text. */
  allText(): string {
    const b = this.#term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  /** Waits until the screen (with scrollback) matches. */
  waitForText(re: RegExp, timeoutMs = 30_000): Promise<void> {
    return new Promise((ok, fail) => {
      const check = () => {
        if (re.test(this.allText())) {
          this.#textWaiters.delete(check);
          clearTimeout(t);
          ok();
        } else if (this.closed) {
          this.#textWaiters.delete(check);
          clearTimeout(t);
          fail(new Error(`connection closed before ${re} appeared; screen:\n${this.screenText()}`));
        }
      };
      const t = setTimeout(() => {
        this.#textWaiters.delete(check);
        fail(new Error(`${re} did not appear within ${timeoutMs} ms; screen:\n${this.screenText()}`));
      }, timeoutMs);
      this.#textWaiters.add(check);
      check();
    });
  }

  /** Resolves once every output received so far has been written to the screen. */
  flush(): Promise<void> {
    return new Promise((ok) => this.#term.write('', () => ok()));
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((ok) => {
      this.ws.once('close', () => ok());
      this.ws.close();
    });
  }
}
