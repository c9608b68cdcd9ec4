// Shell integration without touching the user's shell config: to run a command, the runner types
// ONE short line into the session's terminal. That line turns echo off, prints a "P" mark asking
// for the payload, reads the command (base64, one line, invisible since echo is off), restores the
// terminal, prints a "C" mark, runs the command in a child bash, then prints a "D" mark with the
// exit code. The marks are OSC 133 sequences, invisible in a terminal; the runner reads the step's
// exit code and output (what lies between C and D) from the PTY's output.
//
// Why this shape:
// - `sh -c '…'` around everything: the line works at a bash, zsh, fish or csh prompt alike.
// - The command travels base64-encoded and runs in `bash -c`: no quoting issue, and its `exit`
//   (or `set -e`, `cd`, variables) ends the child, never the user's shell.
// - The payload is sent only once the P mark shows that echo is off: the user never sees pages of
//   base64, and the typed line is short enough to be erased (below) and replaced by a label.
//   Commands whose base64 would not fit a terminal line (4 KiB) travel inline in the typed line.
// - The echo of the typed line shows `\033]133;…` as literal text; only the real printf output
//   contains the ESC byte, so an echo is never taken for a mark. A fresh nonce per run means a
//   stale or foreign mark (a previous run, a `cat` of a recording) is never mistaken for this run's.
// - `trap : INT`: Ctrl-C ends the step (whose exit code is then 130) but not the wrapper, so the
//   D mark still comes and echo is restored.
// - A leading space keeps the line out of bash history (HISTCONTROL=ignorespace/ignoreboth).
// - Ctrl-E Ctrl-U first clears whatever the user had half-typed at the prompt.
// - The wrapper's first output is the P mark (inline commands print it too, without reading): the
//   session holds back everything the terminal shows from the moment it types the line until that
//   mark (EchoHold, in echo-hold.ts), so the echo of the line never reaches the screen, the output
//   log or the recording.
//   The dimmed label then follows the prompt, as if the user had typed it.
import { randomBytes } from 'node:crypto';

export const CLEAR_LINE = '\x05\x15';
/** A canonical-mode terminal line holds 4095 characters; keep a margin. */
const MAX_PAYLOAD = 3500;
/** Exit code reported when the payload never arrived (the step did not run). */
export const NO_PAYLOAD_EXIT = 125;

/** The P mark of run `nonce`: the wrapper asks for its payload, echo is off from here. */
export const payloadMark = (nonce: string): string => `\x1b]133;P;${nonce}\x07`;

export function newNonce(): string {
  return randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
}

export interface LineOptions {
  sudo?: boolean;
  /** Shown (dimmed) in place of the typed line, e.g. "runguide: cpanel-backup-freeze/tmp-loop". */
  label?: string;
}

const LABEL_CHARS = /^[A-Za-z0-9 .,:/()_-]*$/;

export interface MarkedCommand {
  /** The line to type, Enter included. */
  line: string;
  /** What to type once the P mark arrived (null: the command is inline in `line`). */
  payload: string | null;
}

/** The line to type that runs `command` between marks, and the payload it will ask for. */
export function markedCommand(command: string, nonce: string, opts: LineOptions = {}): MarkedCommand {
  // Under sudo the C mark is printed by the root shell itself, as the command's first line: sudo's
  // lecture and password prompt stay out of the captured output, and a D mark without a C mark
  // means sudo never started the command (refused, wrong password, Ctrl-C at its prompt). sudo's
  // exit status alone can't say that: 1 is also a check's "fail".
  const script = opts.sudo ? `printf '\\033]133;C;%s\\007' ${nonce}\n${command}` : command;
  const b64 = Buffer.from(script, 'utf8').toString('base64');
  const inline = b64.length > MAX_PAYLOAD;
  const label = opts.label && LABEL_CHARS.test(opts.label) ? opts.label : 'runguide';
  const bash = `${opts.sudo ? 'sudo -- ' : ''}bash -c`;
  const run = inline
    ? `${bash} "$(printf %s ${b64} | base64 -d)"; r=$?`
    : `r=${NO_PAYLOAD_EXIT}; [ -n "$p" ] && { ${bash} "$(printf %s "$p" | base64 -d)"; r=$?; }`;
  // The payload starts with this run's nonce, and anything else read here is dropped (then nothing
  // runs, exit NO_PAYLOAD_EXIT): a line typed for another run can never be taken for this one's.
  // Inline commands print the P mark too: it ends the session's echo hold.
  const read = inline
    ? `printf "\\033]133;P;%s\\007" ${nonce}; `
    : `s=$(stty -g); stty -echo; printf "\\033]133;P;%s\\007" ${nonce}; IFS= read -r p; stty "$s"; case "$p" in ${nonce}:*) p=\${p#${nonce}:} ;; *) p= ;; esac; `;
  // Without sudo, the wrapper prints the C mark right after the label.
  const [cFormat, cArg] = opts.sudo ? ['', ''] : ['\\033]133;C;%s\\007', ` ${nonce}`];
  const line = ` sh -c 'trap : INT; ${read}printf "\\033[2m%s\\033[0m\\n${cFormat}" "${label}"${cArg}; ${run}; printf "\\033]133;D;%s;%s\\007" $r ${nonce}'`;
  return { line: `${CLEAR_LINE}${line}\r`, payload: inline ? null : `${nonce}:${b64}\r` };
}

/** An escape sequence or a control character (CR and LF aside), as a terminal's output has them. */
export const ANSI =
  /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[P^_][^\x1b]*\x1b\\|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-~]|[\x00-\x08\x0b-\x1f\x7f]/g;

/** The last non-empty line of a step's output, cut to what a result carries. */
export function lastLine(text: string): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1) ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** Terminal output as plain text: escape sequences and control characters gone, CRLF → LF. */
export function plainText(s: string): string {
  return s.replace(/\r+\n/g, '\n').replace(ANSI, '');
}

const MAX_CAPTURE = 1 << 20;

/**
 * Watches PTY output for one run's marks. `feed` every chunk; `onPayload` is called when the P mark
 * arrives; `done` turns true once the D mark arrived, with `exitCode` and the raw `output` between
 * C and D (capped at 1 MiB, head kept). `started` stays false if D came without C.
 */
export class MarkWatcher {
  readonly nonce: string;
  started = false;
  /** performance.now() when the C mark arrived. */
  startedAt: number | null = null;
  done = false;
  exitCode: number | null = null;
  output = '';
  #buf = '';
  #ask: string;
  #start: string;
  #end: RegExp;
  #onPayload: (() => void) | null;

  constructor(nonce: string, onPayload: (() => void) | null = null) {
    this.nonce = nonce;
    this.#ask = payloadMark(nonce);
    this.#start = `\x1b]133;C;${nonce}\x07`;
    this.#end = new RegExp(`\\x1b\\]133;D;(\\d+);${nonce}\\x07`);
    this.#onPayload = onPayload;
  }

  feed(chunk: string): void {
    if (this.done) return;
    this.#buf += chunk;
    if (!this.started) {
      if (this.#onPayload) {
        const a = this.#buf.indexOf(this.#ask);
        if (a >= 0) {
          const send = this.#onPayload;
          this.#onPayload = null;
          this.#buf = this.#buf.slice(a + this.#ask.length);
          send();
        }
      }
      const i = this.#buf.indexOf(this.#start);
      if (i < 0) {
        // D without C: the command never started (under sudo: sudo did not run it).
        const m = this.#end.exec(this.#buf);
        if (m) {
          this.done = true;
          this.exitCode = Number(m[1]);
          this.#buf = '';
          return;
        }
        // Keep only a tail long enough to hold a split mark.
        this.#buf = this.#buf.slice(-64);
        return;
      }
      this.started = true;
      this.startedAt = performance.now();
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
