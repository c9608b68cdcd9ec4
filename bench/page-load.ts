// `./runguide bench page-load`: what the browser fetches and waits for, on the throttled link of
// issue 13 (150 ms RTT, 1.6 Mbit/s down, CPU slowed ×4, by Chromium's own DevTools emulation): the
// runbook page, then a click on "Open terminal" until the terminal says it is connected. Twice per
// round: as the runner serves the site now (brotli, by Accept-Encoding) and as it did before the
// build precompressed it (the browser asking for identity). Writes bench/page-load.json and the
// page-load section of bench/README.md. A benchmark: nothing fails on a time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startServer } from '../server/index.ts';
import { writeReadmeSection } from './readme-section.ts';

const here = new URL('.', import.meta.url).pathname;
const RTT_MS = 150;
const DOWN_BYTES_PER_S = 1_600_000 / 8;
const UP_BYTES_PER_S = 750_000 / 8;
const CPU_SLOWDOWN = 4;
const PAGE = '/en/cpanel-backup-freeze/';
/** Issue 13's goal: the terminal's code on open, compressed, at most this many KB. */
const GOAL_KB = 120;
const VARIANTS = { compressed: null, identity: 'identity' } as const;
type Variant = keyof typeof VARIANTS;

interface Sample {
  /** From navigation to the load event. */
  pageMs: number;
  /** Bytes on the wire until then. */
  pageBytes: number;
  /** From the click on "Open terminal" to "Connected". */
  openMs: number;
  /** Bytes on the wire for that. */
  openBytes: number;
  /** Of which the bodies of scripts (headers aside): the terminal's code, as compressed. */
  openScriptBytes: number;
}

const rounds = Number(/^--rounds=(\d+)$/.exec(process.argv[2] ?? '')?.[1] ?? 3);
if (process.argv.includes('--help')) {
  console.log('Usage: ./runguide bench page-load [--rounds=N]   (default 3; about 30 s a round)');
  process.exit(0);
}

async function sample(browser: Browser, origin: string, token: string, variant: Variant): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  let bytes = 0;
  let scriptBytes = 0;
  const scripts = new Set<string>();
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => {
    if (e.type === 'Script') scripts.add(e.requestId);
  });
  cdp.on('Network.dataReceived', (e: { requestId: string; encodedDataLength: number }) => {
    if (scripts.has(e.requestId)) scriptBytes += e.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: RTT_MS,
    downloadThroughput: DOWN_BYTES_PER_S,
    uploadThroughput: UP_BYTES_PER_S,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const accept = VARIANTS[variant];
  if (accept) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': accept } });
  try {
    const t0 = performance.now();
    await page.goto(`${origin}${PAGE}#token=${token}`, { waitUntil: 'load', timeout: 120_000 });
    const pageMs = performance.now() - t0;
    const pageBytes = bytes;
    await page.locator('.rg-open').waitFor({ state: 'visible', timeout: 120_000 });
    // The page settles first. Starlight's search fetches its UI (21 KB) when the browser is next
    // idle, which on this link came after the click, counted as the terminal's code; an idle
    // callback queued now runs after the search's, and the network then goes quiet.
    await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(null))));
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    const before = bytes;
    const scriptsBefore = scriptBytes;
    const t1 = performance.now();
    await page.locator('.rg-open').click();
    await page.waitForFunction(() => document.querySelector('.rg-state')?.textContent?.startsWith('Connected'), null, { timeout: 120_000 });
    const openMs = performance.now() - t1;
    return { pageMs, pageBytes, openMs, openBytes: bytes - before, openScriptBytes: scriptBytes - scriptsBefore };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const home = mkdtempSync(join(tmpdir(), 'runguide-bench-page-'));
const server = await startServer({
  port: 0,
  dist: join(here, '..', 'dist'),
  env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state'), SHELL: '/bin/bash' },
  log: () => {},
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const samples: Record<Variant, Sample[]> = { compressed: [], identity: [] };
try {
  for (let i = 0; i < rounds; i++)
    for (const v of (i % 2 ? ['identity', 'compressed'] : ['compressed', 'identity']) as Variant[]) {
      process.stderr.write(`bench page-load: round ${i + 1}, ${v} … `);
      samples[v].push(await sample(browser, server.origin, server.token, v));
      process.stderr.write('done\n');
    }
} finally {
  await browser.close();
  await server.close();
  rmSync(home, { recursive: true, force: true });
}

const row = (v: Variant, label: string) => {
  const m = (k: keyof Sample) => median(samples[v].map((x) => x[k]));
  return `| ${label} | ${kb(m('pageBytes'))} | ${s(m('pageMs'))} | ${kb(m('openBytes'))} (script bodies ${kb(m('openScriptBytes'))}) | ${s(m('openMs'))} |`;
};
function goal(): string {
  const scripts = median(samples.compressed.map((x) => x.openScriptBytes)) / 1024;
  const met = scripts <= GOAL_KB ? '**yes**' : '**no**';
  return `Issue 13's goal, the terminal's code on open ≤ ${GOAL_KB} KB compressed: ${scripts.toFixed(1)} KB of script bodies, ${met}.`;
}
const table = [
  `Throttled link (Chromium DevTools emulation: ${RTT_MS} ms RTT, 1.6 Mbit/s down, 0.75 Mbit/s up, CPU ×${CPU_SLOWDOWN}),`,
  `the runbook page ${PAGE}, cache disabled, median of ${rounds} rounds, on ${new Date().toISOString().slice(0, 10)}:`,
  '',
  '| runner serving | page: bytes | page: until load | open terminal: bytes | click → connected |',
  '|---|---|---|---|---|',
  row('identity', 'uncompressed (as before)'),
  row('compressed', 'brotli, precomputed at build'),
  '',
  goal(),
].join('\n');
console.log(table);
writeFileSync(join(here, 'page-load.json'), `${JSON.stringify({ date: new Date().toISOString(), rounds, samples }, null, 2)}\n`);
writeReadmeSection('<!-- page-load:start (written by bench/page-load.ts) -->', '<!-- page-load:end -->', `${table}\n`);
