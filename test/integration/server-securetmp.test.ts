// The runner's advice after a change that a reboot completes, on a real server with a real shell:
// securetmp-remove run for real against cPanel's securetmp layout in a mount namespace
// (helpers/securetmp.ts), whose shell the session enters through SHELL (a wrapper around nsenter),
// so the machine's own /tmp and /etc/fstab are never touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type RunnerClient } from '../../server/client.ts';
import { findStep, renderCommand } from '../../core/render.ts';
import { runbooks } from '../../runbooks/index.ts';
import { startTestRunner, tempHome, type TestRunner } from '../helpers/runner.ts';
import { securetmpServer } from '../helpers/securetmp.ts';

const RB = 'cpanel-backup-freeze';
const rb = runbooks[RB]!;

describe.skipIf(process.getuid?.() !== 0)('securetmp-remove through the runner, before and after the maintenance reboot', () => {
  let work: string;
  let server: Awaited<ReturnType<typeof securetmpServer>>;
  let r: TestRunner;
  let c: RunnerClient;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'runguide-securetmp-'));
    server = await securetmpServer(work);
    const home = tempHome();
    home.env.SHELL = server.ns.shell;
    r = await startTestRunner({ home });
    c = await connect(r.origin, r.token);
  });
  afterAll(async () => {
    await c?.close();
    await r?.stop();
    await server?.ns.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the step passes and unmounts nothing; its verify fails with the restart advice and no rollback to offer', async () => {
    const before = server.state();
    const asked = await c.run(RB, 'securetmp-remove', { confirm: true });
    expect(asked).toMatchObject({ which: 'run', verdict: 'pass', rollback: null, restart: false });
    expect(server.state()).toMatchObject({ tmp: before.tmp, varTmp: before.varTmp, offFile: true });
    const verify = await c.run(RB, 'securetmp-remove', { which: 'verify' });
    expect(verify).toMatchObject({ which: 'verify', verdict: 'fail', exitCode: 1, rollback: null, restart: true });
    expect(c.allText()).toContain('Applied: /tmp leaves the loop device at the next reboot');
  });

  it('after the reboot the verify passes; the rollback passes twice and restores /etc/fstab', async () => {
    server.ns.reboot();
    expect(await c.run(RB, 'securetmp-remove', { which: 'verify' })).toMatchObject({ verdict: 'pass', restart: false });
    expect(await c.run(RB, 'securetmp-remove', { which: 'rollback', confirm: true })).toMatchObject({ verdict: 'pass' });
    expect(await c.run(RB, 'securetmp-remove', { which: 'rollback', confirm: true })).toMatchObject({ verdict: 'pass' });
    expect(server.state()).toMatchObject({ unit: 'enabled', offFile: false });
    expect(server.state().fstab).not.toContain('#runguide#');
  });

  it('a change step without that mark still gets its rollback offered when its verify does not pass', async () => {
    const step = findStep(rb, 'shell-user')!;
    const user = 'rgnouser42'; // no such user: the verify cannot pass, and it changes nothing
    const verify = await c.run(RB, 'shell-user', { which: 'verify', params: { user } });
    expect(verify.verdict).not.toBe('pass');
    expect(verify).toMatchObject({ rollback: renderCommand(step, 'rollback', 'ubuntu', { user }), restart: false });
  });
});
