// A tiny QEMU Guest Agent client: JSON lines over the host end of the virtio-serial channel (a Unix
// socket), the way a backup system talks to qemu-ga. `guest-sync-delimited` first, so a reply left
// over from an earlier (timed-out) command cannot be mistaken for the answer to ours.
import { connect, type Socket } from 'node:net';

export class QgaTimeout extends Error {
  override name = 'QgaTimeout';
}
export class QgaError extends Error {
  override name = 'QgaError';
}

export class QgaClient {
  #sock: Socket;
  #buf = '';
  #waiter: (() => void) | null = null;
  #closed = false;

  private constructor(sock: Socket) {
    this.#sock = sock;
    sock.setEncoding('latin1'); // the agent's 0xFF delimiter must survive decoding
    sock.on('data', (d: string) => {
      this.#buf += d;
      this.#waiter?.();
    });
    sock.on('close', () => {
      this.#closed = true;
      this.#waiter?.();
    });
    sock.on('error', () => {});
  }

  static open(path: string): Promise<QgaClient> {
    return new Promise((ok, fail) => {
      const s = connect(path);
      s.once('connect', () => ok(new QgaClient(s)));
      s.once('error', fail);
    });
  }

  /** Waits for a complete JSON line (after the 0xFF delimiter, if `afterDelimiter`). */
  #line(timeoutMs: number, afterDelimiter = false): Promise<Record<string, unknown>> {
    return new Promise((ok, fail) => {
      const t = setTimeout(() => {
        this.#waiter = null;
        fail(new QgaTimeout(`no answer from the guest agent within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const check = () => {
        if (afterDelimiter) {
          const d = this.#buf.lastIndexOf('\xff');
          if (d < 0) return this.#closed ? done(new QgaError('agent socket closed')) : undefined;
          this.#buf = this.#buf.slice(d + 1);
        }
        const nl = this.#buf.indexOf('\n');
        if (nl < 0) return this.#closed ? done(new QgaError('agent socket closed')) : undefined;
        const text = this.#buf.slice(0, nl).trim();
        this.#buf = this.#buf.slice(nl + 1);
        if (!text) return check();
        try {
          done(null, JSON.parse(text) as Record<string, unknown>);
        } catch {
          done(new QgaError(`agent sent something that is not JSON: ${text.slice(0, 200)}`));
        }
      };
      const done = (err: Error | null, v?: Record<string, unknown>) => {
        clearTimeout(t);
        this.#waiter = null;
        if (err) fail(err);
        else ok(v!);
      };
      this.#waiter = check;
      check();
    });
  }

  /** Re-synchronises with the agent; rejects with QgaTimeout when no agent answers. */
  async sync(timeoutMs = 10_000): Promise<void> {
    const id = Math.floor(Math.random() * 2 ** 31);
    this.#buf = '';
    this.#sock.write(`\xff${JSON.stringify({ execute: 'guest-sync-delimited', arguments: { id } })}\n`, 'latin1');
    for (;;) {
      const r = await this.#line(timeoutMs, true);
      if (r.return === id) return;
    }
  }

  /** Runs one command; its `return` value, or a QgaError carrying the agent's error. */
  async exec<T = unknown>(execute: string, timeoutMs: number, args?: Record<string, unknown>): Promise<T> {
    this.#sock.write(`${JSON.stringify(args ? { execute, arguments: args } : { execute })}\n`);
    const r = await this.#line(timeoutMs);
    if (r.error) {
      const e = r.error as { class?: string; desc?: string };
      throw new QgaError(`${execute}: ${e.class ?? 'error'}: ${e.desc ?? JSON.stringify(r.error)}`);
    }
    return r.return as T;
  }

  close(): void {
    this.#sock.destroy();
  }
}
