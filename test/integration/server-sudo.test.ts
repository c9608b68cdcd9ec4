// Root steps from a non-root SSH session go through sudo: a throwaway Unix user, real sudo (and
// its PAM password check), the throwaway sshd, a real runner and a real WebSocket client. The
// password is typed through the terminal's input, as a person would. Needs root (CI runs as root):
// it creates the user and a file in /etc/sudoers.d, and removes both afterwards. One test attaches
// a tmpDSK loop device, so this file runs with the loop-device tests (vitest.config.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, RunnerError, type RunnerClient } from '../../server/client.ts';
import { startSshd, type Sshd } from '../helpers/sshd.ts';
import { startTestRunner, tempHome, writeHostsFile, type TestRunner } from '../helpers/runner.ts';
import { holdLoopLock } from '../helpers/loop-tmp.ts';

const RB = 'cpanel-backup-freeze';
const USER = `rgsudo${randomBytes(3).toString('hex')}`;
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const SUDOERS = `/etc/sudoers.d/${USER}`;
const PROMPT = new RegExp(`\\[sudo\\] password for ${USER}:`, 'g');
const isRoot = process.getuid?.() === 0;

let sshd: Sshd;
let r: TestRunner;
let work: string;
let sudoLog: string;
/** past-hang's result as root over ssh: what the sudo path must match. */
let asRoot: { verdict: string; exitCode: number | null };

/** Installs this user's sudoers file (checked by visudo first); `rule` null: no sudo rights. */
function sudoers(rule: string | null): void {
  // sudo's own log of what it ran, and as whom: the proof that the command ran as root.
  const text = [`Defaults:${USER} logfile=${sudoLog}, loglinelen=0`, ...(rule ? [rule] : [])].join('\n') + '\n';
  // sudo skips files whose name has a dot: checked there, then renamed into place.
  const tmp = `${SUDOERS}.new`;
  writeFileSync(tmp, text, { mode: 0o440 });
  execFileSync('visudo', ['-cqf', tmp]);
  renameSync(tmp, SUDOERS);
  // A fresh start for every test: no cached sudo credentials.
  rmSync(`/run/sudo/ts/${USER}`, { force: true });
}

const audit = () => readFileSync(join(r.home, '.local/state/runguide/audit.jsonl'), 'utf8');
const lastAudit = () => JSON.parse(audit().trim().split('\n').at(-1)!);
const recording = (c: RunnerClient) => readFileSync(join(r.home, '.local/state/runguide/recordings', `${c.session}.cast`), 'utf8');
const prompts = (c: RunnerClient) => c.allText().match(PROMPT)?.length ?? 0;
const log = () => (existsSync(sudoLog) ? readFileSync(sudoLog, 'utf8') : '');

beforeAll(async () => {
  if (!isRoot) return;
  work = mkdtempSync(join(tmpdir(), 'runguide-sudo-'));
  sudoLog = join(work, 'sudo.log');
  execFileSync('useradd', ['--create-home', '--shell', '/bin/bash', USER]);
  execFileSync('chpasswd', { input: `${USER}:${PASSWORD}\n` });
  // sshd reads a user's authorized keys as that user: the test's key goes into their home.
  sshd = await startSshd({ extraConfig: [`Match User ${USER}`, `  AuthorizedKeysFile /home/${USER}/.ssh/authorized_keys`] });
  const ssh = `/home/${USER}/.ssh`;
  mkdirSync(ssh, { mode: 0o700 });
  writeFileSync(join(ssh, 'authorized_keys'), readFileSync(`${sshd.clientKey}.pub`), { mode: 0o600 });
  execFileSync('chown', ['-R', `${USER}:${USER}`, ssh]);

  const home = tempHome();
  writeHostsFile(home.home, [sshd.hostsEntry('as-root'), { ...sshd.hostsEntry('as-user'), user: USER }]);
  r = await startTestRunner({ home, graceMs: 1000, record: true });

  const c = await connect(r.origin, r.token, { host: 'as-root' });
  const res = await c.run(RB, 'past-hang');
  asRoot = { verdict: res.verdict, exitCode: res.exitCode };
  expect(lastAudit()).not.toHaveProperty('sudo');
  await c.close();
});

afterAll(async () => {
  if (!isRoot) return;
  await r?.stop();
  await sshd?.stop();
  // -f: even if one of its ssh sessions is still closing.
  try {
    execFileSync('userdel', ['--force', '--remove', USER], { stdio: 'pipe' });
  } catch (e) {
    console.error(`userdel ${USER}: ${e}`);
  }
  for (const p of [SUDOERS, `${SUDOERS}.new`, `/run/sudo/ts/${USER}`, `/var/lib/sudo/lectured/${USER}`, work])
    if (p) rmSync(p, { recursive: true, force: true });
});

describe.skipIf(!isRoot)('root steps from a non-root ssh user (sudo)', () => {
  it('runs a read-only root step as root with NOPASSWD sudo, judged as it is as root', async () => {
    sudoers(`${USER} ALL=(root) NOPASSWD: ALL`);
    const c = await connect(r.origin, r.token, { host: 'as-user' });
    c.input('echo "I am $(id -un)"\r');
    await c.waitForText(new RegExp(`I am ${USER}`));

    const res = await c.run(RB, 'past-hang');
    expect(res).toMatchObject(asRoot);
    // sudo's log: it ran the step's own command, as root, for this user.
    expect(log()).toMatch(new RegExp(`: ${USER} : .*USER=root ; COMMAND=/usr/bin/bash -c .*journalctl -k -b -1`));
    expect(lastAudit()).toMatchObject({
      host: 'as-user',
      step: 'past-hang',
      sudo: 'ran',
      verdict: asRoot.verdict,
      exitCode: asRoot.exitCode,
    });
    expect(c.allText()).not.toMatch(PROMPT);

    // A step that needs no root is not run through sudo.
    const before = log();
    expect((await c.run(RB, 'tmp-loop')).exitCode).not.toBeNull();
    expect(log()).toBe(before);
    expect(lastAudit()).not.toHaveProperty('sudo');
    await c.close();
  });

  it("a non-root user's tmp-loop check sees a tmpDSK loop device (losetup is not on their PATH)", async () => {
    // A real loop device backed by a file named like cPanel's /usr/tmpDSK (in this test's dir).
    const dsk = join(work, 'tmpDSK');
    execFileSync('truncate', ['-s', '8M', dsk]);
    const release = await holdLoopLock();
    const loop = execFileSync('losetup', ['--find', '--show', dsk], { encoding: 'utf8' }).trim();
    try {
      const c = await connect(r.origin, r.token, { host: 'as-user' });
      const res = await c.run(RB, 'tmp-loop');
      expect(res.verdict).toBe('fail');
      expect(c.allText()).toContain(dsk);
      await c.close();
    } finally {
      execFileSync('losetup', ['--detach', loop]);
      await release();
    }
  });

  it("shows sudo's password prompt in the terminal, takes the typed password, never records it", async () => {
    sudoers(`${USER} ALL=(root) ALL`);
    const c = await connect(r.origin, r.token, { host: 'as-user' });
    // Not a root step: no sudo, so no prompt (it would wait for a password and never pass).
    expect(await c.run(RB, 'virtfs-mounts')).toMatchObject({ verdict: 'pass', exitCode: 0 });
    expect(c.allText()).not.toMatch(PROMPT);

    const running = c.run(RB, 'past-hang');
    await c.waitForText(PROMPT, 60_000);
    c.input(`${PASSWORD}\r`);
    const res = await running;
    expect(res).toMatchObject(asRoot);
    expect(c.messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(log()).toMatch(new RegExp(`: ${USER} : .*USER=root ; COMMAND=/usr/bin/bash -c .*journalctl -k -b -1`));
    expect(lastAudit()).toMatchObject({ step: 'past-hang', sudo: 'ran', verdict: asRoot.verdict, exitCode: asRoot.exitCode });

    await c.flush();
    const cast = recording(c);
    expect(cast).toMatch(PROMPT); // the recording did capture the exchange…
    expect(cast).not.toContain(PASSWORD); // …but not the password
    expect(audit()).not.toContain(PASSWORD);
    expect(c.allText()).not.toContain(PASSWORD);
    expect(r.logs.join('\n')).not.toContain(PASSWORD);
    await c.close();
  });

  it('reports a wrong password or a cancelled prompt as sudo refusing, not as the check failing', async () => {
    sudoers(`${USER} ALL=(root) ALL`);
    const c = await connect(r.origin, r.token, { host: 'as-user' });
    const running = c.run(RB, 'past-hang').catch((e: unknown) => e);
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => prompts(c), { timeout: 60_000 }).toBe(i + 1);
      c.input(`wrong-${i}\r`);
    }
    const err = await running;
    expect(err).toBeInstanceOf(RunnerError);
    expect((err as RunnerError).code).toBe('sudo-refused');
    expect((err as RunnerError).message).toMatch(/past-hang needs root, and sudo refused/);
    await c.waitForText(/3 incorrect password attempts/);
    const result = await c.next((m) => m.type === 'result');
    expect(result).toMatchObject({ step: 'past-hang', verdict: 'error', exitCode: null });
    expect(lastAudit()).toMatchObject({ step: 'past-hang', sudo: 'refused', verdict: 'error', exitCode: null });

    // Ctrl-C at the prompt: refused too, at once.
    const since = c.messages.length;
    const again = c.run(RB, 'past-hang').catch((e: unknown) => e);
    await expect.poll(() => prompts(c), { timeout: 60_000 }).toBe(4);
    c.input('\x03');
    expect(((await again) as RunnerError).code).toBe('sudo-refused');
    expect(await c.next((m) => m.type === 'result', 10_000, since)).toMatchObject({ verdict: 'error', exitCode: null });

    // The terminal is still at a prompt, usable.
    expect(await c.run(RB, 'virtfs-mounts')).toMatchObject({ verdict: 'pass', exitCode: 0 });
    await c.close();
  });

  it('tells a user without sudo rights that sudo refused, and the terminal stays usable', async () => {
    sudoers(null);
    const c = await connect(r.origin, r.token, { host: 'as-user' });
    const running = c.run(RB, 'past-hang').catch((e: unknown) => e);
    // sudo asks for the password before it says no (it reveals nothing to someone who lacks it).
    await c.waitForText(PROMPT, 60_000);
    c.input(`${PASSWORD}\r`);
    const err = await running;
    expect((err as RunnerError).code).toBe('sudo-refused');
    await c.waitForText(new RegExp(`${USER} is not in the sudoers file`));
    expect(await c.next((m) => m.type === 'result')).toMatchObject({ verdict: 'error', exitCode: null });
    expect(lastAudit()).toMatchObject({ step: 'past-hang', sudo: 'refused', verdict: 'error' });

    expect(await c.run(RB, 'virtfs-mounts')).toMatchObject({ verdict: 'pass', exitCode: 0 });
    await c.close();
  });

  it('says so when the host has no sudo command', async () => {
    sudoers(`${USER} ALL=(root) NOPASSWD: ALL`);
    // A PATH with what the runner's wrapper needs, and no sudo: as on a host without sudo.
    const bin = `/home/${USER}/bin-without-sudo`;
    mkdirSync(bin);
    for (const tool of ['sh', 'bash', 'base64', 'stty', 'id', 'grep']) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
    const c = await connect(r.origin, r.token, { host: 'as-user' });
    c.input(`export PATH=${bin}\r`);
    const err = await c.run(RB, 'past-hang').catch((e: unknown) => e);
    expect((err as RunnerError).code).toBe('sudo-refused');
    expect((err as RunnerError).message).toMatch(/no sudo command/);
    expect(await c.next((m) => m.type === 'result')).toMatchObject({ verdict: 'error', exitCode: null });
    expect(await c.run(RB, 'virtfs-mounts')).toMatchObject({ verdict: 'pass', exitCode: 0 });
    await c.close();
  });
});
