// A throwaway OpenSSH server for tests: its own host key, a client key pair it trusts, a
// known_hosts file for the client, on 127.0.0.1 and a free port. Real sshd, real ssh: nothing mocked.
//
//   const sshd = await startSshd();
//   ssh -p sshd.port -i sshd.clientKey -o UserKnownHostsFile=sshd.knownHosts root@127.0.0.1
//   await sshd.stop();
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync, chmodSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/free-port.ts';

export interface Sshd {
  host: '127.0.0.1';
  port: number;
  /** The user logging in: the one running the tests (root in CI). */
  user: string;
  /** Private key the server accepts. */
  clientKey: string;
  /** known_hosts line for the server's host key, for UserKnownHostsFile. */
  knownHosts: string;
  dir: string;
  /** Everything sshd logged (-e), for test failure messages. */
  log(): string;
  /** The hosts.json entry for runguide's hosts file. */
  hostsEntry(id: string): { id: string; host: string; port: number; user: string; identityFile: string; knownHostsFile: string };
  stop(): Promise<void>;
}

/**
 * Resolves true once sshd (`-e`: its log on stderr, gathered by `log`) says it listens; false when
 * it cannot bind or exits, or, given `timeoutMs`, when that long passed without the line.
 */
export function sshdListening(p: ChildProcess, log: () => string, timeoutMs?: number): Promise<boolean> {
  return new Promise<boolean>((ok) => {
    const onData = () => {
      if (/Server listening on/.test(log())) ok(true);
      else if (/Bind to port|Cannot bind|Address already in use/.test(log())) ok(false);
    };
    p.stderr!.on('data', onData);
    p.once('exit', () => ok(false));
    if (timeoutMs !== undefined) setTimeout(() => ok(/Server listening on/.test(log())), timeoutMs);
  });
}

export async function startSshd(opts: { extraConfig?: string[] } = {}): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'runguide-sshd-'));
  chmodSync(dir, 0o700);
  const hostKey = join(dir, 'host_ed25519');
  const clientKey = join(dir, 'client_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'runguide-test-host', '-f', hostKey]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'runguide-test-client', '-f', clientKey]);
  const authorized = join(dir, 'authorized_keys');
  writeFileSync(authorized, readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const user = userInfo().username;

  let port = 0;
  let proc: ChildProcess | null = null;
  let log = '';
  // A free port can be taken between the probe and sshd's bind (other tests run alongside): retry.
  for (let attempt = 0; attempt < 5 && !proc; attempt++) {
    port = await freePort();
    const config = join(dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorized}`,
        'PermitRootLogin prohibit-password',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'StrictModes no',
        'UsePAM no',
        'PrintMotd no',
        'PrintLastLog no',
        'AcceptEnv LANG LC_*',
        'LogLevel VERBOSE',
        ...(opts.extraConfig ?? []),
      ].join('\n') + '\n',
    );
    const p = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout!.on('data', (d) => (log += d));
    p.stderr!.on('data', (d) => (log += d));
    const up = await sshdListening(p, () => log, 10_000);
    if (up) proc = p;
    else {
      p.kill('SIGKILL');
      log += `\n[attempt ${attempt + 1} on port ${port} failed]\n`;
    }
  }
  if (!proc) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`sshd did not start:\n${log}`);
  }
  const hostPub = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${hostPub}\n`);
  const running = proc;

  return {
    host: '127.0.0.1',
    port,
    user,
    clientKey,
    knownHosts,
    dir,
    log: () => log,
    hostsEntry: (id) => ({ id, host: '127.0.0.1', port, user, identityFile: clientKey, knownHostsFile: knownHosts }),
    stop: () =>
      new Promise((ok) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          ok();
        };
        if (running.exitCode !== null || running.signalCode !== null) return done();
        running.once('exit', done);
        // sshd -D: SIGTERM ends the listener; per-connection children end with their sessions.
        running.kill('SIGTERM');
      }),
  };
}
