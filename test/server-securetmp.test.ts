// The runner's advice after a change, on a real server with a real shell: securetmp-unmount run for
// real against cPanel's securetmp layout in a mount namespace (helpers/loop-tmp.ts), where a second
// namespace keeps the loop device as a service's private /tmp does. The session's shell enters that
// namespace through SHELL (a wrapper around nsenter), so the machine's own /tmp is never touched.
// No stand-in: the step needs only mount, umount, losetup and findmnt, which are real here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type RunnerClient } from '../server/client.ts';
import { findStep, renderCommand } from '../src/runbook/render.ts';
import { runbooks } from '../runbooks/index.ts';
import { startTestRunner, tempHome, type TestRunner } from './helpers/runner.ts';
import { startLoopTmp, type LoopTmp } from './helpers/loop-tmp.ts';

const RB = 'cpanel-backup-freeze';
const rb = runbooks[RB]!;

describe.skipIf(process.getuid?.() !== 0)('after securetmp-unmount, while a private /tmp keeps the loop device', () => {
  let work: string;
  let ns: LoopTmp;
  let r: TestRunner;
  let c: RunnerClient;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'runguide-securetmp-'));
    ns = await startLoopTmp(work, { holder: true });
    const home = tempHome();
    home.env.SHELL = ns.shell;
    r = await startTestRunner({ home });
    c = await connect(r.origin, r.token);
  });
  afterAll(async () => {
    await c?.close();
    await r?.stop();
    await ns?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the unmount passes; its verify fails, and the result advises a restart, with no rollback to offer', async () => {
    const asked = await c.run(RB, 'securetmp-unmount', { confirm: true });
    expect(asked).toMatchObject({ which: 'run', verdict: 'pass', rollback: null, restart: false });
    expect(c.allText()).toContain('umount /tmp');
    const verify = await c.run(RB, 'securetmp-unmount', { which: 'verify' });
    expect(verify).toMatchObject({ which: 'verify', verdict: 'fail', exitCode: 1, rollback: null, restart: true });
    // What made it fail is real: /tmp is unmounted here, the device is held elsewhere.
    expect(ns.attached()).toBe(true);
    expect(c.allText()).toMatch(/\/tmp: rg-tmp\r?\n\/usr\/tmpDSK/);
  });

  it('a change step without that mark still gets its rollback offered when its verify does not pass', async () => {
    const step = findStep(rb, 'shell-user')!;
    const user = 'rgnouser42'; // no such user: the verify cannot pass, and it changes nothing
    const verify = await c.run(RB, 'shell-user', { which: 'verify', params: { user } });
    expect(verify.verdict).not.toBe('pass');
    expect(verify).toMatchObject({ rollback: renderCommand(step, 'rollback', 'ubuntu', { user }), restart: false });
  });
});
