// The "Check several servers" dialog refusing what cannot start, in a real browser against the
// real runner: nothing chosen, and a pasted inventory that the real ansible-inventory refuses.
// (ui-fleet.test.ts runs the fleet itself over real sshd hosts.)
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, runbookUrl, type Runner, startRunner } from '../helpers/ui-harness.ts';

let runner: Runner;
let browser: Browser;
let page: Page;

describe('the fleet dialog refuses what cannot start', () => {
  beforeAll(async () => {
    runner = await startRunner();
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(runbookUrl(runner.server));
    await page.locator('.rg-fleet-open').click();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await runner?.close();
  });

  test('nothing chosen: the form says so and nothing starts', async () => {
    const dialog = page.getByRole('dialog', { name: 'Check several servers' });
    await dialog.getByRole('button', { name: 'Start' }).click();
    expect(await dialog.locator('.rg-fleet-problem').textContent()).toBe('Choose at least one server, or paste an inventory.');
    expect(await page.locator('.rg-fleet-table tbody tr').count()).toBe(0);
  });

  test('a pasted inventory that ansible-inventory refuses is refused in the dialog, in its words', async () => {
    await page.getByRole('radio', { name: 'From an Ansible inventory' }).check();
    await page.getByLabel('Paste an Ansible inventory (INI or YAML)').fill('[web\nhost1 ansible_host=<script>');
    await page.getByRole('button', { name: 'Start' }).click();
    const problem = page.locator('.rg-fleet-problem');
    await page.waitForFunction(() => /refused/.test(document.querySelector('.rg-fleet-problem')?.textContent ?? ''), null, {
      timeout: 60_000,
    });
    expect(await problem.textContent()).toMatch(/^The runner refused: ansible-inventory refused the inventory/);
    expect(await page.getByRole('button', { name: 'Start' }).isEnabled()).toBe(true);
  }, 120_000);
});
