// Running a step over real SSH from the page: a throwaway sshd (test/helpers/sshd.ts), a hosts
// file naming it, the host picked in the panel, the step's verdict on the page.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSshd, type Sshd } from '../helpers/sshd.ts';
import { finalVerdict, launchBrowser, screenText, startRunner, waitForScreen, type Runner, runbookUrl } from '../helpers/ui-harness.ts';

let sshd: Sshd;
let runner: Runner;
let browser: Browser;
let page: Page;

// The user's own ssh configuration. ssh reads ~/.ssh/config from the passwd entry's home, not
// $HOME, so the runner's `ssh` is a wrapper adding -F: this machine's own ~/.ssh stays untouched.
const sshConfigDir = mkdtempSync(join(tmpdir(), 'runguide-ssh-config-'));
const sshConfig = join(sshConfigDir, 'config');

beforeAll(async () => {
  sshd = await startSshd();
  mkdirSync(join(sshConfigDir, 'bin'));
  writeFileSync(sshConfig, '');
  writeFileSync(join(sshConfigDir, 'bin', 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${sshConfig} "$@"\n`, { mode: 0o755 });
  runner = await startRunner({
    hosts: [{ ...sshd.hostsEntry('test-vps'), label: 'Test VPS' }],
    env: { PATH: `${join(sshConfigDir, 'bin')}:${process.env.PATH}` },
  });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(runbookUrl(runner.server));
});

afterAll(async () => {
  await browser?.close();
  await runner?.close();
  await sshd?.stop();
  rmSync(sshConfigDir, { recursive: true, force: true });
});

test('a step runs over SSH on the host picked in the panel', async () => {
  await page.locator('.rg-open').click();
  await page.waitForFunction(() => document.querySelector('.rg-state')?.textContent?.startsWith('Connected'));
  // This runner was started without --record: no recording, so no download is offered.
  expect(await page.locator('.rg-download').isHidden()).toBe(true);
  const select = page.locator('.rg-host-select');
  // "This machine" first, then the hosts file's entries in their own group.
  expect(await select.locator('option').first().textContent()).toBe('This machine');
  expect(await select.locator('optgroup[label="Hosts file"] option').textContent()).toBe('Test VPS');
  await select.selectOption('test-vps');
  await page.waitForFunction(() => document.querySelector('.rg-state')?.textContent === 'Connected to Test VPS', null, { timeout: 60_000 });

  await page.locator('.rg-step[data-step="panic-on-hang"] .rg-run[data-which="run"]').click();
  expect(await finalVerdict(page, 'panic-on-hang', 120_000)).toMatch(/^(pass|fail)$/);
  await waitForScreen(page, 'kernel.hung_task_panic');
  // The run went through sshd: it logged the key login of this session.
  expect(sshd.log()).toMatch(/Accepted publickey/);
  const audit = await import('node:fs').then((fs) => fs.readFileSync(runner.server.paths.auditLog, 'utf8'));
  expect(audit).toMatch(/"host":"test-vps".*"step":"panic-on-hang"/);
});

test('an unknown host is reported in the panel, not only in the console', async () => {
  // A host that vanished from the hosts file between listing and choosing it.
  await page.evaluate(() => {
    const select = document.querySelector<HTMLSelectElement>('.rg-host-select')!;
    select.append(new Option('Gone', 'gone-host'));
    select.value = 'gone-host';
    select.dispatchEvent(new Event('change'));
  });
  const alert = page.locator('.rg-alert[role="alert"]');
  await page.waitForFunction(() => (document.querySelector('.rg-alert')?.textContent ?? '').length > 0, null, { timeout: 30_000 });
  expect(await alert.textContent()).toContain('gone-host');
  // The panel does not hang on "Connecting…": a Run reports the problem on the step.
  await page.waitForFunction(() => document.querySelector('.rg-state')?.textContent === 'Not connected');
  await page.locator('.rg-step[data-step="tmp-loop"] .rg-run[data-which="run"]').click();
  await page.waitForFunction(() => document.querySelector('.rg-state')?.textContent === 'Not connected');
  expect(await finalVerdict(page, 'tmp-loop')).toBe('error');
  expect(await page.locator('.rg-step[data-step="tmp-loop"] .rg-verdict').textContent()).toContain('gone-host');
});

test('"Add a server…" writes the hosts file, and the terminal opens on the new server at once', async () => {
  // The user's ssh configuration knows the key and the host key, as it would for a real VPS.
  writeFileSync(
    sshConfig,
    `Host 127.0.0.1\n  IdentityFile ${sshd.clientKey}\n  IdentitiesOnly yes\n  UserKnownHostsFile ${sshd.knownHosts}\n`,
  );
  const select = page.locator('.rg-host-select');
  await select.selectOption({ label: 'Add a server…' });
  const dialog = page.locator('dialog.rg-add-host');
  await dialog.waitFor({ state: 'visible' });
  // A name ssh would refuse is explained in the dialog, which stays open.
  await dialog.locator('input[name="host"]').fill('vps one; reboot');
  await dialog.locator('.rg-add-host-submit').click();
  await page.waitForFunction(() => (document.querySelector('.rg-add-host-error')?.textContent ?? '').length > 0);
  expect(await dialog.locator('.rg-add-host-error').textContent()).toContain('The server could not be added');
  expect(await dialog.isVisible()).toBe(true);

  await dialog.locator('input[name="host"]').fill('127.0.0.1');
  await dialog.locator('input[name="user"]').fill(sshd.user);
  await dialog.locator('input[name="port"]').fill(String(sshd.port));
  await dialog.locator('.rg-add-host-submit').click();
  await dialog.waitFor({ state: 'hidden' });
  const id = `${sshd.user}@127.0.0.1`;
  await expect.poll(() => select.inputValue(), { timeout: 30_000 }).toBe(id);
  await page.waitForFunction(
    (label) => document.querySelector('.rg-state')?.textContent === `Connected to ${label}`,
    `${sshd.user}@127.0.0.1:${sshd.port}`,
    { timeout: 60_000 },
  );
  const saved = JSON.parse(readFileSync(runner.server.paths.hostsFile, 'utf8')) as { host: string; port: number }[];
  expect(saved.at(-1)).toMatchObject({ host: '127.0.0.1', port: sshd.port, user: sshd.user, id });
  await page.locator('.rg-step[data-step="panic-on-hang"] .rg-run[data-which="run"]').click();
  const v = await finalVerdict(page, 'panic-on-hang', 120_000);
  expect(v, `${await page.locator('.rg-step[data-step="panic-on-hang"] .rg-verdict').textContent()} / ${await screenText(page)}`).toMatch(
    /^(pass|fail)$/,
  );
  const audit = readFileSync(runner.server.paths.auditLog, 'utf8');
  expect(audit).toContain(`"host":"${id}"`);
});

test('a bad hosts-file entry is explained in the panel, and the good ones stay', async () => {
  writeFileSync(
    runner.server.paths.hostsFile,
    JSON.stringify([
      { ...sshd.hostsEntry('test-vps'), label: 'Test VPS' },
      { id: 'broken', host: 'vps one' },
    ]),
  );
  await page.reload();
  if (await page.locator('.rg-drawer').isHidden()) await page.locator('.rg-open').click();
  await page.waitForFunction(
    () => (document.querySelector('.rg-alert')?.textContent ?? '').includes('entry 2 (vps one) is invalid'),
    null,
    { timeout: 30_000 },
  );
  const options = await page.locator('.rg-host-select option').allTextContents();
  expect(options).toContain('Test VPS');
  expect(options).not.toContain('broken');
});
