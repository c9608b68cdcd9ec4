// Redaction of a terminal's output as it streams (the recording's: recording.ts). Output comes in
// reads of any size, so a secret can be cut between two of them, and a private key spans many
// lines: redact() (core/redact.ts) is only ever given whole lines, and the incomplete last line is
// held back until its newline comes. Held text goes out early in two cases only:
// - it ends like a shell prompt (`$ `, `# `, `% `, `> `, `❯ `, colour codes after it allowed) and no
//   continuation could change how it redacts (PROBES below, and no marked value begun at its end):
//   the prompt reaches the recording when the shell prints it, not when Enter is pressed;
// - it passed HOLD_LIMIT without a newline (a progress bar, a full-screen program): it is cut at
//   its last blank, where no value (which ends at a blank) can be cut in two.
// Between the BEGIN and the END line of a private key, everything is dropped: one REDACTED stands
// for the block, as redact() does for a whole text.
//
// Terminal escapes are text to redact() like any other: `\e[1mpassword=hunter2\e[0m` is caught,
// and so is a value between colour codes. A value with an escape *inside* it (typed, or printed,
// with colour codes between its characters) is out of scope: nothing reads the text the way the
// screen shows it. So is a line that readline redraws (history, editing keys) rather than echoes.
import { REDACTED, redact } from '../core/redact.ts';

/** Past this many characters without a newline, held text is redacted and written anyway. */
export const HOLD_LIMIT = 8192;
/** A private key with no END line after this much: the rest of the output is not that key. */
export const KEY_LIMIT = 64 << 10;

// The first and last line of a PEM private key, as REDACT_RULES' "private key block" reads them.
const BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/i;
const END = /-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/i;
// A prompt char, at least one blank, then only complete CSI sequences (colour resets, bracketed paste).
const PROMPT_END = /[$#%>❯] +(?:\x1b\[[0-9;?]*[A-Za-z])*$/;
/**
 * Continuations that would extend a match begun before a prompt-like end: a value (`ZZZZ`), a key
 * glued to its value (`=`, `:`), `mysql … -p`, a URL's password (`@`). Held text is let go only if
 * redacting it with each of them gives the same as redacting both apart.
 */
const PROBES = ['ZZZZ', ' ZZZZ', '=ZZZZ', ':ZZZZ', '-pZZZZ', ' -pZZZZ', '@x', 'ZZZZ@x'];

export class RedactingStream {
  #held = '';
  #inKey = false;
  #keyChars = 0;
  #secrets: () => readonly string[];

  /** `secrets`: the values marked secret, read at each write (a value marked later counts from then on). */
  constructor(secrets: () => readonly string[] = () => []) {
    this.#secrets = secrets;
  }

  /** Takes a chunk of output; returns what may be written now, redacted (often ''). */
  push(chunk: string): string {
    this.#held += chunk;
    let out = '';
    const nl = this.#held.lastIndexOf('\n');
    if (nl >= 0) {
      out += this.#lines(this.#held.slice(0, nl + 1));
      this.#held = this.#held.slice(nl + 1);
    }
    if (this.#held.length > HOLD_LIMIT) {
      const blank = this.#held.slice(0, HOLD_LIMIT).search(/\s[^\s]*$/);
      let cut = blank > HOLD_LIMIT / 2 ? blank + 1 : HOLD_LIMIT;
      if (/[\uD800-\uDBFF]/.test(this.#held[cut - 1] ?? '')) cut--; // never half a character
      out += this.#line(this.#held.slice(0, cut));
      this.#held = this.#held.slice(cut);
    } else if (this.#promptEnd()) {
      out += this.#line(this.#held);
      this.#held = '';
    }
    return out;
  }

  /** The end of the output: what is still held, redacted. */
  end(): string {
    const rest = this.#held;
    this.#held = '';
    return rest ? this.#line(rest) : '';
  }

  /** Whole lines: one redact() for the lot, unless a private key begins or goes on in them. */
  #lines(text: string): string {
    if (!this.#inKey && !BEGIN.test(text)) return redact(text, this.#secrets());
    let out = '';
    for (const line of text.split(/(?<=\n)/)) out += this.#line(line);
    return out;
  }

  /** One line (or a piece of one), redacted; the lines of a private key give one REDACTED. */
  #line(line: string): string {
    if (this.#inKey) {
      this.#keyChars += line.length;
      if (END.test(line) || this.#keyChars > KEY_LIMIT) this.#inKey = false;
      return '';
    }
    const begin = BEGIN.exec(line);
    if (begin && !END.test(line.slice(begin.index))) {
      // As redact() does, the line that begins the key goes whole, and so does the one that ends it.
      this.#inKey = true;
      this.#keyChars = 0;
      return REDACTED + (/\r?\n$/.exec(line)?.[0] ?? '');
    }
    return redact(line, this.#secrets());
  }

  /** The held text looks like a prompt, and nothing that can follow it changes how it redacts. */
  #promptEnd(): boolean {
    const held = this.#held;
    if (!held || this.#inKey || !PROMPT_END.test(held.slice(-80))) return false;
    const secrets = this.#secrets();
    for (const s of secrets) for (let k = Math.min(s.length - 1, held.length); k > 0; k--) if (held.endsWith(s.slice(0, k))) return false;
    const alone = redact(held, secrets);
    return PROBES.every((p) => redact(held + p, secrets) === alone + redact(p, secrets));
  }
}
