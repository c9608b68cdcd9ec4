// What a session has typed that its terminal has not taken yet. node-pty 1.x keeps the writes the
// kernel refused (EAGAIN, while the foreground program reads nothing) in a queue of its own, without
// bound, and retries them in order: a Ctrl-C typed then waits behind megabytes. That queue is not
// public API, so it is read here only, through one small shape; should a node-pty release rename
// it, the backlog reads 0 and input is simply not bounded (test/integration/server-hardening.test.ts notices).
import type { IPty } from 'node-pty';

interface WriteQueue {
  _writeStream?: { _writeQueue?: { buffer: Buffer; offset: number }[] };
}

const queueOf = (p: IPty) => {
  const q = (p as unknown as WriteQueue)._writeStream?._writeQueue;
  return Array.isArray(q) ? q : null;
};

/** Bytes written to the terminal that the kernel has not accepted yet. */
export function backlog(p: IPty): number {
  let n = 0;
  for (const t of queueOf(p) ?? []) n += t.buffer.byteLength - t.offset;
  return n;
}

/**
 * Forgets the input the kernel has not accepted yet, as the terminal itself flushes its input
 * queue on an interrupt (termios ISIG without NOFLSH). The first chunk may have a write in
 * flight: it is marked finished rather than removed, so node-pty's own callback retires it.
 */
export function dropBacklog(p: IPty): void {
  const q = queueOf(p);
  if (!q || q.length === 0) return;
  q.splice(1);
  q[0]!.offset = q[0]!.buffer.byteLength;
}
