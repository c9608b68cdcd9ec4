// One terminal session: a PTY running the user's shell (or ssh), a mirror of its screen (replayed
// on reconnect, as VS Code does; see screen-mirror.ts), a recording, flow control towards the attached
// browser, and the process-group cleanup when the session ends.
import { readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as pty from 'node-pty';
import { ScreenMirror } from './screen-mirror.ts';
import { Recorder } from './recording.ts';
import { MarkWatcher, markedCommand, newNonce } from './shell-marks.ts';
import { EchoHold } from './echo-hold.ts';
import { backlog, dropBacklog } from './pty-input.ts';
import type { ResolvedHost } from './hosts.ts';
import type { Env } from './paths.ts';

// VS Code's numbers: pause the PTY above 100 000 unacknowledged characters, resume below 5 000.
export const HIGH_WATER = 100_000;
export const LOW_WATER = 5_000;
const SOCKET_HIGH = 1 << 20;
const SOCKET_LOW = 64 << 10;
/** Input waiting for a terminal that reads nothing, at most (a paste of 1 MiB still goes). */
export const MAX_INPUT_BACKLOG = 1 << 20;
const INTERRUPT = '\x03';
/** How long a run waits for the shell to show a prompt before typing anyway. */
const PROMPT_WAIT_MS = 5_000;
/** How long the echo of a typed line is held back at most, waiting for the wrapper's P mark. */
const HOLD_MS = 5_000;

/** Where output goes while a browser is attached. */
export interface Sink {
  output(data: string): void;
  bufferedAmount(): number;
  exit(code: number | null): void;
  /** Another connection resumed this session. */
  replaced(): void;
}

export interface ExecResult {
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  /** The C mark came: the command started (false when sudo refused to run it). */
  started: boolean;
  /** From the command's start (or from typing, if it never started). */
  durationMs: number;
}

/** How long a sudo password prompt may wait for the person (Debian's sudo itself waits forever). */
export const SUDO_WAIT_MS = 5 * 60_000;

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
  distro: 'el' | 'ubuntu' | null = null;
  uid: number | null = null;
  /** The login name the shell runs as, from the distro probe: what a confirmation names. */
  user: string | null = null;
  /** A step (or the distro probe) is running: one at a time per terminal. */
  busy = false;
  ended = false;
  exitCode: number | null = null;

  readonly mirror: ScreenMirror;
  #sink: Sink | null = null;
  #watchers = new Set<MarkWatcher>();
  #unacked = 0;
  #paused = false;
  #poll: NodeJS.Timeout | null = null;
  #grace: NodeJS.Timeout | null = null;
  #onEnd: (s: Session) => void;
  #hold: EchoHold | null = null;

  constructor(o: SessionOptions) {
    this.host = o.host;
    this.#onEnd = o.onEnd;
    const env = { ...cleanEnv(o.env), TERM: 'xterm-256color', COLORTERM: 'truecolor' };
    this.pty = pty.spawn(o.host.spawn.file, o.host.spawn.args, { name: 'xterm-256color', cols: o.cols, rows: o.rows, cwd: o.cwd, env });
    this.mirror = new ScreenMirror(o.cols, o.rows);
    this.recorder = o.recordings
      ? new Recorder(o.recordings, this.id, o.cols, o.rows, { SHELL: o.host.spawn.file, TERM: 'xterm-256color' })
      : null;
    this.pty.onData((data) => this.#output(data));
    this.pty.onExit(({ exitCode }) => this.#ended(exitCode));
  }

  #output(data: string): void {
    for (const w of this.#watchers) w.feed(data);
    if (this.#hold) {
      data = this.#hold.take(data);
      if (this.#hold.done) this.#hold = null;
      if (data) this.#show(data);
    } else this.#show(data);
  }

  /** What the user sees: the browser, the mirror (replayed on reconnect) and the recording. */
  #show(data: string): void {
    this.mirror.write(data);
    this.recorder?.output(data);
    if (this.#sink) {
      this.#unacked += data.length;
      this.#sink.output(data);
    }
    this.#flow();
  }

  /**
   * Pauses or resumes the PTY from the two back-pressure signals (browser, socket). The mirror
   * needs none: its backlog is bounded (it drops the oldest unparsed output).
   */
  #flow(): void {
    const buffered = this.#sink?.bufferedAmount() ?? 0;
    if (!this.#paused) {
      if (this.#unacked > HIGH_WATER || buffered > SOCKET_HIGH) {
        this.#paused = true;
        this.pty.pause();
        // The socket's buffer drains without an event to hook: look again while paused.
        this.#poll = setInterval(() => this.#flow(), 50);
      }
    } else if (this.#unacked < LOW_WATER && buffered < SOCKET_LOW) {
      this.#paused = false;
      if (this.#poll) clearInterval(this.#poll);
      this.#poll = null;
      if (!this.ended) this.pty.resume();
    }
  }

  get paused(): boolean {
    return this.#paused;
  }

  ack(chars: number): void {
    this.#unacked = Math.max(0, this.#unacked - chars);
    this.#flow();
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
    this.mirror.resize(cols, rows);
    this.recorder?.resize(cols, rows);
  }

  /** The screen and scrollback as escape sequences, once everything received so far is parsed. */
  serialize(): Promise<string> {
    return this.mirror.serialize();
  }

  /** The visible screen as plain text lines, once everything received so far is parsed. */
  async screenLines(): Promise<string[]> {
    await this.mirror.settled();
    const t = this.mirror.term;
    const b = t.buffer.active;
    const lines: string[] = [];
    for (let i = b.viewportY; i < b.viewportY + t.rows; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
    return lines;
  }

  /**
   * The line the cursor is on, e.g. to see that ssh is asking for a password. Synchronous, so it
   * reads the mirror as parsed: output is parsed within a few tens of ms once the terminal is quiet.
   */
  cursorLine(): string {
    const b = this.mirror.term.buffer.active;
    return b.getLine(b.baseY + b.cursorY)?.translateToString(true) ?? '';
  }

  /** Attaches a browser; the caller sends `serialize()` first. Output counts towards flow control. */
  attach(sink: Sink): void {
    if (this.#grace) clearTimeout(this.#grace);
    this.#grace = null;
    const old = this.#sink;
    this.#sink = sink;
    this.#unacked = 0;
    old?.replaced();
  }

  /** Counts the replayed screen as unacknowledged output, like any other output. */
  countSent(chars: number): void {
    this.#unacked += chars;
    this.#flow();
  }

  /** The browser went away: keep the session for `graceMs`, then end it. */
  detach(sink: Sink, graceMs: number): void {
    if (this.#sink !== sink) return;
    this.#sink = null;
    this.#unacked = 0;
    this.#flow();
    if (this.ended) return;
    this.#grace = setTimeout(() => this.destroy(), graceMs);
  }

  get attached(): boolean {
    return this.#sink !== null;
  }

  /** Types a marked line running `command` and waits for its end mark (see shell-marks.ts). */
  async exec(command: string, opts: { timeoutMs: number; sudo?: boolean; label?: string }): Promise<ExecResult> {
    await this.#prompt();
    const nonce = newNonce();
    const { line, payload } = markedCommand(command, nonce, { sudo: opts.sudo, label: opts.label });
    const w = new MarkWatcher(nonce, payload === null ? null : () => this.input(payload));
    this.#watchers.add(w);
    const hold = new EchoHold(nonce, line);
    const t0 = performance.now();
    return new Promise((resolve) => {
      const finish = (timedOut: boolean) => {
        clearTimeout(timer);
        clearInterval(check);
        this.#releaseHold(hold);
        this.#watchers.delete(w);
        const durationMs = Math.round(performance.now() - (w.startedAt ?? t0));
        resolve({ exitCode: w.exitCode, output: w.output, timedOut, started: w.started, durationMs });
      };
      // Interrupt the command, as a person would; its late end mark is then ignored.
      const interrupt = () => {
        this.input('\x03');
        finish(true);
      };
      // The step's timeout is for the command: a person typing sudo's password is not counted.
      let timer = setTimeout(interrupt, opts.sudo ? SUDO_WAIT_MS : opts.timeoutMs);
      let counting = !opts.sudo;
      const check = setInterval(() => {
        if (w.done || this.ended) return finish(false);
        if (!counting && w.startedAt !== null) {
          counting = true;
          clearTimeout(timer);
          timer = setTimeout(interrupt, opts.timeoutMs - (performance.now() - w.startedAt));
        }
        if (!hold.done && performance.now() - t0 > HOLD_MS) this.#releaseHold(hold);
      }, 20);
      // Everything the terminal shows from now until the P mark is the echo of `line`: held back.
      this.#hold = hold;
      this.input(line);
    });
  }

  /** Stops holding output back for `hold` and shows what it held (nothing once its mark came). */
  #releaseHold(hold: EchoHold): void {
    if (this.#hold === hold) this.#hold = null;
    if (hold.done) return;
    const held = hold.release();
    if (held) this.#show(held);
  }

  /**
   * Waits (a while) until the cursor sits right after a prompt, as parsed by the mirror: a line
   * typed before the shell reads its input would be echoed twice (by the terminal, then by the
   * shell). Right after a previous step's end mark the shell has not drawn its prompt yet either.
   */
  async #prompt(): Promise<void> {
    const b = this.mirror.term.buffer.active;
    const until = performance.now() + PROMPT_WAIT_MS;
    for (let first = true; !this.ended && performance.now() < until; first = false) {
      if (!first) await new Promise((ok) => setTimeout(ok, 50));
      await this.mirror.settled();
      const beforeCursor = (b.getLine(b.baseY + b.cursorY)?.translateToString(false) ?? '').slice(0, b.cursorX);
      if (/[$#%>❯] $/.test(beforeCursor)) return;
    }
  }

  #ended(exitCode: number): void {
    if (this.ended) return;
    this.ended = true;
    this.exitCode = exitCode;
    if (this.#poll) clearInterval(this.#poll);
    if (this.#grace) clearTimeout(this.#grace);
    killSessionProcesses(this.pty.pid);
    this.recorder?.close();
    // The mirror parses the last output, then goes.
    this.mirror.dispose();
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

/**
 * Signals every process whose session id is the PTY's leader: job-control shells put each job in
 * its own process group, so killing the leader's group alone would leave them running.
 */
export function killSessionProcesses(sid: number, signal: NodeJS.Signals = 'SIGKILL'): number {
  let n = 0;
  for (const pid of sessionMembers(sid)) {
    try {
      process.kill(pid, signal);
      n++;
    } catch {}
  }
  return n;
}

/** Live processes of the terminal session `sid`. */
export function sessionMembers(sid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Zombies are already dead; their reaping is their new parent's business.
      if (Number(fields[3]) === sid && fields[0] !== 'Z') out.push(Number(name));
    } catch {}
  }
  return out;
}

/** The environment for the shell: the server's own, minus variables that would confuse it. */
function cleanEnv(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !/^(VITEST|NODE_OPTIONS$|npm_)/.test(k)) out[k] = v;
  return out;
}
