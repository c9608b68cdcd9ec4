// Running a command in a session's terminal as the user would: wait for a prompt, type the marked
// line of shell-marks.ts, hand it its payload at the P mark, and read the exit code and output
// between the C and D marks. From typing until the P mark the line's echo is held back (EchoHold),
// so the user sees a label, never the wrapper.
import { EchoHold } from './echo-hold.ts';
import { MarkWatcher, markedCommand, newNonce } from './shell-marks.ts';
import type { CursorLine } from './cursor-line.ts';

/** How long a run waits for the shell to show a prompt before typing anyway. */
const PROMPT_WAIT_MS = 5_000;
/** How long the echo of a typed line is held back at most, waiting for the wrapper's P mark. */
const HOLD_MS = 5_000;
/** How long a sudo password prompt may wait for the person (Debian's sudo itself waits forever). */
export const SUDO_WAIT_MS = 5 * 60_000;

export interface ExecResult {
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  /** The C mark came: the command started (false when sudo refused to run it). */
  started: boolean;
  /** From the command's start (or from typing, if it never started). */
  durationMs: number;
}

export interface ExecOptions {
  timeoutMs: number;
  sudo?: boolean;
  label?: string;
}

/** The terminal a command is typed into: its session. */
export interface ExecTerminal {
  readonly ended: boolean;
  cursor(): CursorLine;
  input(data: string): boolean;
}

export class MarkedExec {
  #term: ExecTerminal;
  #show: (data: string) => void;
  #watchers = new Set<MarkWatcher>();
  #hold: EchoHold | null = null;

  /** `show`: shows output to the user (browser, log, recording), for what a hold lets go. */
  constructor(term: ExecTerminal, show: (data: string) => void) {
    this.#term = term;
    this.#show = show;
  }

  /** Every chunk of the terminal's output passes here first; returns what may be shown now. */
  take(data: string): string {
    for (const w of this.#watchers) w.feed(data);
    if (!this.#hold) return data;
    const shown = this.#hold.take(data);
    if (this.#hold.done) this.#hold = null;
    return shown;
  }

  /** Types a marked line running `command` and waits for its end mark (see shell-marks.ts). */
  async exec(command: string, opts: ExecOptions): Promise<ExecResult> {
    const term = this.#term;
    await this.#prompt();
    const nonce = newNonce();
    const { line, payload } = markedCommand(command, nonce, { sudo: opts.sudo, label: opts.label });
    const w = new MarkWatcher(nonce, payload === null ? null : () => term.input(payload));
    this.#watchers.add(w);
    const hold = new EchoHold(nonce, line);
    const t0 = performance.now();
    return new Promise((resolve) => {
      const finish = (timedOut: boolean) => {
        clearTimeout(timer);
        clearInterval(check);
        this.#release(hold);
        this.#watchers.delete(w);
        const durationMs = Math.round(performance.now() - (w.startedAt ?? t0));
        resolve({ exitCode: w.exitCode, output: w.output, timedOut, started: w.started, durationMs });
      };
      // Interrupt the command, as a person would; its late end mark is then ignored.
      const interrupt = () => {
        term.input('\x03');
        finish(true);
      };
      // The step's timeout is for the command: a person typing sudo's password is not counted.
      let timer = setTimeout(interrupt, opts.sudo ? SUDO_WAIT_MS : opts.timeoutMs);
      let counting = !opts.sudo;
      const check = setInterval(() => {
        if (w.done || term.ended) return finish(false);
        if (!counting && w.startedAt !== null) {
          counting = true;
          clearTimeout(timer);
          timer = setTimeout(interrupt, opts.timeoutMs - (performance.now() - w.startedAt));
        }
        if (!hold.done && performance.now() - t0 > HOLD_MS) this.#release(hold);
      }, 20);
      // Everything the terminal shows from now until the P mark is the echo of `line`: held back.
      this.#hold = hold;
      term.input(line);
    });
  }

  /** Stops holding output back for `hold` and shows what it held (nothing once its mark came). */
  #release(hold: EchoHold): void {
    if (this.#hold === hold) this.#hold = null;
    if (hold.done) return;
    const held = hold.release();
    if (held) this.#show(held);
  }

  /**
   * Waits (a while) until the cursor sits right after a prompt (cursor-line.ts): a line
   * typed before the shell reads its input would be echoed twice (by the terminal, then by the
   * shell). Right after a previous step's end mark the shell has not drawn its prompt yet either.
   */
  async #prompt(): Promise<void> {
    const until = performance.now() + PROMPT_WAIT_MS;
    for (let first = true; !this.#term.ended && performance.now() < until; first = false) {
      if (!first) await new Promise((ok) => setTimeout(ok, 50));
      if (/[$#%>❯] $/.test(this.#term.cursor().beforeCursor)) return;
    }
  }
}
