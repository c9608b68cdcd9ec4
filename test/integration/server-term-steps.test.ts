// Steps over the terminal WebSocket on a real server with a real shell: real exit codes and the
// audit log, changes wait for a yes, and the typed line never reaches the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type RunnerError, type RunnerClient } from '../../server/client.ts';
import type { ServerMessage } from '../../core/protocol.ts';
import { startTestRunner, tempHome, type TestRunner } from '../helpers/runner.ts';
import { startLoopTmp } from '../helpers/loop-tmp.ts';
import { stillWorks } from '../helpers/term.ts';
import { runbooks } from '../../runbooks/index.ts';
import { findStep, renderCommand } from '../../core/render.ts';

const RB = 'cpanel-backup-freeze';
let r: TestRunner;
let c: RunnerClient;
beforeAll(async () => {
  r = await startTestRunner({ maxSessions: 3, graceMs: 500 });
  c = await connect(r.origin, r.token);
});
afterAll(async () => {
  await c?.close();
  await r?.stop();
});

describe('steps', () => {
  it('runs a read-only step and reports pass with exit code 0, then logs it', async () => {
    const res = await c.run(RB, 'virtfs-mounts');
    expect(res).toMatchObject({ type: 'result', verdict: 'pass', exitCode: 0, which: 'run', rollback: null });
    // The line the page quotes beside the verdict: the command's last line, as plain text.
    expect(res.output).toBe('0 VirtFS mount(s) under /home/virtfs');
    expect(c.messages.some((m) => m.type === 'distro' && m.distro === 'ubuntu')).toBe(true);
    await c.waitForText(/0 VirtFS mount\(s\)/);
    const log = readFileSync(join(r.home, '.local/state/runguide/audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const last = log.at(-1);
    expect(last).toMatchObject({
      host: 'local',
      runbook: RB,
      step: 'virtfs-mounts',
      which: 'run',
      exitCode: 0,
      verdict: 'pass',
      session: c.session,
    });
    expect(last.command).toMatch(/VirtFS mount/);
    expect(Date.parse(last.time)).not.toBeNaN();
    expect(typeof last.durationMs).toBe('number');
  });

  it('reports fail when the check finds the risk, and typing keeps working during and after', async () => {
    const user = `rgt${process.pid % 100000}`;
    execFileSync('useradd', ['-M', '-N', '-s', '/usr/local/cpanel/bin/jailshell', user]);
    try {
      const since = c.messages.length;
      const pending = c.run(RB, 'virtfs-users');
      c.input('echo typed-$((6*7))\r');
      const res = await pending;
      expect(res.verdict).toBe('fail');
      expect(res.exitCode).toBe(1);
      await c.waitForText(/typed-42/);
      await c.waitForText(new RegExp(`^${user} \\(jailshell\\)$`, 'm'));
      expect(c.messages.slice(since).map((m) => m.type)).toEqual(['started', 'result']);
      await stillWorks(c);
    } finally {
      execFileSync('userdel', [user]);
    }
  });

  it('asks before a change, runs nothing when declined, runs when accepted, offers the rollback', async () => {
    // The change is fix 2's shell change, which goes through cPanel's whmapi1: cPanel cannot be
    // installed here, so the runner's shells live in a mount namespace whose /usr holds the lab's
    // stand-in whmapi1 (lab/guest/, following WHM API 1's modifyacct) and whose /etc holds the
    // throwaway user. Nothing of this machine changes.
    const work = mkdtempSync(join(tmpdir(), 'runguide-term-cpanel-'));
    const whmapi1 = readFileSync(join(import.meta.dirname, '..', '..', 'lab', 'guest', 'usr', 'local', 'cpanel', 'bin', 'whmapi1'), 'utf8');
    const ns = await startLoopTmp(work, { holder: false, securetmp: false, files: { '/usr/local/cpanel/bin/whmapi1': whmapi1 } });
    const home = tempHome();
    const nr = await startTestRunner({ home: { home: home.home, env: { ...home.env, SHELL: ns.shell } } });
    const d = await connect(nr.origin, nr.token);
    const [cmd, ...pre] = ns.enter;
    const inside = (...a: string[]) => execFileSync(cmd!, [...pre, ...a], { encoding: 'utf8' });
    const user = `rgc${process.pid % 100000}`;
    const shell = () => inside('getent', 'passwd', user).trim().split(':')[6];
    const auditLines = () => readFileSync(join(nr.home, '.local/state/runguide/audit.jsonl'), 'utf8').trim().split('\n').length;
    const step = findStep(runbooks[RB]!, 'shell-user')!;
    try {
      inside('useradd', '-M', '-N', '-s', '/usr/local/cpanel/bin/jailshell', user);
      await d.run(RB, 'virtfs-users'); // one step first, so that the audit log exists
      const before = auditLines();
      let asked: Extract<ServerMessage, { type: 'confirm' }> | undefined;
      const since = d.messages.length;
      const declined = await d
        .run(RB, 'shell-user', {
          params: { user },
          confirm: (q) => {
            asked = q;
            return false;
          },
        })
        .catch((e: unknown) => e);
      expect((declined as RunnerError).code).toBe('declined');
      expect(asked).toMatchObject({
        step: 'shell-user',
        which: 'run',
        risk: 'changes',
        command: renderCommand(step, 'run', 'ubuntu', { user }),
        rollback: renderCommand(step, 'rollback', 'ubuntu', { user }),
      });
      expect(d.messages.slice(since).some((m) => m.type === 'started')).toBe(false);
      expect(shell()).toBe('/usr/local/cpanel/bin/jailshell');
      expect(auditLines()).toBe(before);

      // An answer to someone else's run id runs nothing either.
      const s2 = d.messages.length;
      d.send({ type: 'run', runbook: RB, step: 'shell-user', which: 'run', params: { user } });
      const q = (await d.next((m) => m.type === 'confirm', 20_000, s2)) as Extract<ServerMessage, { type: 'confirm' }>;
      expect(q.user).toBe('root'); // the dialog names who the command runs as
      d.send({ type: 'confirm', runId: 'not-' + q.runId, accept: true });
      expect(((await d.next((m) => m.type === 'error', 10_000, s2)) as { code: string }).code).toBe('unknown-run');
      expect(shell()).toBe('/usr/local/cpanel/bin/jailshell');
      d.send({ type: 'confirm', runId: q.runId, accept: true });
      const done = (await d.next((m) => m.type === 'result', 30_000, s2)) as Extract<ServerMessage, { type: 'result' }>;
      expect(done).toMatchObject({ verdict: 'pass', exitCode: 0 });
      expect(shell()).toBe('/bin/bash');

      expect(await d.run(RB, 'shell-user', { which: 'verify', params: { user } })).toMatchObject({ verdict: 'pass' });
      // A rollback is a change too: it asks. It restores the shell recorded by the run, once.
      let rollbackAsked = false;
      const back = await d.run(RB, 'shell-user', { which: 'rollback', params: { user }, confirm: () => (rollbackAsked = true) });
      expect(rollbackAsked).toBe(true);
      expect(back.verdict).toBe('pass');
      expect(shell()).toBe('/usr/local/cpanel/bin/jailshell');
      expect((await d.run(RB, 'shell-user', { which: 'rollback', params: { user }, confirm: true })).verdict).toBe('pass');
      expect(shell()).toBe('/usr/local/cpanel/bin/jailshell');

      // An account without a shell never gets one: refused, nothing changes.
      inside('usermod', '-s', '/usr/local/cpanel/bin/noshell', user);
      const refused = await d.run(RB, 'shell-user', { params: { user }, confirm: true });
      expect(refused.verdict).toBe('error');
      expect(shell()).toBe('/usr/local/cpanel/bin/noshell');

      // A change that does not pass comes back with its rollback to offer.
      const failed = await d.run(RB, 'shell-user', { params: { user: 'nosuchuserzz' }, confirm: true });
      expect(failed.verdict).toBe('error');
      expect(failed.exitCode).not.toBe(0);
      expect(failed.rollback).toBe(renderCommand(step, 'rollback', 'ubuntu', { user: 'nosuchuserzz' }));
      await stillWorks(d);
    } finally {
      await d.close();
      await nr.stop();
      await ns.stop();
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('shows a short label instead of the typed line at an idle prompt', async () => {
    await expect.poll(() => r.sessions.size, { timeout: 10_000 }).toBeLessThan(3);
    const d = await connect(r.origin, r.token, { cols: 120, rows: 40 });
    await d.waitForText(/[#$]\s*$/);
    expect((await d.run(RB, 'freeze-order')).verdict).toBe('pass');
    await d.waitForText(/runguide: cpanel-backup-freeze\/freeze-order\n(.*\n)*\S+[#$]\s*$/);
    expect(d.allText()).toMatch(/^\S+[#$] runguide: detecting the distribution$/m);
    expect(d.allText(), d.allText()).not.toMatch(/base64 -d|133;C/);
    await d.close();
  });

  it('never sends the typed line to the screen, even when a run comes before the prompt, at 40 columns', async () => {
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => r.sessions.size, { timeout: 10_000 }).toBeLessThan(3);
      // The run goes out the moment the session is ready, as when Run is pressed with the terminal
      // closed: the shell has not drawn its prompt yet.
      const d = await connect(r.origin, r.token, { cols: 40, rows: 12 });
      try {
        expect((await d.run(RB, 'panic-on-hang')).verdict).toBe('pass');
        await d.waitForText(/hung_task_timeout_secs = \d+\n\S*[#$]\s*$/);
        await d.flush();
        // Not on the screen, and never even sent: no part of the wrapper or its payload.
        expect(d.raw, d.screenText()).not.toMatch(/sh -c|stty|base64|trap :|133;P/);
        expect(d.raw.split('runguide: cpanel-backup-freeze/panic-on-hang')).toHaveLength(2);
        // The label follows the prompt, as a typed command would (the screen wraps it at 40 columns).
        expect(d.raw).toMatch(/[#$] \x1b\[2mrunguide: cpanel-backup-freeze\/panic-on-hang\x1b\[0m/);
      } finally {
        await d.close();
      }
    }
  });

  it("a step's exit does not end the user's shell, and a half-typed line is cleared first", async () => {
    c.input('echo half-typed-garbage');
    const res = await c.run(RB, 'panic-on-hang');
    expect(res.verdict).toBe('pass');
    expect(c.closed).toBeNull();
    expect(c.allText()).not.toMatch(/half-typed-garbage\S*\n.*half-typed-garbage/);
    await stillWorks(c);
  });
});
