// A TCP port free on 127.0.0.1 right now, for a child server (sshd, QEMU's forward, wetty) that
// needs its port on the command line. Node-only; loopback only.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}
