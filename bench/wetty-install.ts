// wetty, the peer, and the socket.io client that talks to it: installed with npm into bench/.peer,
// outside the project's dependencies, and pinned.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const PEER_DIR = join(new URL('.', import.meta.url).pathname, '.peer');
const WETTY = '3.2.0';
const SOCKET_IO_CLIENT = '4.8.4';

/** The installed peer's versions, or null when bench/.peer has no wetty. */
export function peerVersions(): { wetty: string; socketIoClient: string; nodePty: string } | null {
  try {
    const req = createRequire(join(PEER_DIR, 'package.json'));
    const v = (p: string) => (req(join(PEER_DIR, 'node_modules', p, 'package.json')) as { version: string }).version;
    return { wetty: v('wetty'), socketIoClient: v('socket.io-client'), nodePty: v('node-pty') };
  } catch {
    return null;
  }
}

/** wetty and its client live in bench/.peer, outside the project's dependencies. */
export function ensurePeer(): string | null {
  if (peerVersions()) return null;
  console.error(`bench: installing the peer (wetty@${WETTY}, socket.io-client@${SOCKET_IO_CLIENT}) into bench/.peer`);
  try {
    mkdirSync(PEER_DIR, { recursive: true });
    writeFileSync(join(PEER_DIR, 'package.json'), JSON.stringify({ private: true, allowScripts: { 'node-pty': true } }, null, 2) + '\n');
    execFileSync(
      'npm',
      ['install', '--prefix', PEER_DIR, '--no-audit', '--no-fund', `wetty@${WETTY}`, `socket.io-client@${SOCKET_IO_CLIENT}`],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        timeout: 5 * 60_000,
      },
    );
  } catch (e) {
    return `could not install wetty into bench/.peer: ${(e as Error).message}`;
  }
  return peerVersions() ? null : 'wetty was installed but cannot be found in bench/.peer';
}
