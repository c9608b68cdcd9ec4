// Shared by the ui-* browser tests: the real runner (startServer) on 127.0.0.1 with throwaway
// HOME/XDG directories serving the real dist/, and Debian's chromium through playwright-core.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { startServer, type RunningServer } from '../../server/index.ts';
import { runbooks } from '../../runbooks/index.ts';
import { evaluate, findStep, renderCommand } from '../../core/render.ts';
import type { Verdict } from '../../core/step-ref.ts';

export const RUNBOOK_PATH = '/en/cpanel-backup-freeze/';

/** A page of the runner, with this start's token in the fragment, as `./runguide start` prints it. */
export const runbookUrl = (server: RunningServer, path = RUNBOOK_PATH): string => `${server.origin}${path}#token=${server.token}`;

export { launchBrowser } from './browser.ts';

export interface Runner {
  server: RunningServer;
  home: string;
  close(): Promise<void>;
}

/** The runner with a fresh HOME; `hosts` becomes its hosts file (XDG_CONFIG_HOME/runguide/hosts.json). */
export async function startRunner(opts: { hosts?: unknown[]; record?: boolean; env?: Record<string, string> } = {}): Promise<Runner> {
  const home = mkdtempSync(join(tmpdir(), 'runguide-ui-'));
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_STATE_HOME: join(home, 'state'),
    SHELL: '/bin/bash',
    PS1: '$ ',
    ...opts.env,
  };
  if (opts.hosts) {
    mkdirSync(join(home, 'config', 'runguide'), { recursive: true });
    writeFileSync(join(home, 'config', 'runguide', 'hosts.json'), JSON.stringify(opts.hosts));
  }
  const server = await startServer({ port: 0, env, dist: 'dist', record: opts.record, log: () => {} });
  return {
    server,
    home,
    async close() {
      await server.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** What the terminal shows: xterm's DOM rows as text. */
export function screenText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.rg-screen .xterm-rows > div')]
      .map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd())
      .join('\n'),
  );
}

/** Waits until the terminal shows `text`. */
export async function waitForScreen(page: Page, text: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (t) =>
      [...document.querySelectorAll('.rg-screen .xterm-rows > div')].some((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').includes(t)),
    text,
    { timeout },
  );
}

/** The verdict badge of a step: its data-verdict once it is one of pass/fail/error/cancelled. */
export async function finalVerdict(page: Page, step: string, timeout = 90_000): Promise<string> {
  const badge = page.locator(`.rg-step[data-step="${step}"] .rg-verdict .rg-badge`);
  await page.waitForFunction(
    (id) =>
      ['pass', 'fail', 'error', 'cancelled'].includes(
        document.querySelector<HTMLElement>(`.rg-step[data-step="${id}"] .rg-badge`)?.dataset.verdict ?? '',
      ),
    step,
    { timeout },
  );
  return (await badge.getAttribute('data-verdict'))!;
}

/** Requests for the lazily loaded panel chunk (xterm lives there). */
export function trackPanelChunk(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (/\/_astro\/panel\.[^/]*\.js$/.test(new URL(r.url()).pathname)) seen.push(r.url());
  });
  return seen;
}

// This test machine is Debian: the runner detects the "ubuntu" family.
export const runHere = (id: string) => {
  const step = findStep(runbooks['cpanel-backup-freeze']!, id)!;
  let exit = 0;
  let stdout = '';
  try {
    stdout = execFileSync('bash', ['-c', renderCommand(step, 'run', 'ubuntu')], { encoding: 'utf8' });
  } catch (e) {
    exit = (e as { status: number }).status;
    stdout = (e as { stdout: string }).stdout;
  }
  return { verdict: evaluate(step.expect, exit, stdout), lastLine: stdout.trim().split('\n').at(-1)!.trim() };
};
export const expectedVerdict = (id: string): Verdict => runHere(id).verdict;
