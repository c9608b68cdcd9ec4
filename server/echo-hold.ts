// The echo of the runner's typed line, taken out of what the user sees (see shell-marks.ts): from
// the moment a marked line is typed until the wrapper's P mark, the session holds the terminal's
// output back (EchoHold), then shows it without that line's echo (withoutEcho).
import { ANSI, payloadMark } from './shell-marks.ts';

/** Held output beyond this is released: whatever is printing that much is not an echo. */
const MAX_HOLD = 64 << 10;

/**
 * Holds back terminal output from the moment a marked line is typed until the wrapper's P mark, and
 * takes the echo of that line out of it: the user must never see the wrapper. Only the echo goes;
 * anything else printed meanwhile (a command the user typed, a prompt drawn late) is kept. `take`
 * returns what may be shown now; `release` gives up waiting (no mark came in time: the line went to
 * a program, not a shell) and returns what was held, still without the echo.
 */
export class EchoHold {
  #mark: string;
  #typed: string;
  #held = '';
  done = false;

  constructor(nonce: string, typed: string) {
    this.#mark = payloadMark(nonce);
    this.#typed = typed;
  }

  take(chunk: string): string {
    if (this.done) return chunk;
    this.#held += chunk;
    const i = this.#held.indexOf(this.#mark);
    if (i >= 0) {
      const shown = withoutEcho(this.#held.slice(0, i), this.#typed) + this.#held.slice(i + this.#mark.length);
      this.#held = '';
      this.done = true;
      return shown;
    }
    return this.#held.length > MAX_HOLD ? this.release() : '';
  }

  release(): string {
    const held = withoutEcho(this.#held, this.#typed);
    this.#held = '';
    this.done = true;
    return held;
  }
}

const visible = (ch: string) => ch > ' ' && ch !== '\x7f';
const SEQUENCE = new RegExp(ANSI.source, 'y');
/** How a terminal echoes Ctrl-E Ctrl-U typed before the shell reads them (stty echoctl). */
const CTL_ECHO = '^E^U';

/**
 * `raw` without each echo of `typed`: the typed line's visible characters in order, with whatever
 * escape sequences and line breaks the shell put between them (wrapping at the right margin), and
 * the line break after it. Anything else in `raw` stays.
 */
export function withoutEcho(raw: string, typed: string): string {
  const want = [...typed].filter(visible).join('');
  if (!want) return raw;
  const lead = /^[\x00-\x1f]* */.exec(typed)![0].replace(/[^ ]/g, '').length;
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < raw.length; ) {
    SEQUENCE.lastIndex = i;
    const m = SEQUENCE.exec(raw);
    if (m && m[0].length > 0) {
      i += m[0].length;
      continue;
    }
    if (visible(raw[i]!)) {
      text += raw[i];
      at.push(i);
    }
    i++;
  }
  let out = '';
  let from = 0;
  for (let k = text.indexOf(want); k >= 0; k = text.indexOf(want, k + want.length)) {
    let start = at[k]!;
    // Before it: the line's leading spaces, and the bell of Ctrl-E or Ctrl-U on an empty line.
    for (let spaces = lead; start > from; ) {
      if (raw[start - 1] === '\x07') start--;
      else if (raw[start - 1] === ' ' && spaces > 0) {
        start--;
        spaces--;
      } else break;
    }
    if (raw.slice(start - CTL_ECHO.length, start) === CTL_ECHO) start -= CTL_ECHO.length;
    let end = at[k + want.length - 1]! + 1;
    // The line break the shell printed after the Enter, with the sequences around it.
    for (let newline = false; end < raw.length; ) {
      SEQUENCE.lastIndex = end;
      const m = raw[end] === '\r' ? null : SEQUENCE.exec(raw);
      if (raw[end] === '\r') end++;
      else if (raw[end] === '\n' && !newline) {
        newline = true;
        end++;
      } else if (m && m[0].length > 0 && !m[0].startsWith('\x1b]')) end += m[0].length;
      else break;
    }
    out += raw.slice(from, start);
    from = end;
  }
  return out + raw.slice(from);
}
