// Shell integration without touching the user's shell config: to run a command, the runner types
// ONE line into the session's terminal that prints an OSC 133 "C" mark, runs the command in a child
// bash, then prints a "D" mark with the exit code. The marks are invisible to a terminal; the
// runner reads the step's exit code and output (what lies between C and D) from the PTY's output.
//
// Why this shape:
// - `sh -c '…'` around everything: the line works at a bash, zsh, fish or csh prompt alike.
// - The command travels base64-encoded and runs in `bash -c`: no quoting issue, and its `exit`
//   (or `set -e`, `cd`, variables) ends the child, never the user's shell.
// - The echo of the typed line shows `\033]133;…` as literal text; only the real printf output
//   contains the ESC byte, so an echo is never taken for a mark. A fresh nonce per run means a
//   stale or foreign mark (a previous run, a `cat` of a recording) is never mistaken for this run's.
// - A leading space keeps the line out of bash history (HISTCONTROL=ignorespace/ignoreboth).
// - Ctrl-E Ctrl-U first clears whatever the user had half-typed at the prompt.
// - At an idle prompt, the first printf erases the line's echo (cursor up over the rows it took)
//   and prints a short dimmed label instead; elsewhere the echo stays, which is only noisy.
import { randomBytes } from 'node:crypto';

export const CLEAR_LINE = '\x05\x15';

export function newNonce(): string {
  return randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
}

export interface LineOptions {
  sudo?: boolean;
  /** Shown (dimmed) in place of the typed line, e.g. "runguide: cpanel-backup-freeze/tmp-loop". */
  label?: string;
  /**
   * Where the prompt ends (its column) and the terminal's width, when the cursor sits at an idle
   * prompt: the line's echo (three rows of base64) is then erased and replaced by the label.
   */
  prompt?: { col: number; cols: number; rows: number };
}

const LABEL_CHARS = /^[A-Za-z0-9 .,:/()_-]*$/;

/** The line to type (with its Enter) that runs `command` between marks. */
export function markedLine(command: string, nonce: string, opts: LineOptions = {}): string {
  const b64 = Buffer.from(command, 'utf8').toString('base64');
  const run = `${opts.sudo ? 'sudo -- ' : ''}bash -c "$(printf %s ${b64} | base64 -d)"`;
  const label = opts.label && LABEL_CHARS.test(opts.label) ? opts.label : 'runguide';
  const build = (erase: string) =>
    ` sh -c 'printf "${erase}\\033[2m%s\\033[0m\\n\\033]133;C;%s\\007" "${label}" ${nonce}; ${run}; printf "\\033]133;D;%s;%s\\007" $? ${nonce}'`;
  let line = build('');
  if (opts.prompt) {
    // After Enter the cursor is on the row below the echo; the echo took ceil((col + length) / cols)
    // rows. The erase sequence is part of the line, so its length depends on itself: iterate.
    const { col, cols, rows } = opts.prompt;
    for (let i = 0; i < 3; i++) {
      const up = Math.ceil((col + line.length) / cols);
      // An echo taller than the screen scrolled the prompt away: leave it be.
      line = build(up < rows ? `\\033[${up}A\\033[${col + 1}G\\033[J` : '');
    }
  }
  return `${CLEAR_LINE}${line}\r`;
}

const ANSI = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[P^_][^\x1b]*\x1b\\|\x1b\[[0-?]*[ -\/]*[@-~]|\x1b[ -\/]*[0-~]|[\x00-\x08\x0b-\x1f\x7f]/g;

/** Terminal output as plain text: escape sequences and control characters gone, CRLF → LF. */
export function plainText(s: string): string {
  return s.replace(/\r+\n/g, '\n').replace(ANSI, '');
}

const MAX_CAPTURE = 1 << 20;

/**
 * Watches PTY output for one run's marks. `feed` every chunk; `done` turns true once the D mark
 * arrived, with `exitCode` and the raw `output` between the marks (capped at 1 MiB, head kept).
 */
export class MarkWatcher {
  readonly nonce: string;
  started = false;
  done = false;
  exitCode: number | null = null;
  output = '';
  #buf = '';
  #start: string;
  #end: RegExp;

  constructor(nonce: string) {
    this.nonce = nonce;
    this.#start = `\x1b]133;C;${nonce}\x07`;
    this.#end = new RegExp(`\\x1b\\]133;D;(\\d+);${nonce}\\x07`);
  }

  feed(chunk: string): void {
    if (this.done) return;
    this.#buf += chunk;
    if (!this.started) {
      const i = this.#buf.indexOf(this.#start);
      if (i < 0) {
        // Keep only a tail long enough to hold a split mark.
        this.#buf = this.#buf.slice(-this.#start.length);
        return;
      }
      this.started = true;
      this.#buf = this.#buf.slice(i + this.#start.length);
    }
    const m = this.#end.exec(this.#buf);
    if (m) {
      this.done = true;
      this.exitCode = Number(m[1]);
      this.output += this.#buf.slice(0, m.index);
      this.#buf = '';
      return;
    }
    // Move all but a possible partial end mark into the output.
    const keep = 64;
    if (this.#buf.length > keep) {
      if (this.output.length < MAX_CAPTURE) this.output += this.#buf.slice(0, -keep);
      this.#buf = this.#buf.slice(-keep);
    }
  }
}
