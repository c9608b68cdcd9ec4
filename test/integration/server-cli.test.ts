// The runner as `./runguide start` starts it, built (build/runner, by test/build.global.ts): flags,
// refusals with exit code 2, the printed URL, the site served, and Ctrl-C ending every terminal
// and closing the port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { connect } from '../../server/client.ts';
import { sessionMembers } from '../../server/session-processes.ts';
import { tempHome } from '../helpers/runner.ts';

const MAIN = new URL('../../build/runner/server/main.js', import.meta.url).pathname;

// One throwaway HOME for the file (no runner here ever reads the user's own), removed at the end.
let home: ReturnType<typeof tempHome>;
beforeAll(() => {
  home = tempHome();
});
afterAll(() => rmSync(home.home, { recursive: true, force: true }));

function cli(args: string[]) {
  return spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 30_000, env: home.env });
}

const portOpen = (port: number) =>
  new Promise<boolean>((ok) => {
    const s = netConnect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      ok(true);
    });
    s.on('error', () => ok(false));
  });

describe('runguide start', () => {
  it('documents its flags in --help', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--port', '--host', '--max-sessions', '--grace', '--record']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('ssh -L 4321:127.0.0.1:4321');
    expect(r.stdout).not.toContain('--allow-remote');
  });

  it('refuses bad flags with a clear message and exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /Unknown option '--bogus'/],
      [['--port', 'http'], /--port/],
      [['--port', '70000'], /--port/],
      [['--max-sessions', '0'], /--max-sessions/],
      [['--grace', '-1'], /--grace/],
      [['stray'], /positional/i],
      [['--host', '0.0.0.0'], /Refusing to listen on 0\.0\.0\.0.*ssh -L/s],
      [['--allow-remote'], /Unknown option '--allow-remote'/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('prints a URL with a token, and Ctrl-C ends every terminal and closes the port', async () => {
    const { env } = home;
    const child: ChildProcess = spawn(process.execPath, [MAIN, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    try {
      // The token in the fragment, which the browser sends to no server.
      await expect.poll(() => /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{48}/.test(out), { timeout: 30_000 }).toBe(true);
      const url = new URL(/http:\S+/.exec(out)![0]);
      const port = Number(url.port);
      // The built runner finds the project's dist/ from build/runner/server/.
      const page = await fetch(`${url.origin}/en/cpanel-backup-freeze/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('qemu-guest-agent');
      const c = await connect(url.origin, url.hash.replace('#token=', ''));
      c.input('sleep 3603 & echo "bg=$!"; echo "shell=$$"\r');
      await c.waitForText(/shell=\d+/);
      const shell = Number(/shell=(\d+)/.exec(c.allText())![1]);
      const bg = Number(/bg=(\d+)/.exec(c.allText())![1]);
      expect(sessionMembers(shell)).toContain(bg);

      child.kill('SIGINT');
      const code = await new Promise((ok) => child.once('exit', ok));
      expect(code).toBe(0);
      expect(sessionMembers(shell)).toEqual([]);
      expect(await portOpen(port)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
