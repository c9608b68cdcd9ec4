// QEMU's monitor (QMP) on a VM's Unix socket: the reset button and the power switch.
import { connect } from 'node:net';
import { VmError } from './qemu.ts';

/** Sends QMP commands; resolves when QEMU closes the connection (quit) or, with `hangUp`, after the replies. */
export async function qmp(socket: string, commands: object[], timeoutMs = 5000, hangUp = false): Promise<void> {
  await new Promise<void>((ok, fail) => {
    const s = connect(socket);
    const t = setTimeout(() => {
      s.destroy();
      fail(new VmError('QMP did not answer'));
    }, timeoutMs);
    s.on('error', (e) => {
      clearTimeout(t);
      fail(e);
    });
    let replies = -1; // the greeting comes first
    s.on('data', (d: Buffer) => {
      if (replies === -1) for (const c of commands) s.write(JSON.stringify(c) + '\n');
      replies +=
        d
          .toString()
          .split('\n')
          .filter((l) => l.includes('"return"')).length + (replies === -1 ? 1 : 0);
      if (hangUp && replies >= commands.length) s.end();
    });
    s.on('close', () => {
      clearTimeout(t);
      ok();
    });
  });
}
