// One terminal session: a PTY running the user's shell (or ssh), a log of its output (replayed on
// reconnect, as VS Code does: output-log.ts, screen-mirror.ts), a recording, and the attached
// browser. It composes flow control towards that browser (flow-control.ts), the marked commands that steps
// type (marked-exec.ts) and the cleanup of its processes when it ends (session-processes.ts).
import { randomUUID } from 'node:crypto';
import * as pty from 'node-pty';
import { OutputLog } from './output-log.ts';
import { cursorLine, type CursorLine } from './cursor-line.ts';
import { replayScreen } from './screen-mirror.ts';
import { Recorder } from './recording.ts';
import { FlowControl } from './flow-control.ts';
import { MarkedExec, type ExecOptions, type ExecResult } from './marked-exec.ts';
import { killSessionProcesses } from './session-processes.ts';
import { backlog, dropBacklog } from './pty-input.ts';
import type { ResolvedHost } from './hosts.ts';
import type { Env } from './paths.ts';
import type { Distro } from '../core/schema.ts';
import { MAX_SECRETS } from '../core/protocol.ts';

/** Input waiting for a terminal that reads nothing, at most (a paste of 1 MiB still goes). */
export const MAX_INPUT_BACKLOG = 1 << 20;
const INTERRUPT = '\x03';

/** Where output goes while a browser is attached. */
export interface Sink {
  output(data: string): void;
  bufferedAmount(): number;
  exit(code: number | null): void;
  /** Another connection resumed this session. */
  replaced(): void;
}

export interface SessionOptions {
  host: ResolvedHost;
  cols: number;
  rows: number;
  env: Env;
  cwd: string;
  recordings: string | null;
  onEnd(session: Session): void;
}

export class Session {
  readonly id = randomUUID();
  readonly host: ResolvedHost;
  readonly pty: pty.IPty;
  readonly recorder: Recorder | null;
  readonly startedAt = new Date();
  distro: Distro | null = null;
  uid: number | null = null;
  /** The login name the shell runs as, from the distro probe: what a confirmation names. */
  user: string | null = null;
  /** A step (or the distro probe) is running: one at a time per terminal. */
  busy = false;
  ended = false;
  exitCode: number | null = null;

  /** What the user saw, bounded: replayed on reconnect, read for the cursor's line. */
  readonly log: OutputLog;
  #sink: Sink | null = null;
  #flow: FlowControl;
  #marked: MarkedExec;
  #grace: NodeJS.Timeout | null = null;
  #onEnd: (s: Session) => void;
  /** The values the page marked secret: in memory only, redacted from the recording and audit log. */
  #secrets: string[] = [];

  constructor(o: SessionOptions) {
    this.host = o.host;
    this.#onEnd = o.onEnd;
    const env = { ...cleanEnv(o.env), TERM: 'xterm-256color', COLORTERM: 'truecolor' };
    this.pty = pty.spawn(o.host.spawn.file, o.host.spawn.args, { name: 'xterm-256color', cols: o.cols, rows: o.rows, cwd: o.cwd, env });
    this.log = new OutputLog(o.cols, o.rows);
    this.recorder = o.recordings
      ? new Recorder(o.recordings, this.id, o, { SHELL: o.host.spawn.file, TERM: 'xterm-256color' }, () => this.#secrets)
      : null;
    this.#flow = new FlowControl(
      {
        pause: () => this.pty.pause(),
        resume: () => {
          if (!this.ended) this.pty.resume();
        },
      },
      () => this.#sink?.bufferedAmount() ?? 0,
    );
    this.#marked = new MarkedExec(this, (data) => this.#show(data));
    this.pty.onData((data) => this.#output(data));
    this.pty.onExit(({ exitCode }) => this.#ended(exitCode));
  }

  #output(data: string): void {
    const shown = this.#marked.take(data);
    if (shown) this.#show(shown);
  }

  /** What the user sees: the browser, the log (replayed on reconnect) and the recording. */
  #show(data: string): void {
    this.log.write(data);
    this.recorder?.output(data);
    if (this.#sink) {
      this.#sink.output(data);
      this.#flow.sent(data.length);
    } else this.#flow.check();
  }

  get paused(): boolean {
    return this.#flow.paused;
  }

  /** Flow control: the browser wrote this many more characters to its screen. */
  ack(chars: number): void {
    this.#flow.ack(chars);
  }

  /**
   * Types into the terminal. Returns false, typing nothing, when more than MAX_INPUT_BACKLOG bytes
   * already wait for a terminal that reads nothing; an interrupt (Ctrl-C) always goes, and first.
   */
  input(data: string): boolean {
    if (this.ended) return true; // the terminal is gone; writing would only fail (EBADF)
    if (data.includes(INTERRUPT)) dropBacklog(this.pty);
    else if (backlog(this.pty) + Buffer.byteLength(data) > MAX_INPUT_BACKLOG) return false;
    this.pty.write(data);
    return true;
  }

  resize(cols: number, rows: number): void {
    if (this.ended) return;
    try {
      this.pty.resize(cols, rows);
    } catch {
      return; // the terminal closed before its exit was reported (EBADF): nothing to resize
    }
    this.log.resize(cols, rows);
    this.recorder?.resize(cols, rows);
  }

  /** The screen and scrollback as escape sequences, from everything shown so far. */
  serialize(): Promise<string> {
    return replayScreen(this.log);
  }

  /** The line the cursor is on, e.g. to see that ssh is asking for a password, or a prompt. */
  cursor(): CursorLine {
    return cursorLine(this.log.tail(), this.log.size.cols);
  }

  /** Attaches a browser; the caller sends `serialize()` first. Output counts towards flow control. */
  attach(sink: Sink): void {
    if (this.#grace) clearTimeout(this.#grace);
    this.#grace = null;
    const old = this.#sink;
    this.#sink = sink;
    this.#flow.reset();
    old?.replaced();
  }

  /** Counts the replayed screen as unacknowledged output, like any other output. */
  countSent(chars: number): void {
    this.#flow.sent(chars);
  }

  /** The browser went away: keep the session for `graceMs`, then end it. */
  detach(sink: Sink, graceMs: number): void {
    if (this.#sink !== sink) return;
    this.#sink = null;
    this.#flow.reset();
    this.#flow.check();
    if (this.ended) return;
    this.#grace = setTimeout(() => this.destroy(), graceMs);
  }

  get attached(): boolean {
    return this.#sink !== null;
  }

  get secrets(): readonly string[] {
    return this.#secrets;
  }

  /** Redacts `value` from what is written from now on; false when MAX_SECRETS are marked already. */
  markSecret(value: string): boolean {
    if (this.#secrets.includes(value)) return true;
    if (this.#secrets.length >= MAX_SECRETS) return false;
    this.#secrets.push(value);
    return true;
  }

  /** Types a marked line running `command` and waits for its end mark (see marked-exec.ts). */
  exec(command: string, opts: ExecOptions): Promise<ExecResult> {
    return this.#marked.exec(command, opts);
  }

  #ended(exitCode: number): void {
    if (this.ended) return;
    this.ended = true;
    this.exitCode = exitCode;
    this.#flow.stop();
    if (this.#grace) clearTimeout(this.#grace);
    killSessionProcesses(this.pty.pid);
    this.recorder?.close();
    this.#sink?.exit(exitCode);
    this.#onEnd(this);
  }

  /** Ends the session: every process of the terminal's session gets SIGHUP, then SIGKILL. */
  destroy(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        done.dispose();
        clearTimeout(force);
        clearTimeout(giveUp);
        resolve();
      };
      const done = this.pty.onExit(finish);
      killSessionProcesses(this.pty.pid, 'SIGHUP');
      const force = setTimeout(() => {
        killSessionProcesses(this.pty.pid, 'SIGKILL');
        try {
          this.pty.kill('SIGKILL');
        } catch {}
      }, 1000);
      // A process stuck in the kernel (D state) ignores even SIGKILL: don't hang the shutdown on it.
      const giveUp = setTimeout(finish, 5000);
    });
  }
}

/** The environment for the shell: the server's own, minus variables that would confuse it. */
function cleanEnv(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !/^(VITEST|NODE_OPTIONS$|npm_)/.test(k)) out[k] = v;
  return out;
}
