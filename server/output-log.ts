// What a session showed, kept for two readers: the replay after a reconnect (screen-mirror.ts
// parses it then, and only then) and the line the cursor is on (cursor-line.ts). Output and resizes
// are kept in order, bounded: past MAX_LOG characters the oldest output goes, down to half, cut at a
// line start when one is near.
//
// Why not a parsed screen kept up to date: a headless xterm per session cost about 300 KiB idle and
// most of the runner's CPU during a flood, for a replay that few sessions ever need.
//
// The trade-off: state set inside dropped output is lost, except the private modes (alternate
// screen, cursor keys, cursor visibility, bracketed paste, mouse...) and the scroll region, whose
// last values are looked for in what is dropped (a cheap scan) and replayed first. Colours or a
// character set switched inside the dropped part (and never set again) are not.

/** Output kept at most: a few hundred screenfuls of 80×30, more than the replay's 1000-line scrollback. */
export const MAX_LOG = 256 << 10;
/**
 * Small outputs (a keystroke's echo) are gathered, then joined into one string of up to CHUNK
 * characters: a string each, or a `+` each (a rope node per keystroke), would cost more than the text.
 */
const CHUNK = 4 << 10;
const PIECES = 64;
/** How far past the cut to look for a line start before cutting at an escape sequence's start. */
const CUT_SEARCH = 16 << 10;

// `CSI ? Pm h|l` (private modes) and `CSI Pt ; Pb r` (scroll region).
const MODES = /\x1b\[\?([\d;]+)([hl])|\x1b\[(\d*(?:;\d*)?)r/g;

export interface Size {
  cols: number;
  rows: number;
}

/** What a replay needs: the size the log starts at, then what to write, in order. */
export interface LogSnapshot {
  start: Size;
  items: (string | Size)[];
}

export class OutputLog {
  #start: Size;
  #size: Size;
  #items: (string | Size)[] = [];
  /** The latest small outputs, not joined yet: they follow #items. */
  #pieces: string[] = [];
  #pieceChars = 0;
  /** Characters of output kept, pieces included. */
  #chars = 0;
  /** Last state of each private mode seen in dropped output ('h' or 'l'), and the scroll region. */
  #lostModes = new Map<string, string>();
  #lostRegion: string | null = null;
  #dropped = 0;

  constructor(cols: number, rows: number) {
    this.#start = { cols, rows };
    this.#size = { cols, rows };
  }

  /** The terminal's size now. */
  get size(): Size {
    return this.#size;
  }

  /** Characters of output dropped so far (for tests and diagnostics). */
  get dropped(): number {
    return this.#dropped;
  }

  /** Characters of output kept: at most about MAX_LOG. */
  get kept(): number {
    return this.#chars;
  }

  write(data: string): void {
    if (!data) return;
    this.#chars += data.length;
    if (data.length >= CHUNK) {
      this.#join();
      this.#items.push(data);
    } else {
      this.#pieces.push(data);
      this.#pieceChars += data.length;
      if (this.#pieceChars >= CHUNK) this.#join();
      else if (this.#pieces.length >= PIECES) this.#pieces = [this.#pieces.join('')];
    }
    if (this.#chars > MAX_LOG) this.#trim();
  }

  resize(cols: number, rows: number): void {
    this.#join();
    this.#size = { cols, rows };
    this.#items.push({ cols, rows });
  }

  #join(): void {
    if (this.#pieces.length === 0) return;
    this.#items.push(this.#pieces.join(''));
    this.#pieces = [];
    this.#pieceChars = 0;
  }

  /** The log as a replay writes it; the modes lost with dropped output come first. */
  snapshot(): LogSnapshot {
    this.#join();
    let prefix = '';
    if (this.#lostModes.size || this.#lostRegion !== null) {
      for (const [mode, hl] of this.#lostModes) prefix += `\x1b[?${mode}${hl}`;
      if (this.#lostRegion !== null) prefix += `\x1b[${this.#lostRegion}r`;
    }
    return { start: this.#start, items: prefix ? [prefix, ...this.#items] : [...this.#items] };
  }

  /** About the last `chars` characters of output, from a line start when the log holds more. */
  tail(chars = 4096): string {
    let text = this.#pieces.join('');
    for (let i = this.#items.length - 1; i >= 0 && text.length < chars; i--) {
      const item = this.#items[i];
      if (typeof item === 'string') text = item + text;
    }
    if (text.length <= chars) return text;
    const cut = text.indexOf('\n', text.length - chars);
    return cut < 0 ? text.slice(-chars) : text.slice(cut + 1);
  }

  /** Drops the oldest output down to about MAX_LOG / 2, at a line start if one is near. */
  #trim(): void {
    this.#join();
    let excess = this.#chars - MAX_LOG / 2;
    let i = 0;
    for (; i < this.#items.length; i++) {
      const item = this.#items[i]!;
      // A resize dropped with the output before it: the log now starts at that size.
      if (typeof item !== 'string') this.#start = item;
      else if (item.length > excess) break;
      else {
        this.#lose(item);
        excess -= item.length;
      }
    }
    const head = this.#items[i];
    if (typeof head === 'string') {
      const from = Math.max(0, excess);
      let cut = head.indexOf('\n', from);
      if (cut < 0 || cut - from > CUT_SEARCH) cut = head.indexOf('\x1b', from) - 1;
      if (cut < 0 || cut - from > CUT_SEARCH) cut = from - 1;
      this.#lose(head.slice(0, cut + 1));
      this.#items[i] = head.slice(cut + 1);
    }
    this.#items = this.#items.slice(i);
    this.#chars = 0;
    for (const item of this.#items) if (typeof item === 'string') this.#chars += item.length;
  }

  #lose(text: string): void {
    this.#dropped += text.length;
    // Most floods hold no escape sequence at all: skip the regex then.
    if (text.indexOf('\x1b[') < 0) return;
    MODES.lastIndex = 0;
    for (let m = MODES.exec(text); m; m = MODES.exec(text)) {
      if (m[1] !== undefined) {
        for (const mode of m[1].split(';')) {
          if (!mode) continue;
          this.#lostModes.delete(mode); // re-inserted last: replayed in the order last set
          this.#lostModes.set(mode, m[2]!);
        }
      } else this.#lostRegion = m[3]!;
    }
  }
}
