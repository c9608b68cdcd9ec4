// Terminal output towards one WebSocket, as binary frames: gathered into larger frames while it
// keeps coming, sent at once when it comes alone (a keystroke's echo is never held back).
import type { WebSocket } from 'ws';

/**
 * Output is gathered into larger frames while it keeps coming: a chunk arriving GATHER_MS or more
 * after the last frame goes out at once (a keystroke's echo is never held back), closer ones wait
 * up to GATHER_MS, or until GATHER_MAX characters are waiting. One frame per PTY read (about
 * 4 KiB) made the socket's writev the runner's biggest cost in a flood.
 */
const GATHER_MS = 1;
const GATHER_MAX = 32 << 10;

export class OutputGatherer {
  #ws: WebSocket;
  /** Gathered output waiting for its frame, when the last frame went, and the timer that sends. */
  #gathered: string[] = [];
  #chars = 0;
  #lastFrame = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(ws: WebSocket) {
    this.#ws = ws;
  }

  /** Output of the terminal: sent now, or gathered with what follows closely. */
  output(data: string): void {
    if (this.#chars === 0 && performance.now() - this.#lastFrame >= GATHER_MS) {
      this.send(data);
      return;
    }
    this.#gathered.push(data);
    this.#chars += data.length;
    if (this.#chars >= GATHER_MAX) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), GATHER_MS);
  }

  /** One frame now, outside the gathering (the replayed screen). */
  send(data: string): void {
    this.#lastFrame = performance.now();
    if (this.#ws.readyState === this.#ws.OPEN) this.#ws.send(Buffer.from(data, 'utf8'), { binary: true });
  }

  /** Sends what is gathered: before any message, which must never overtake the output before it. */
  flush(): void {
    this.stop();
    if (this.#chars === 0) return;
    const data = this.#gathered.length === 1 ? this.#gathered[0]! : this.#gathered.join('');
    this.#gathered = [];
    this.#chars = 0;
    this.send(data);
  }

  /** What waits to go out: the socket's buffer and the gathered characters (flow control). */
  bufferedAmount(): number {
    return this.#ws.bufferedAmount + this.#chars;
  }

  /** The socket closed: no frame is due any more. */
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
