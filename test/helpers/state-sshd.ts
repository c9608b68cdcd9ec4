// A real sshd INSIDE a server state (server-state.ts): the state is built in a fresh mount and PID
// namespace, then sshd becomes that namespace's PID 1, so every login (the runner's terminal,
// ansible's ssh) lands in the state: its /tmp, its mounts, its passwd, its running qemu-ga. The
// network is the machine's: sshd listens on 127.0.0.1 and a free port. The machine's /tmp is
// hidden by the state's loop /tmp, so sshd's files live in the test's folder, seen inside as /srv.
//
// The caller holds the loop lock (loop-tmp.ts holdLoopLock) while such hosts run.
//
//   const h = await startStateSshd('latent', 'account alice jailshell; agent');
//   writeHostsFile(home, [h.entry]);  …  await h.stop();
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/free-port.ts';
import { LAYOUT, NAMESPACE } from './server-state.ts';
import { sshdListening } from './sshd.ts';

export interface StateHost {
  id: string;
  port: number;
  /** The hosts.json entry (root, the client key, a known_hosts with the host key). */
  entry: { id: string; host: string; port: number; user: string; identityFile: string; knownHostsFile: string };
  /** sshd's log and the state script's output, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function sshdConfig(port: number): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    'HostKey /srv/host_ed25519',
    'PidFile /srv/ns/sshd.pid',
    'AuthorizedKeysFile /srv/authorized_keys',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'StrictModes no',
    'UsePAM no',
    'PrintMotd no',
    'PrintLastLog no',
    'LogLevel VERBOSE',
  ].join('\n');
}

/** Builds `state` (bash, after LAYOUT's functions) in a namespace of its own, and serves ssh there. */
export async function startStateSshd(id: string, state: string): Promise<StateHost> {
  const dir = mkdtempSync(join(tmpdir(), 'runguide-state-sshd-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'ns'));
  const hostKey = join(dir, 'host_ed25519');
  const clientKey = join(dir, 'client_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `runguide-state-${id}`, '-f', hostKey]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'runguide-test-client', '-f', clientKey]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  writeFileSync(join(dir, 'state.sh'), `${LAYOUT}\n${state}\nexec /usr/sbin/sshd -D -e -f /srv/sshd_config\n`);
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  let proc: ChildProcess | null = null;
  let port = 0;
  let log = '';
  // A free port can be taken between the probe and sshd's bind (other tests run alongside): retry.
  for (let attempt = 0; attempt < 4 && !proc; attempt++) {
    port = await freePort();
    writeFileSync(join(dir, 'sshd_config'), `${sshdConfig(port)}\n`);
    // --kill-child: when unshare goes, the namespace's PID 1 (sshd) gets SIGKILL, and with it
    // every process of the namespace; the mounts go, and the loop devices detach (autoclear).
    const p = spawn(NAMESPACE[0]!, [...NAMESPACE.slice(1), '--kill-child', 'bash', join(dir, 'state.sh'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    p.stdout!.on('data', (d) => (log += d));
    p.stderr!.on('data', (d) => (log += d));
    const up = await sshdListening(p, () => log);
    if (up) proc = p;
    else {
      const gone = new Promise((ok) => (p.exitCode !== null ? ok(null) : p.once('exit', ok)));
      p.kill('SIGKILL');
      await gone;
      log += `\n[attempt ${attempt + 1} on port ${port} failed]\n`;
    }
  }
  if (!proc) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the state's sshd did not start:\n${log}`);
  }
  const knownHosts = join(dir, 'known_hosts');
  const hostPub = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${hostPub}\n`);
  const running = proc;
  return {
    id,
    port,
    entry: { id, host: '127.0.0.1', port, user: 'root', identityFile: clientKey, knownHostsFile: knownHosts },
    log: () => log,
    stop: async () => {
      if (running.exitCode === null && running.signalCode === null) {
        const gone = new Promise((ok) => running.once('exit', ok));
        // unshare ignores SIGTERM while it waits for its child: SIGKILL, and --kill-child does the rest.
        running.kill('SIGKILL');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
