// The server's copy of a session's screen: a headless xterm (with the serialize addon, as VS Code
// does) that a reconnecting tab gets replayed, and that a step reads to find the prompt.
//
// Parsing every byte costs more CPU than moving it (a `yes` flood: about 60 % of the runner's CPU),
// and during a flood only the last screenfuls matter for a replay. So output is parsed as it comes
// only while it trickles (at most BATCH characters a tick); past that, it is queued until the
// terminal has been quiet for a moment, or someone reads the screen (`settled()`), and the queue
// keeps only its last MAX_BACKLOG characters, cut at a line start.
//
// The trade-off: state set inside dropped output is lost, except the private modes (alternate
// screen, cursor keys, cursor visibility, bracketed paste, mouse...) and the scroll region, whose
// last values are looked for in what is dropped (a cheap scan) and replayed before the rest. Colours
// or a character set switched inside the dropped part (and never set again) are not.
import xtermHeadless from '@xterm/headless';
import xtermSerialize from '@xterm/addon-serialize';

/** Output kept unparsed at most: a few hundred screenfuls of 80×30, more than the 1000-line scrollback. */
export const MAX_BACKLOG = 256 << 10;
/** Parsed as it comes up to this many characters a tick: about 1 MiB/s, a few % of a core. */
const BATCH = 16 << 10;
const TICK_MS = 16;
/**
 * Quiet ticks in a row before a big backlog is parsed: a flood also stops for a moment whenever
 * flow control pauses the PTY, and parsing then would still cost the CPU the flood needs.
 */
const QUIET_TICKS = 4;
/** How far past the cut to look for a line start before cutting at an escape sequence's start. */
const CUT_SEARCH = 16 << 10;

// `CSI ? Pm h|l` (private modes) and `CSI Pt ; Pb r` (scroll region).
const MODES = /\x1b\[\?([\d;]+)([hl])|\x1b\[(\d*(?:;\d*)?)r/g;

type Item = string | { cols: number; rows: number };

export class ScreenMirror {
  readonly term: InstanceType<typeof xtermHeadless.Terminal>;
  #serializer: InstanceType<typeof xtermSerialize.SerializeAddon>;
  #queue: Item[] = [];
  #queued = 0;
  /** Characters handed to xterm and not parsed yet. */
  #parsing = 0;
  /** Output arrived since the last tick. */
  #fresh = false;
  #quietTicks = 0;
  /** Characters received this tick, and whether output is pouring in (queued, not parsed). */
  #tickChars = 0;
  #flooding = false;
  #timer: NodeJS.Timeout | null = null;
  /** Last state of each private mode seen in dropped output ('h' or 'l'), and the scroll region. */
  #lostModes = new Map<string, string>();
  #lostRegion: string | null = null;
  #dropped = 0;
  #disposed = false;

  constructor(cols: number, rows: number) {
    this.term = new xtermHeadless.Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
    this.#serializer = new xtermSerialize.SerializeAddon();
    this.term.loadAddon(this.#serializer as never);
  }

  /** Characters of output dropped unparsed so far (for tests and diagnostics). */
  get dropped(): number {
    return this.#dropped;
  }

  /** Characters waiting to be parsed (queued, or handed to xterm): bounded by about MAX_BACKLOG. */
  get backlog(): number {
    return this.#queued + this.#parsing;
  }

  write(data: string): void {
    if (this.#disposed) return;
    this.#queue.push(data);
    this.#queued += data.length;
    this.#tickChars += data.length;
    this.#fresh = true;
    this.#timer ??= setTimeout(() => this.#tick(), TICK_MS);
    if (!this.#flooding && this.#tickChars <= BATCH) {
      this.#hand();
      return;
    }
    this.#flooding = true;
    if (this.#queued > MAX_BACKLOG) this.#trim();
  }

  /** Resizes in order with the output: what came before is parsed at the old size. */
  resize(cols: number, rows: number): void {
    if (this.#disposed) return;
    this.#queue.push({ cols, rows });
    this.#timer ??= setTimeout(() => this.#tick(), TICK_MS);
  }

  /** Resolves once everything received so far is parsed. */
  settled(): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    this.#hand();
    return new Promise((ok) => this.term.write('', ok));
  }

  /** The screen and scrollback as escape sequences, once everything received so far is parsed. */
  async serialize(): Promise<string> {
    await this.settled();
    return this.#disposed ? '' : this.#serializer.serialize();
  }

  /** Parses what is left, then frees the terminal. */
  dispose(): void {
    if (this.#disposed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#hand();
    this.#disposed = true;
    this.term.write('', () => this.term.dispose());
  }

  #tick(): void {
    this.#timer = null;
    if (this.#disposed) return;
    this.#quietTicks = this.#fresh ? 0 : this.#quietTicks + 1;
    this.#fresh = false;
    this.#tickChars = 0;
    // A flood: leave the queue to the trim. Once quiet: parse it.
    if (this.#quietTicks >= QUIET_TICKS) this.#flooding = false;
    if (!this.#flooding) this.#hand();
    if (this.#queue.length || this.#flooding) this.#timer = setTimeout(() => this.#tick(), TICK_MS);
  }

  /** Hands the whole queue to xterm, which parses it in order (in its own time slices). */
  #hand(): void {
    if (this.#queue.length === 0) return;
    let prefix = '';
    if (this.#lostModes.size || this.#lostRegion !== null) {
      // CAN aborts a sequence the last parsed chunk may have left open.
      prefix = '\x18';
      for (const [mode, hl] of this.#lostModes) prefix += `\x1b[?${mode}${hl}`;
      if (this.#lostRegion !== null) prefix += `\x1b[${this.#lostRegion}r`;
      this.#lostModes.clear();
      this.#lostRegion = null;
    }
    let text = prefix;
    const flush = () => {
      if (!text) return;
      const n = text.length;
      this.#parsing += n;
      this.term.write(text, () => {
        this.#parsing -= n;
      });
      text = '';
    };
    for (const item of this.#queue) {
      if (typeof item === 'string') text += item;
      else {
        flush();
        const { cols, rows } = item;
        this.term.write('', () => this.term.resize(cols, rows));
      }
    }
    flush();
    this.#queue = [];
    this.#queued = 0;
  }

  /** Drops the oldest output down to about MAX_BACKLOG / 2, at a line start if one is near. */
  #trim(): void {
    let excess = this.#queued - MAX_BACKLOG / 2;
    const kept: Item[] = [];
    let i = 0;
    // Whole chunks first (resizes are kept, in order).
    for (; i < this.#queue.length; i++) {
      const item = this.#queue[i]!;
      if (typeof item !== 'string') {
        kept.push(item);
        continue;
      }
      if (item.length > excess) break;
      this.#lose(item);
      excess -= item.length;
    }
    let head = this.#queue[i];
    if (typeof head === 'string') {
      const from = Math.max(0, excess);
      let cut = head.indexOf('\n', from);
      if (cut < 0 || cut - from > CUT_SEARCH) cut = head.indexOf('\x1b', from) - 1;
      if (cut < 0 || cut - from > CUT_SEARCH) cut = from - 1;
      this.#lose(head.slice(0, cut + 1));
      head = head.slice(cut + 1);
      kept.push(head);
      i++;
    }
    this.#queue = kept.concat(this.#queue.slice(i));
    this.#queued = 0;
    for (const item of this.#queue) if (typeof item === 'string') this.#queued += item.length;
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
