// Helpers for tests of the terminal WebSocket.
import type { RunnerClient } from '../../server/client.ts';

let n = 0;
/** The connection still works: a command typed now runs and its output appears. */
export async function stillWorks(client: RunnerClient): Promise<void> {
  const k = ++n;
  client.input(`echo still-$((${k}*1000+1))\r`);
  await client.waitForText(new RegExp(`still-${k * 1000 + 1}`));
}
