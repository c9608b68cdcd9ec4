// "Apply fix 2" in the real page against the real runner: the fix's three steps run in order, each
// confirmed in the runner's dialog; the first that does not pass stops the run, and the offered
// rollback undoes exactly the steps that ran, newest first. The runner's shells live in a mount
// namespace (helpers/loop-tmp.ts) holding the lab's stand-ins for cPanel's whmapi1 and
// clear_orphaned_virtfs_mounts, a throwaway user and a real VirtFS-like bind mount; the state is
// read back from that namespace's files and mounts, and the order from the runner's audit log.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/index.ts';
import { findStep, renderCommand } from '../../core/render.ts';
import { fill } from '../../core/locales.ts';
import { runbooks } from '../../runbooks/index.ts';
import { terminalStringsFor } from '../../i18n/terminal.ts';
import { startLoopTmp, type LoopTmp } from '../helpers/loop-tmp.ts';
import { tempHome } from '../helpers/runner.ts';
import { seriousViolations } from '../helpers/browser.ts';
import { launchBrowser, runbookUrl } from '../helpers/ui-harness.ts';

const s = terminalStringsFor('en');
const rb = runbooks['cpanel-backup-freeze']!;
const lab = (path: string) => readFileSync(join(import.meta.dirname, '..', '..', 'lab', 'guest', path), 'utf8');
const user = `rgg${process.pid % 100000}`;
const JAIL = '/usr/local/cpanel/bin/jailshell';
const VIRTFS = `/home/virtfs/${user}/usr/share`;

describe.skipIf(process.getuid?.() !== 0)('Apply fix 2, as one guided run', () => {
  let work: string;
  let ns: LoopTmp;
  let home: ReturnType<typeof tempHome>;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let holder: ChildProcess | undefined;
  const inside = (script: string) => execFileSync(ns.enter[0]!, [...ns.enter.slice(1), 'bash', '-c', script], { encoding: 'utf8' });
  const host = () => ({
    shell: inside(`getent passwd ${user} | cut -d: -f7`).trim(),
    jailDefault: inside("grep '^jaildefaultshell=' /var/cpanel/cpanel.config || true").trim(),
    virtfs: inside(`grep -c ' /home/virtfs/${user}/' /proc/self/mounts || true`).trim(),
    shellRecord: inside(`test -e /var/lib/runguide/shell-before.${user} && echo kept || echo none`).trim(),
  });
  const auditFile = () => join(home.home, '.local/state/runguide/audit.jsonl');
  const audit = () =>
    existsSync(auditFile())
      ? readFileSync(auditFile(), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { step: string; which: string })
          .map((e) => `${e.step}/${e.which}`)
      : [];
  const block = () => page.locator('.rg-guided[data-fix="shell"]');
  const state = (want: string) =>
    page.waitForFunction((w) => document.querySelector<HTMLElement>('.rg-guided[data-fix="shell"]')?.dataset.state === w, want, {
      timeout: 120_000,
    });
  /** Starts fix 2 and goes past the notice before its first step. */
  async function start() {
    await block().locator('.rg-apply-fix').click();
    const notice = page.locator('dialog.rg-guided-notice');
    await notice.waitFor({ state: 'visible' });
    await notice.locator('.rg-guided-start').click();
  }
  /** Answers the runner's confirmation, after checking that it is for this command of this step. */
  async function answer(step: string, which: 'run' | 'rollback', accept = true) {
    const dialog = page.locator('dialog.rg-confirm');
    await dialog.waitFor({ state: 'visible', timeout: 90_000 });
    const st = findStep(rb, step)!;
    const command = renderCommand(st, which, 'ubuntu', 'user' in st.params ? { user } : {});
    expect(await dialog.locator('.rg-confirm-command').textContent()).toBe(command);
    await dialog.locator(accept ? '.rg-confirm-accept' : '.rg-confirm-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
  }
  const undoList = () =>
    block()
      .locator('.rg-guided-undo li')
      .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.step));

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'runguide-ui-guided-'));
    const files = {
      '/usr/local/cpanel/bin/whmapi1': lab('usr/local/cpanel/bin/whmapi1'),
      '/usr/local/cpanel/scripts/clear_orphaned_virtfs_mounts': lab('usr/local/cpanel/scripts/clear_orphaned_virtfs_mounts'),
    };
    ns = await startLoopTmp(work, { holder: false, securetmp: false, files });
    // /home of the namespace is its own: the user's VirtFS directory never reaches this machine's.
    inside(`mount -t tmpfs rg-home /home && useradd -M -N -s ${JAIL} ${user}`);
    home = tempHome();
    server = await startServer({ port: 0, env: { ...home.env, SHELL: ns.shell }, dist: 'dist', log: () => {} });
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    await page.goto(runbookUrl(server));
    await page.locator('.rg-open').waitFor({ state: 'visible' });
  });
  afterAll(async () => {
    holder?.kill();
    await browser?.close();
    await server?.close();
    await ns?.stop();
    if (home) rmSync(home.home, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });
  // Before each: jailed user, jailed by default, one VirtFS mount of the user, both fields filled in.
  beforeEach(async () => {
    inside(`usermod -s ${JAIL} ${user}; mkdir -p /var/cpanel ${VIRTFS}; echo jaildefaultshell=1 >/var/cpanel/cpanel.config
      mountpoint -q ${VIRTFS} || mount --bind /usr/share ${VIRTFS}`);
    for (const input of await page.locator('.rg-step[data-fix="shell"] input.rg-param').all()) await input.fill(user);
  });

  test('the notice says what may interrupt service; a split parameter or a declined step runs nothing more', async () => {
    // Adversarial: steps 2 and 3 given different users. The script takes one value: refused first.
    await page.locator('.rg-step[data-step="shell-release-virtfs"] input.rg-param').fill('someoneelse');
    await block().locator('.rg-apply-fix').click();
    await state('invalid');
    expect(await block().locator('.rg-guided-status').textContent()).toContain('Nothing has run');
    await page.locator('.rg-step[data-step="shell-release-virtfs"] input.rg-param').fill(user);

    await block().locator('.rg-apply-fix').click();
    const notice = page.locator('dialog.rg-guided-notice');
    await notice.waitFor({ state: 'visible' });
    const warnings = await notice.locator('.rg-guided-warnings li').allTextContents();
    expect(warnings).toContain(fill(s.guided.disruptive, { n: '3', title: "Release a user's VirtFS mounts" }));
    expect(await seriousViolations(page, 'dialog.rg-guided-notice')).toEqual([]);
    await notice.locator('.rg-guided-cancel').click();
    expect(audit()).toEqual([]);

    await start();
    await answer('shell-default', 'run');
    await answer('shell-user', 'run', false);
    await state('stopped');
    expect(await block().getAttribute('data-stopped-at')).toBe('shell-user');
    expect(await block().getAttribute('data-stopped-cause')).toBe('not-run');
    expect(await undoList()).toEqual(['shell-default']);
    expect(audit()).toEqual(['shell-default/run', 'shell-default/verify']);
    expect(host()).toMatchObject({ jailDefault: 'jaildefaultshell=0', shell: JAIL, virtfs: '1' });

    await block().locator('.rg-guided-rollback').click();
    await answer('shell-default', 'rollback');
    await state('rolled-back');
    expect(audit().slice(2)).toEqual(['shell-default/rollback']);
    expect(host()).toMatchObject({ jailDefault: 'jaildefaultshell=1', shell: JAIL, virtfs: '1' });
  });

  test('a failing second step stops the run; later steps never run; the rollback undoes both, newest first', async () => {
    // A real refusal: the user has no shell (noshell), which this fix never changes (exit 3).
    inside(`usermod -s /usr/local/cpanel/bin/noshell ${user}`);
    const before = audit().length;
    await start();
    await answer('shell-default', 'run');
    await answer('shell-user', 'run');
    await state('stopped');
    expect(await block().getAttribute('data-stopped-at')).toBe('shell-user');
    expect(await block().getAttribute('data-stopped-cause')).toBe('failed');
    expect(await block().locator('.rg-guided-later').count()).toBe(1);
    expect(await block().locator('.rg-guided-rollback').textContent()).toBe(fill(s.guided.rollBackSteps.other, { k: '2' }));
    expect(await undoList()).toEqual(['shell-user', 'shell-default']);
    expect(audit().slice(before)).toEqual(['shell-default/run', 'shell-default/verify', 'shell-user/run']);
    expect(host()).toMatchObject({ jailDefault: 'jaildefaultshell=0', virtfs: '1' });

    await block().locator('.rg-guided-rollback').click();
    await answer('shell-user', 'rollback');
    await answer('shell-default', 'rollback');
    await state('rolled-back');
    expect(audit().slice(before + 3)).toEqual(['shell-user/rollback', 'shell-default/rollback']);
    expect(host()).toMatchObject({ jailDefault: 'jaildefaultshell=1', shell: '/usr/local/cpanel/bin/noshell', virtfs: '1' });
  });

  test('a failing verify of the last step: the rollback restores the shell and the default the fix changed', async () => {
    // A process of the user's sits in its VirtFS mount: cPanel's script cannot unmount it (busy).
    const sleeper = spawn(ns.enter[0]!, [...ns.enter.slice(1), 'bash', '-c', `cd ${VIRTFS} && echo in && exec sleep 600`]);
    holder = sleeper;
    await new Promise((ok) => sleeper.stdout!.once('data', ok));
    const before = audit().length;
    await start();
    await answer('shell-default', 'run');
    await answer('shell-user', 'run');
    await answer('shell-release-virtfs', 'run');
    await state('stopped');
    expect(await block().getAttribute('data-stopped-at')).toBe('shell-release-virtfs');
    expect(await block().getAttribute('data-stopped-which')).toBe('verify');
    // Newest first; the release has no rollback of its own, and says so.
    expect(await undoList()).toEqual(['shell-release-virtfs', 'shell-user', 'shell-default']);
    expect(await block().locator('.rg-guided-undo li[data-rollback="none"]').getAttribute('data-step')).toBe('shell-release-virtfs');
    expect(host()).toMatchObject({ jailDefault: 'jaildefaultshell=0', shell: '/bin/bash', virtfs: '1', shellRecord: 'kept' });

    await block().locator('.rg-guided-rollback').click();
    await answer('shell-user', 'rollback');
    await answer('shell-default', 'rollback');
    await state('rolled-back');
    expect(audit().slice(before + 6)).toEqual(['shell-user/rollback', 'shell-default/rollback']);
    expect(host()).toEqual({ jailDefault: 'jaildefaultshell=1', shell: JAIL, virtfs: '1', shellRecord: 'none' });
    await new Promise((ok) => sleeper.once('exit', ok).kill());
  });

  test('when every step passes, the fix is applied and says so', async () => {
    const before = audit().length;
    await start();
    await answer('shell-default', 'run');
    await answer('shell-user', 'run');
    await answer('shell-release-virtfs', 'run');
    await state('done');
    expect(await block().locator('.rg-guided-status').textContent()).toBe(fill(s.guided.done, { fix: '2', total: '3' }));
    expect(audit().slice(before)).toEqual(['default', 'user', 'release-virtfs'].flatMap((id) => [`shell-${id}/run`, `shell-${id}/verify`]));
    expect(host()).toMatchObject({ jailDefault: 'jaildefaultshell=0', shell: '/bin/bash', virtfs: '0' });
  });

  test('a reload in the middle ends the run where it was: nothing more runs, the results stay', async () => {
    inside(`usermod -s ${JAIL} ${user}; rm -f /var/lib/runguide/shell-before.${user}`);
    const before = audit().length;
    await start();
    await answer('shell-default', 'run');
    await page.locator('dialog.rg-confirm').waitFor({ state: 'visible', timeout: 90_000 });
    await page.reload();
    await state('interrupted');
    expect(await page.locator('.rg-step[data-step="shell-default"] .rg-badge').getAttribute('data-verdict')).toBe('pass');
    expect(await page.locator('dialog.rg-confirm').isVisible()).toBe(false);
    expect(audit().slice(before)).toEqual(['shell-default/run', 'shell-default/verify']);
    expect(host()).toMatchObject({ shell: JAIL });
  });
});
