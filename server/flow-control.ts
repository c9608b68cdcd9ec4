// Flow control towards the attached browser: the PTY is paused while too much output waits for the
// browser's acks, or for the socket to drain, and resumed once both are low again. Input is never
// paused (a Ctrl-C under a flood works at once). The output log needs none: it is bounded (it
// drops the oldest output).

// VS Code's numbers: pause the PTY above 100 000 unacknowledged characters, resume below 5 000.
export const HIGH_WATER = 100_000;
export const LOW_WATER = 5_000;
const SOCKET_HIGH = 1 << 20;
const SOCKET_LOW = 64 << 10;

/** What flow control pauses and resumes: the PTY. */
export interface Pausable {
  pause(): void;
  resume(): void;
}

export class FlowControl {
  #target: Pausable;
  #buffered: () => number;
  #unacked = 0;
  #paused = false;
  #poll: NodeJS.Timeout | null = null;

  /** `buffered`: the bytes the socket has not sent yet (0 while no browser is attached). */
  constructor(target: Pausable, buffered: () => number) {
    this.#target = target;
    this.#buffered = buffered;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Output sent towards the browser, to be acknowledged. */
  sent(chars: number): void {
    this.#unacked += chars;
    this.check();
  }

  /** The browser wrote this many more characters to its screen. */
  ack(chars: number): void {
    this.#unacked = Math.max(0, this.#unacked - chars);
    this.check();
  }

  /** Another browser (or none) is attached: nothing is owed by it yet. */
  reset(): void {
    this.#unacked = 0;
  }

  /** Pauses or resumes the PTY from the two back-pressure signals (browser, socket). */
  check(): void {
    const buffered = this.#buffered();
    if (!this.#paused) {
      if (this.#unacked > HIGH_WATER || buffered > SOCKET_HIGH) {
        this.#paused = true;
        this.#target.pause();
        // The socket's buffer drains without an event to hook: look again while paused.
        this.#poll = setInterval(() => this.check(), 50);
      }
    } else if (this.#unacked < LOW_WATER && buffered < SOCKET_LOW) {
      this.#paused = false;
      this.stop();
      this.#target.resume();
    }
  }

  /** The session ended: no more looking. */
  stop(): void {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
  }
}
