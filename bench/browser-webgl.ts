// xterm.js's WebGL renderer for the runner's panel, measured but not shipped: the panel draws with
// the DOM renderer (bench/README.md says why). `@xterm/addon-webgl`, pinned, is installed into
// bench/.peer/webgl like the peers, outside the project's dependencies, and loaded into the open
// panel's terminal through the same `loadAddon` the panel would use.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PEER_DIR } from './wetty-install.ts';

export const WEBGL_ADDON = '0.19.0';
const DIR = join(PEER_DIR, 'webgl');
const PKG = join(DIR, 'node_modules', '@xterm', 'addon-webgl');

const installed = () => {
  try {
    return (JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as { version: string }).version === WEBGL_ADDON;
  } catch {
    return false;
  }
};

/** Installs the add-on once; returns null, or why it cannot be had. */
export function ensureWebglAddon(): string | null {
  if (installed()) return null;
  console.error(`bench: installing @xterm/addon-webgl@${WEBGL_ADDON} into bench/.peer/webgl`);
  try {
    mkdirSync(DIR, { recursive: true });
    execFileSync('npm', ['install', '--prefix', DIR, '--no-audit', '--no-fund', `@xterm/addon-webgl@${WEBGL_ADDON}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 3 * 60_000,
    });
  } catch (e) {
    return `could not install @xterm/addon-webgl: ${(e as Error).message}`;
  }
  return installed() ? null : 'the add-on was installed but is not in bench/.peer/webgl';
}

/** Loads the add-on into the panel's terminal; 'webgl' once it draws, else why not. */
export async function useWebgl(page: Page): Promise<string> {
  const umd = join(PKG, 'lib', 'addon-webgl.js');
  if (!existsSync(umd)) return 'dom (no add-on)';
  // Evaluated through CDP: the page's Content-Security-Policy allows no script tag of ours.
  await page.evaluate(`${readFileSync(umd, 'utf8')};0`);
  return page.evaluate(() => {
    const w = window as unknown as { WebglAddon: { WebglAddon: new () => object } };
    const term = (document.querySelector('.rg-screen') as unknown as { rgTerm: { loadAddon(a: object): void } }).rgTerm;
    try {
      term.loadAddon(new w.WebglAddon.WebglAddon());
      return 'webgl';
    } catch (e) {
      return `dom (${(e as Error).message})`;
    }
  });
}
