// Session recording as asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/).
// Only output ("o"), resizes ("r") and step audit marks ("m") are recorded, never input ("i"):
// what the user types reaches the file only as the terminal echoes it, so a password typed at a
// prompt with echo off (sudo, ssh, `read -s`) is never written. Output arriving within GATHER_MS
// is one event (one JSON line, one write: a flood comes in 4 KiB reads); writes are synchronous,
// so a download sees everything recorded up to GATHER_MS ago, and every mark at once.
// Output is redacted before it is written (redacting-stream.ts): a line reaches the file when its
// newline comes (a prompt at once), so typed text appears in the recording at Enter, whole.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { RedactingStream } from './redacting-stream.ts';

/** Past this size a recording stops (with a mark saying so): a flood must not fill the disk. */
const MAX_BYTES = 64 << 20;
/** Output gathered into one event at most this long (asciinema's players show frames, not reads). */
const GATHER_MS = 10;

export class Recorder {
  readonly file: string;
  #fd: number | null;
  #t0 = performance.now();
  #bytes = 0;
  /** Output not written yet, each chunk already JSON-escaped (without its quotes), and when it started. */
  #pending: string[] = [];
  #pendingChars = 0;
  #pendingAt = 0;
  #timer: NodeJS.Timeout | null = null;
  #redactor: RedactingStream;

  /** `secrets`: the values marked secret in the session, redacted from then on. */
  constructor(
    dir: string,
    session: string,
    size: { cols: number; rows: number },
    env: Record<string, string>,
    secrets: () => readonly string[],
  ) {
    this.#redactor = new RedactingStream(secrets);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, `${session}.cast`);
    this.#fd = openSync(this.file, 'w', 0o600);
    this.#line({ version: 2, width: size.cols, height: size.rows, timestamp: Math.floor(Date.now() / 1000), env });
  }

  output(data: string): void {
    if (this.#fd === null || this.#bytes > MAX_BYTES) return;
    this.#gather(this.#redactor.push(data));
  }

  #gather(data: string): void {
    if (!data) return;
    if (this.#pending.length === 0) {
      this.#pendingAt = performance.now();
      this.#timer = setTimeout(() => this.#flush(), GATHER_MS);
    }
    // Escaping each chunk as it comes is cheaper than escaping one big string (V8's fast path).
    this.#pending.push(JSON.stringify(data).slice(1, -1));
    this.#pendingChars += data.length;
  }
  resize(cols: number, rows: number): void {
    this.#flush();
    this.#event('r', `${cols}x${rows}`);
  }
  /** A marker event; runguide puts one audit line (JSON) in each, redacted already (audit.ts). */
  mark(label: string): void {
    this.#flush();
    this.#event('m', label);
  }

  close(): void {
    if (this.#fd !== null && this.#bytes <= MAX_BYTES) this.#gather(this.#redactor.end());
    this.#flush();
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }

  #flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length === 0) return;
    const escaped = this.#pending.join('');
    const chars = this.#pendingChars;
    this.#pending = [];
    this.#pendingChars = 0;
    const t = this.#time(this.#pendingAt);
    if (this.#full(chars, t)) return;
    this.#text(`[${t},"o","${escaped}"]\n`);
  }

  #time(at: number): number {
    return Math.round(at - this.#t0) / 1000;
  }

  /** Past the size limit: true, and the first time a mark saying so. */
  #full(chars: number, t: number): boolean {
    if (this.#bytes > MAX_BYTES) return true;
    if (this.#bytes + chars <= MAX_BYTES) return false;
    this.#line([t, 'm', 'runguide: recording stopped at its size limit']);
    this.#bytes = MAX_BYTES + 1;
    return true;
  }

  #event(code: string, data: string): void {
    const t = this.#time(performance.now());
    if (!this.#full(data.length, t)) this.#line([t, code, data]);
  }

  #line(value: unknown): void {
    this.#text(JSON.stringify(value) + '\n');
  }

  #text(text: string): void {
    if (this.#fd === null) return;
    this.#bytes += text.length;
    writeSync(this.#fd, text);
  }
}
