// The panel when securetmp-remove's verify says "applied, reboot": the real runner, the real built
// page in Debian's chromium, the step run for real against cPanel's securetmp layout in a mount
// namespace (helpers/securetmp.ts, which names its stand-ins), entered by the session's shell
// through SHELL, so this machine's own /tmp and /etc/fstab are never touched.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/index.ts';
import { terminalStringsFor } from '../../i18n/terminal.ts';
import { tempHome } from '../helpers/runner.ts';
import { securetmpServer } from '../helpers/securetmp.ts';
import { finalVerdict, launchBrowser, runbookUrl } from '../helpers/ui-harness.ts';

const s = terminalStringsFor('en');

describe.skipIf(process.getuid?.() !== 0)('the panel when a restart, not a rollback, completes a change', () => {
  let work: string;
  let ns: Awaited<ReturnType<typeof securetmpServer>>['ns'];
  let home: ReturnType<typeof tempHome>;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'runguide-ui-securetmp-'));
    ({ ns } = await securetmpServer(work));
    home = tempHome();
    server = await startServer({ port: 0, env: { ...home.env, SHELL: ns.shell }, dist: 'dist', log: () => {} });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(runbookUrl(server));
    await page.locator('.rg-open').waitFor({ state: 'visible' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ns?.stop();
    if (home) rmSync(home.home, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the failed verify shows the restart advice and offers no rollback', async () => {
    const section = page.locator('.rg-step[data-step="securetmp-remove"]');
    await section.locator('.rg-run[data-which="run"]').click();
    const dialog = page.locator('dialog.rg-confirm');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    await dialog.locator('.rg-confirm-accept').click();
    expect(await finalVerdict(page, 'securetmp-remove')).toBe('pass');

    await section.locator('.rg-run[data-which="verify"]').click();
    await page.waitForFunction(
      () =>
        document.querySelector('.rg-step[data-step="securetmp-remove"] .rg-badge[data-which="verify"]')?.getAttribute('data-verdict') ===
        'fail',
      null,
      { timeout: 90_000 },
    );
    expect(await section.locator('.rg-restart-hint').textContent()).toBe(s.restartHint);
    expect(await section.locator('.rg-rollback-offer').count()).toBe(0);
    expect(await section.locator('.rg-verdict').textContent()).not.toContain(s.rollbackOffer);
    expect(await section.locator('.rg-run[data-which="rollback"]').isVisible()).toBe(false);
  });
});
