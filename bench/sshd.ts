// Throwaway OpenSSH servers for `./runguide bench fleet`: each with its own host key, a client key
// it trusts and a known_hosts line, on 127.0.0.1 and a free port. The bench's own copy of what
// test/helpers/sshd.ts does (a bench imports no test code: ARCHITECTURE.md's layers).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../server/free-port.ts';

export interface BenchSshd {
  /** The runner's hosts file entry for this server under `id`. */
  entry(id: string): { id: string; host: string; port: number; user: string; identityFile: string; knownHostsFile: string };
  stop(): Promise<void>;
}

export async function startBenchSshd(): Promise<BenchSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'runguide-bench-sshd-'));
  chmodSync(dir, 0o700);
  const key = (name: string) => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `runguide-bench-${name}`, '-f', join(dir, name)]);
    return join(dir, name);
  };
  const hostKey = key('host');
  const clientKey = key('client');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  let proc: ChildProcess | null = null;
  let port = 0;
  let log = '';
  // A free port can be taken between the probe and sshd's bind: try another.
  for (let attempt = 0; attempt < 5 && !proc; attempt++) {
    port = await freePort();
    const config = join(dir, 'sshd_config');
    const lines = [`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${hostKey}`, `PidFile ${join(dir, 'sshd.pid')}`];
    lines.push(`AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'PermitRootLogin prohibit-password', 'PasswordAuthentication no');
    lines.push('KbdInteractiveAuthentication no', 'StrictModes no', 'UsePAM no', 'PrintMotd no', 'PrintLastLog no', 'MaxStartups 100');
    writeFileSync(config, `${lines.join('\n')}\n`);
    const p = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    p.stderr!.on('data', (d) => (log += d));
    const up = await new Promise<boolean>((ok) => {
      p.stderr!.on('data', () => {
        if (/Server listening on/.test(log)) ok(true);
        else if (/Bind to port|Cannot bind|Address already in use/.test(log)) ok(false);
      });
      p.once('exit', () => ok(false));
    });
    if (up) proc = p;
    else p.kill('SIGKILL');
  }
  if (!proc) throw new Error(`sshd did not start:\n${log}`);
  const knownHosts = join(dir, 'known_hosts');
  const hostPub = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${hostPub}\n`);
  const running = proc;
  const user = userInfo().username;
  return {
    entry: (id) => ({ id, host: '127.0.0.1', port, user, identityFile: clientKey, knownHostsFile: knownHosts }),
    stop: () =>
      new Promise((ok) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          ok();
        };
        if (running.exitCode !== null || running.signalCode !== null) return done();
        running.once('exit', done);
        running.kill('SIGTERM');
      }),
  };
}
