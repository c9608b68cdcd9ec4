// "Mark a value secret…" in the real page against the real runner started with --record: a value
// marked in the dialog and then printed in the terminal is absent from the recording the drawer's
// "Download recording" saves, in this session and in the next one (the page sends it again),
// while ordinary output is there; once forgotten, a new session records it as it is.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { terminalStrings } from '../../i18n/terminal.ts';
import { launchBrowser, runbookUrl, startRunner, waitForScreen, type Runner } from '../helpers/ui-harness.ts';
import { seriousViolations } from '../helpers/browser.ts';

const s = terminalStrings.en;
const VALUE = 'Kx9-browser-secret-77';
let runner: Runner;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  runner = await startRunner({ record: true });
  browser = await launchBrowser();
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.goto(runbookUrl(runner.server));
  await page.locator('.rg-open').click();
  await connected();
});

afterAll(async () => {
  await browser?.close();
  await runner?.close();
});

const connected = () =>
  page.waitForFunction(() => document.querySelector('.rg-state')?.textContent?.startsWith('Connected'), null, { timeout: 60_000 });

/** Types a command in the terminal and waits for `expect` on the screen. */
async function typeCommand(command: string, expected: string): Promise<void> {
  await page.locator('.rg-screen .xterm').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await waitForScreen(page, expected);
}

/** "Download recording", as the user clicks it: the saved file's text. */
async function downloadRecording(): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: s.download }).click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/** The recording once it has `text` (output is written within a few milliseconds of being shown). */
async function recordingWith(text: string): Promise<string> {
  let cast = '';
  await expect
    .poll(
      async () => {
        cast = await downloadRecording();
        return cast.includes(text);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return cast;
}

async function newSession(): Promise<void> {
  const before = await page.evaluate(() => JSON.parse(sessionStorage.getItem('runguide:terminal-session')!).session as string);
  await page.locator('.rg-new-session').click();
  await page.waitForFunction((old) => JSON.parse(sessionStorage.getItem('runguide:terminal-session') ?? 'null')?.session !== old, before, {
    timeout: 60_000,
  });
  await connected();
}

describe('Mark a value secret…', () => {
  test('the dialog says what it does, refuses a short value, and is accessible', async () => {
    await page.getByRole('button', { name: s.secrets.mark }).click();
    const dialog = page.getByRole('dialog', { name: s.secrets.title });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(s.secrets.memory);
    expect(await dialog.getByLabel(s.secrets.value).getAttribute('type')).toBe('password');
    expect(await seriousViolations(page, '.rg-secret')).toEqual([]);
    await dialog.getByLabel(s.secrets.value).fill('abc');
    await dialog.getByRole('button', { name: s.secrets.submit }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe(s.secrets.tooShort.replace('{n}', '4'));
    await dialog.getByRole('button', { name: s.cancel }).click();
    expect(await page.locator('.rg-secrets').isVisible()).toBe(false);
  });

  test('a marked value printed in the terminal is absent from the downloaded recording', async () => {
    await page.getByRole('button', { name: s.secrets.mark }).click();
    const dialog = page.getByRole('dialog', { name: s.secrets.title });
    await dialog.getByLabel(s.secrets.value).fill(VALUE);
    await dialog.getByRole('button', { name: s.secrets.submit }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The count, never the value; nothing of it left in the page or the tab's storage.
    expect(await page.locator('.rg-secrets-count').textContent()).toBe('Values marked secret: 1');
    const kept = await page.evaluate(() => [
      document.documentElement.outerHTML,
      JSON.stringify({ ...sessionStorage }),
      JSON.stringify({ ...localStorage }),
    ]);
    expect(kept.filter((t) => t.includes(VALUE))).toEqual([]);
    expect(await page.locator('.rg-secret input').inputValue()).toBe('');

    await typeCommand(`echo "the value: ${VALUE} and ordinary-$((6*7))"`, 'and ordinary-42');
    const cast = await recordingWith('ordinary-42');
    expect(cast).not.toContain(VALUE);
    expect(cast).toContain('the value: [redacted] and ordinary-42');
  });

  test('a new session gets the values this tab holds; once forgotten, no longer', async () => {
    await newSession();
    await typeCommand(`echo "next session ${VALUE} ordinary-$((7*7))"`, 'ordinary-49');
    const cast = await recordingWith('ordinary-49');
    expect(cast).not.toContain(VALUE);
    expect(cast).toContain('next session [redacted] ordinary-49');

    await page.getByRole('button', { name: s.secrets.forget }).click();
    expect(await page.locator('.rg-secrets').isVisible()).toBe(false);
    await newSession();
    await typeCommand(`echo "forgotten ${VALUE} ordinary-$((8*8))"`, 'ordinary-64');
    // Not marked any more: this session records it as printed (what shows the redaction was real).
    expect(await recordingWith('ordinary-64')).toContain(`forgotten ${VALUE} ordinary-64`);
  });
});
