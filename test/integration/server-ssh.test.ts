// A step over REAL ssh: a throwaway OpenSSH server on 127.0.0.1, a hosts-file entry with its key
// and known_hosts, the system ssh client in the session's PTY, the step's result through the marks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunnerError } from '../../server/client.ts';
import { connect } from '../../server/client.ts';
import { sessionMembers } from '../../server/session-processes.ts';
import { startSshd, type Sshd } from '../helpers/sshd.ts';
import { startTestRunner, tempHome, writeHostsFile, type TestRunner } from '../helpers/runner.ts';

let sshd: Sshd;
let r: TestRunner;
beforeAll(async () => {
  sshd = await startSshd();
  const home = tempHome();
  // `stranger`: same server, but a known_hosts without its key, so ssh asks about the host key.
  const empty = join(home.home, 'empty_known_hosts');
  writeFileSync(empty, '');
  writeHostsFile(home.home, [
    { ...sshd.hostsEntry('box'), label: 'Throwaway sshd' },
    { ...sshd.hostsEntry('stranger'), knownHostsFile: empty },
  ]);
  r = await startTestRunner({ home, graceMs: 1000 });
});
afterAll(async () => {
  await r?.stop();
  await sshd?.stop();
});

describe('ssh host', () => {
  it('runs a step on the host through the system ssh client', async () => {
    const hosts = await (await fetch(`${r.origin}/api/hosts`, { headers: r.auth })).json();
    expect(hosts.hosts).toContainEqual({ id: 'box', label: 'Throwaway sshd', kind: 'ssh', source: 'hosts-file' });

    const c = await connect(r.origin, r.token, { host: 'box' });
    expect(c.ready.host).toBe('box');
    const session = r.sessions.get(c.session)!;
    // The PTY runs ssh itself, with an argv (no shell in between).
    const cmdline = () => readFileSync(`/proc/${session.pty.pid}/cmdline`, 'utf8').split('\0');
    await expect
      .poll(cmdline, { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([
          'ssh',
          '-tt',
          '-p',
          String(sshd.port),
          '-l',
          sshd.user,
          '-i',
          sshd.clientKey,
          `UserKnownHostsFile=${sshd.knownHosts}`,
          '--',
          '127.0.0.1',
        ]),
      );
    c.input('echo "over-ssh $SSH_CONNECTION"\r');
    await c.waitForText(new RegExp(`over-ssh 127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 ${sshd.port}`), 30_000);

    const res = await c.run('cpanel-backup-freeze', 'tmp-loop');
    expect(res).toMatchObject({ verdict: 'pass', exitCode: 0 });
    expect(c.messages).toContainEqual({ type: 'distro', distro: 'ubuntu', user: sshd.user });
    const audit = readFileSync(`${r.home}/.local/state/runguide/audit.jsonl`, 'utf8');
    expect(JSON.parse(audit.trim().split('\n').at(-1)!)).toMatchObject({ host: 'box', step: 'tmp-loop', verdict: 'pass' });

    // `exit` ends the remote shell, then ssh, then the session.
    const leader = session.pty.pid;
    c.input('exit\r');
    await expect.poll(() => c.messages.some((m) => m.type === 'exit'), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => c.closed?.code, { timeout: 10_000 }).toBe(1000);
    expect(sessionMembers(leader)).toEqual([]);
    expect(sshd.log()).toMatch(/Accepted publickey for/);
  });

  it('runs a step sent right after connecting (the login is waited for)', async () => {
    const c = await connect(r.origin, r.token, { host: 'box' });
    const res = await c.run('cpanel-backup-freeze', 'virtfs-mounts');
    expect(res).toMatchObject({ verdict: 'pass', exitCode: 0 });
    await c.close();
  });

  it('never types a step into a host-key question, and the question can be answered', async () => {
    const c = await connect(r.origin, r.token, { host: 'stranger' });
    await c.waitForText(/\(yes\/no/);
    const err = await c.run('cpanel-backup-freeze', 'virtfs-mounts').catch((e: unknown) => e);
    expect((err as RunnerError).code).toBe('not-at-prompt');
    c.input('no\r');
    await expect.poll(() => c.messages.some((m) => m.type === 'exit'), { timeout: 20_000 }).toBe(true);
    expect(c.allText()).not.toMatch(/133;C/);
  });

  it('opens the lab VM from the lab state file', async () => {
    const state = join(r.home, '.local', 'state', 'runguide');
    mkdirSync(state, { recursive: true });
    const { host, port, user, identityFile, knownHostsFile } = sshd.hostsEntry('lab');
    writeFileSync(join(state, 'lab.json'), JSON.stringify({ host, port, user, identityFile, knownHostsFile }));
    const c = await connect(r.origin, r.token, { host: 'lab' });
    expect(await c.run('cpanel-backup-freeze', 'panic-on-hang')).toMatchObject({ verdict: 'pass', exitCode: 0 });
    await c.close();
  });
});
