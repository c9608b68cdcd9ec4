// Running a step over real SSH from the page: a throwaway sshd (test/helpers/sshd.ts), a hosts
// file naming it, the host picked in the panel, the step's verdict on the page.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSshd, type Sshd } from './helpers/sshd.ts';
import { finalVerdict, launchBrowser, RUNBOOK_PATH, startRunner, waitForScreen, type Runner } from './ui-harness.ts';

let sshd: Sshd;
let runner: Runner;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  sshd = await startSshd();
  runner = await startRunner({ hosts: [{ ...sshd.hostsEntry('test-vps'), label: 'Test VPS' }] });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${runner.server.origin}${RUNBOOK_PATH}#token=${runner.server.token}`);
});

afterAll(async () => {
  await browser?.close();
  await runner?.close();
  await sshd?.stop();
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
