// `./runguide bench browser`: what a user sees, in Chromium, through the real runbook page and its
// terminal panel served by the runner, side by side with ttyd's own page (xterm.js too), in one run:
// the time to show a 20 MB burst, the frames dropped meanwhile, and keystroke to painted echo.
// The runner's panel is measured with each renderer: DOM, as shipped, and WebGL (browser-webgl.ts). Writes bench/browser.json and the browser section of bench/README.md. Method:
// bench/README.md. A benchmark: nothing fails on a time. Every wait is capped, and the servers and
// the browser are stopped however the run ends.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { openRunnerPage, openTtydPage, type OpenedPage, type PageTarget } from './browser-pages.ts';
import { burst, echoes, frameBudget, typeLine, waitForTail } from './browser-probe.ts';
import { LABELS, save, table, type BrowserRun, type TargetResult } from './browser-report.ts';
import { ensureWebglAddon } from './browser-webgl.ts';
import { spawnRunner } from './runner-target.ts';
import { makeHome } from './targets.ts';
import { ensureTtyd, TTYD, ttydBuilt } from './ttyd-build.ts';
import { spawnTtyd } from './ttyd-target.ts';

const here = new URL('.', import.meta.url).pathname;
const RUN_CAP_MS = 15 * 60_000;
/** Opening a page, a shell's answer: generous, this machine is shared. */
const STEP_CAP = 60_000;
const WARM_KEYS = 20;

const { values: o } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    keys: { type: 'string', default: '200' },
    bytes: { type: 'string', default: '20000000' },
    'no-save': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (o.help) {
  console.log('Usage: ./runguide bench browser [--rounds 3] [--keys 200] [--bytes 20000000] [--no-save]   (about 1 min a round)');
  process.exit(0);
}
const rounds = Number(o.rounds);
const keys = Number(o.keys);
const bytes = Number(o.bytes);
if (!existsSync(join(here, '..', 'dist', 'index.html'))) throw new Error('bench browser: no dist/: build the site first (npx astro build)');

const BURST = `head -c ${bytes} </dev/zero | tr '\\0' x | fold -w 79; printf 'BENCH%s\\n' _END`;
const ECHO = `stty -icanon; printf 'READY%s\\n' _X; exec cat >/dev/null`;

/** One page: its burst, then its keystrokes, into `r`. */
async function measurePage(opened: OpenedPage, r: TargetResult): Promise<void> {
  const { page } = opened;
  r.renderer.push(opened.renderer);
  r.size = `${opened.cols} × ${opened.rows}`;
  await typeLine(page, BURST, STEP_CAP);
  r.budget.push(await frameBudget(page));
  r.bursts.push(await burst(page, 180_000));
  await typeLine(page, ECHO, STEP_CAP);
  await page.keyboard.press('Enter');
  await waitForTail(page, /READY_X$/, STEP_CAP);
  await echoes(page, WARM_KEYS, 5_000);
  r.echoes.push(...(await echoes(page, keys, 5_000)));
}

const git = (args: string[]) => {
  try {
    return execFileSync('git', args, { cwd: here, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

/** The WebGL renderer string a page gets (SwiftShader on a machine without a GPU), or why none. */
async function webglInfo(browser: Browser): Promise<string> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'no WebGL2 context';
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    });
  } finally {
    await page.close();
  }
}

const loadStart = loadavg();
const env = makeHome();
let browser: Browser | null = null;
let stops: (() => Promise<void>)[] = [];
async function cleanUp() {
  await browser?.close().catch(() => {});
  await Promise.all(stops.map((s) => s().catch(() => {})));
  stops = [];
  env.remove();
}
const watchdog = setTimeout(() => {
  console.error(`bench browser: the run passed ${RUN_CAP_MS / 60_000} min; stopping`);
  void cleanUp().finally(() => process.exit(1));
}, RUN_CAP_MS);
watchdog.unref();
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

const targets: Record<PageTarget, TargetResult> = {
  'runner-webgl': { renderer: [], size: '', budget: [], bursts: [], echoes: [], errors: [] },
  'runner-dom': { renderer: [], size: '', budget: [], bursts: [], echoes: [], errors: [] },
  ttyd: { renderer: [], size: '', budget: [], bursts: [], echoes: [], errors: [] },
};
let run: BrowserRun | null = null;
try {
  const ttydProblem = await ensureTtyd();
  const webglProblem = ensureWebglAddon();
  if (webglProblem) targets['runner-webgl'].errors.push(webglProblem);
  const runner = await spawnRunner(env.env);
  stops.push(runner.stop);
  const ttyd = ttydProblem ? null : await spawnTtyd(env.env, env.home);
  if (ttyd) stops.push(ttyd.stop);
  else targets.ttyd.errors.push(`ttyd unavailable: ${ttydProblem}`);
  // SwiftShader (software WebGL) is the only WebGL on a machine without a GPU; Chromium offers it
  // to pages only when told to.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  const webgl = await webglInfo(browser);
  let box = { width: 1000, height: 300 };
  const open = (id: PageTarget) =>
    id === 'ttyd' ? openTtydPage(browser!, ttyd!.url, box, STEP_CAP) : openRunnerPage(browser!, runner.origin, runner.token, id, STEP_CAP);
  for (let i = 0; i < rounds; i++) {
    const order: PageTarget[] = ['runner-dom', 'runner-webgl', 'ttyd'];
    if (i % 2) order.reverse();
    for (const id of order) {
      if (id === 'ttyd' && !ttyd) continue;
      process.stderr.write(`bench browser: round ${i + 1}, ${LABELS[id]} … `);
      const t0 = performance.now();
      let opened: OpenedPage | null = null;
      try {
        opened = await open(id);
        if (id !== 'ttyd') box = opened.box;
        await measurePage(opened, targets[id]);
        process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      } catch (e) {
        targets[id].errors.push((e as Error).message.split('\n')[0]!);
        process.stderr.write(`failed: ${(e as Error).message.split('\n')[0]}\n`);
      } finally {
        await opened?.close().catch(() => {});
      }
    }
  }
  const built = ttydBuilt();
  run = {
    date: new Date().toISOString(),
    commit: git(['rev-parse', '--short', 'HEAD']) + (git(['status', '--porcelain', '--', '../src', '../server']) ? ' (modified)' : ''),
    chromium: `Chromium ${browser.version()}`,
    webgl,
    ttyd: built ? `ttyd ${built.version} (Debian's source, libwebsockets ${built.libwebsockets})` : `no ttyd ${TTYD.version}`,
    load: { start: loadStart, end: loadavg() },
    rounds,
    keys,
    bytes,
    targets,
  };
} finally {
  await cleanUp();
}
if (run) {
  const text = table(run);
  console.log(text);
  if (!o['no-save']) save(run, text);
}
