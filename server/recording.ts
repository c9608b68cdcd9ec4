// Session recording as asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/).
// Only output ("o"), resizes ("r") and step audit marks ("m") are recorded, never input ("i"):
// what the user types reaches the file only as the terminal echoes it, so a password typed at a
// prompt with echo off (sudo, ssh, `read -s`) is never written. Writes are synchronous so that a
// download always sees everything recorded so far.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Past this size a recording stops (with a mark saying so): a flood must not fill the disk. */
const MAX_BYTES = 64 << 20;

export class Recorder {
  readonly file: string;
  #fd: number | null;
  #t0 = performance.now();
  #bytes = 0;

  constructor(dir: string, session: string, cols: number, rows: number, env: Record<string, string>) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, `${session}.cast`);
    this.#fd = openSync(this.file, 'w', 0o600);
    this.#line({ version: 2, width: cols, height: rows, timestamp: Math.floor(Date.now() / 1000), env });
  }

  output(data: string): void {
    this.#event('o', data);
  }
  resize(cols: number, rows: number): void {
    this.#event('r', `${cols}x${rows}`);
  }
  /** A marker event; runguide puts one audit line (JSON) in each. */
  mark(label: string): void {
    this.#event('m', label);
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }

  #event(code: string, data: string): void {
    const t = Math.round(performance.now() - this.#t0) / 1000;
    if (this.#bytes > MAX_BYTES) return;
    if (this.#bytes + data.length > MAX_BYTES) {
      this.#line([t, 'm', 'runguide: recording stopped at its size limit']);
      this.#bytes = MAX_BYTES + 1;
      return;
    }
    this.#line([t, code, data]);
  }

  #line(value: unknown): void {
    if (this.#fd === null) return;
    const text = JSON.stringify(value) + '\n';
    this.#bytes += text.length;
    writeSync(this.#fd, text);
  }
}
