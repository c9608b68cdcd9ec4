// Steps that change the server, in the real page against the real runner: the confirmation names the
// command, the host and what the fix costs; a failed change offers its rollback; a bad parameter is
// refused at its input. And the panel in another language, and without the runner's token.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runbooks } from '../../runbooks/index.ts';
import { findStep, renderCommand } from '../../core/render.ts';
import type { Verdict } from '../../core/step-ref.ts';
import { glossaries } from '../../core/glossary.ts';
import { terminalStrings } from '../../i18n/terminal.ts';
import {
  expectedVerdict,
  finalVerdict,
  launchBrowser,
  RUNBOOK_PATH,
  screenText,
  startRunner,
  type Runner,
  runbookUrl,
} from '../helpers/ui-harness.ts';

const rb = runbooks['cpanel-backup-freeze']!;
let runner: Runner;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  runner = await startRunner();
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(runbookUrl(runner.server));
  await page.locator('.rg-open').waitFor({ state: 'visible' });
});

afterAll(async () => {
  await browser?.close();
  await runner?.close();
});

describe('steps that change the server', () => {
  test('a change step asks first, showing the exact command; Cancel runs nothing', async () => {
    const step = findStep(rb, 'agent-mask')!;
    await page.locator('.rg-step[data-step="agent-mask"] .rg-run[data-which="run"]').click();
    const dialog = page.locator('dialog.rg-confirm');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await dialog.locator('.rg-confirm-command').textContent()).toBe(renderCommand(step, 'run', 'ubuntu'));
    expect(await dialog.locator('.rg-confirm-risk').textContent()).toBe('Changes the system');
    expect(await dialog.locator('.rg-confirm-rollback code').textContent()).toBe(renderCommand(step, 'rollback', 'ubuntu'));
    // It names where and as whom, what the fix costs and when not to run it, before its buttons,
    // and its button says what it does.
    const en = terminalStrings.en;
    expect(await dialog.locator('.rg-confirm-target').textContent()).toBe('On this machine, as root');
    const consequences = await dialog.locator('.rg-confirm-consequences li').allTextContents();
    expect(consequences).toEqual([en.consequence.agent, en.confirm.backupWindow]);
    expect(
      await dialog.evaluate(
        (d) =>
          d.querySelector('.rg-confirm-consequences')!.compareDocumentPosition(d.querySelector('.rg-confirm-buttons')!) &
          Node.DOCUMENT_POSITION_FOLLOWING,
      ),
    ).toBeTruthy();
    expect(await dialog.locator('.rg-confirm-accept').textContent()).toBe('Stop and mask the guest agent');
    // Centred in the window.
    const box = (await dialog.boundingBox())!;
    const view = page.viewportSize()!;
    expect(Math.abs(box.x + box.width / 2 - view.width / 2)).toBeLessThan(view.width * 0.05);
    expect(Math.abs(box.y + box.height / 2 - view.height / 2)).toBeLessThan(view.height * 0.1);
    await dialog.locator('.rg-confirm-cancel').click();
    expect(await finalVerdict(page, 'agent-mask')).toBe('cancelled');
    // A later run is audited; the declined one never is.
    await page.locator('.rg-step[data-step="panic-on-hang"] .rg-run[data-which="run"]').click();
    expect(await finalVerdict(page, 'panic-on-hang')).toBe(expectedVerdict('panic-on-hang'));
    const audit = readFileSync(runner.server.paths.auditLog, 'utf8');
    expect(audit).toContain('"step":"panic-on-hang"');
    expect(audit).not.toContain('"step":"agent-mask"');
    expect(await screenText(page)).not.toContain('qemu-guest-agent.service');
  });

  test('a change that fails offers its rollback, which is confirmed first', async () => {
    // A user name that does not exist: the step refuses it, nothing changes on this machine.
    const user = 'rgnouser42';
    expect(() => execFileSync('getent', ['passwd', user])).toThrow();
    const section = page.locator('.rg-step[data-step="shell-user"]');
    await section.locator('input.rg-param').fill(user);
    await section.locator('.rg-run[data-which="run"]').click();
    const dialog = page.locator('dialog.rg-confirm');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    const shellUser = findStep(rb, 'shell-user')!;
    expect(await dialog.locator('.rg-confirm-command').textContent()).toBe(renderCommand(shellUser, 'run', 'ubuntu', { user }));
    await dialog.locator('.rg-confirm-accept').click();
    expect(await finalVerdict(page, 'shell-user')).toMatch(/^(fail|error)$/);
    const offer = section.locator('.rg-verdict .rg-rollback-offer');
    expect(await offer.isVisible()).toBe(true);
    await offer.click();
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await dialog.locator('.rg-confirm-command').textContent()).toBe(renderCommand(shellUser, 'rollback', 'ubuntu', { user }));
    await dialog.locator('.rg-confirm-cancel').click();
    expect(await finalVerdict(page, 'shell-user')).toBe('cancelled');
    expect(await section.locator('.rg-badge').getAttribute('data-which')).toBe('rollback');
    await section.locator('input.rg-param').fill('alice');
  });

  test('a parameter that does not match its pattern is refused next to its input', async () => {
    const section = page.locator('.rg-step[data-step="shell-user"]');
    const before = await section.locator('.rg-verdict').innerHTML();
    await section.locator('input.rg-param').fill('Bad User!');
    await section.locator('.rg-run[data-which="run"]').click();
    const error = section.locator('.rg-param-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Bad User!');
    expect(await section.locator('input.rg-param').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('dialog.rg-confirm').isVisible()).toBe(false);
    expect(await section.locator('.rg-verdict').innerHTML()).toBe(before);
    await section.locator('input.rg-param').fill('alice');
  });
});

describe('in another language', () => {
  test('the panel and the verdicts speak the page language (European Portuguese)', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(runbookUrl(runner.server, RUNBOOK_PATH.replace('/en/', '/pt-pt/')));
    expect(await p.locator('.rg-open').textContent()).toBe('Abrir o terminal');
    await p.locator('.rg-step[data-step="tmp-loop"] .rg-run[data-which="run"]').click();
    const verdict = await finalVerdict(p, 'tmp-loop');
    const text = await p.locator('.rg-step[data-step="tmp-loop"] .rg-badge').textContent();
    expect(text).toContain(glossaries['pt-pt'].check[verdict as Verdict]);
    expect(text).toMatch(/\d+(,\d)? s/); // a decimal comma
    expect(await p.locator('.rg-open').textContent()).toBe('Fechar o terminal');
    await ctx.close();
  });
});

describe('without the token', () => {
  test('the page says to open the URL the runner printed, and shows no Run button', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${runner.server.origin}${RUNBOOK_PATH}`);
    const notice = p.locator('.rg-notice[data-when="unauthorized"]');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toContain('access token');
    expect(await p.locator('.rg-run:visible').count()).toBe(0);
    await ctx.close();
  });
});
