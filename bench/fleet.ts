// `./runguide bench fleet`: "Check several servers" over 50 hosts with forks 10, in Chromium. The
// hosts are 50 entries of the runner's hosts file spread over 5 real sshd (bench/sshd.ts),
// so the run is the real ansible-playbook over real ssh. Measured: the run's duration (Start to
// done), the page's longest main-thread task during it (PerformanceObserver 'longtask'), the
// latency of keys typed into a field meanwhile (key event to the next frame, and the Event Timing
// API's duration), both also with nothing running for comparison, and the peak numbers of the
// run's Ansible workers and ssh processes, sampled from /proc. Writes bench/fleet.json and the fleet section of
// bench/README.md. A benchmark: nothing fails on a time.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../server/index.ts';
import { writeReadmeSection } from './readme-section.ts';
import { type BenchSshd, startBenchSshd } from './sshd.ts';

const here = new URL('.', import.meta.url).pathname;
const HOSTS = 50;
const SSHD = 5;
const FORKS = 10;
const PAGE = '/en/cpanel-backup-freeze/';
if (process.argv.includes('--help')) {
  console.log(`Usage: ./runguide bench fleet   (${HOSTS} hosts over ${SSHD} sshd, forks ${FORKS}; about 2 min)`);
  process.exit(0);
}

// The run's files (ssh's ControlPath among them) under a folder of this bench: its ssh processes
// are told from any other's by their command line.
const home = mkdtempSync(join(tmpdir(), 'runguide-bench-fleet-'));
process.env.TMPDIR = join(home, 'tmp');
mkdirSync(process.env.TMPDIR);

/** Each process's parent, command line and name, of the processes whose command line names `home`. */
function processes(): Map<number, { ppid: number; cmd: string; comm: string }> {
  const out = new Map<number, { ppid: number; cmd: string; comm: string }>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!cmd.includes(home)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [comm, rest] = [stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), stat.slice(stat.lastIndexOf(')') + 2)];
      out.set(Number(pid), { ppid: Number(rest.split(' ')[1]), cmd, comm });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * The run's processes now. Workers: the children of ansible-playbook (the runner's child), one per
 * busy fork; a worker's own child between its fork and its exec carries the same command line, so
 * only direct children count. ssh clients: ssh (or sftp, scp) processes whose parent is a worker. ControlMaster
 * processes: those named "[mux]" (one per distinct target, kept by ControlPersist).
 */
function processesNow(): { workers: number; ssh: number; masters: number } {
  const all = processes();
  const main = [...all].find(([, p]) => p.ppid === process.pid && p.cmd.includes('/ansible-playbook '))?.[0];
  const workers = new Set([...all].filter(([, p]) => p.ppid === main).map(([pid]) => pid));
  const n = { workers: workers.size, ssh: 0, masters: 0 };
  for (const p of all.values()) {
    if (p.comm === 'ssh' && p.cmd.includes('[mux]')) n.masters++;
    // A file sent by sftp (or scp) is that worker's connection: its ssh is sftp's child.
    else if (['ssh', 'sftp', 'scp'].includes(p.comm) && workers.has(p.ppid)) n.ssh++;
  }
  return n;
}

const servers: BenchSshd[] = [];
for (let i = 0; i < SSHD; i++) servers.push(await startBenchSshd());
const entries = Array.from({ length: HOSTS }, (_, i) => servers[i % SSHD]!.entry(`web${String(i + 1).padStart(2, '0')}`));
mkdirSync(join(home, 'config', 'runguide'), { recursive: true });
writeFileSync(join(home, 'config', 'runguide', 'hosts.json'), JSON.stringify(entries));
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

/** What the page measured while keys were typed: long tasks, key latencies. */
interface Phase {
  seconds: number;
  longestTaskMs: number;
  longTasks: number;
  keys: number;
  keyToFrameMs: { median: number; p95: number; max: number };
  eventTimingMaxMs: number;
}
interface Result {
  hosts: number;
  forks: number;
  sshd: number;
  load: { before: string; after: string };
  runMs: number;
  verdicts: Record<string, number>;
  /** The same typing with the dialog open and nothing running, then during the run. */
  idle: Phase;
  run: Phase;
  peak: { workers: number; ssh: number; masters: number };
}
type PageLog = { tasks: number[]; keys: number[]; events: number[] };
const KEY_EVERY_MS = 250;
const IDLE_MS = 30_000;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

let result: Result;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${server.origin}${PAGE}#token=${server.token}`);
  await page.locator('.rg-fleet-open').click();
  await page.locator('.rg-fleet input[name=host][value=web01]').waitFor();
  // The hosts file's 50, not this machine.
  await page.locator('.rg-fleet-all').check();
  await page.locator('.rg-fleet input[name=host][value=local]').uncheck();
  await page.evaluate(() => {
    const w = window as unknown as { log: PageLog };
    w.log = { tasks: [], keys: [], events: [] };
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.log.tasks.push(e.duration);
    }).observe({ type: 'longtask' });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.name.startsWith('key')) w.log.events.push(e.duration);
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
    // A key's latency: from its event's time stamp to the frame after its handlers.
    document.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => w.log.keys.push(performance.now() - t0)));
    });
  });
  // Someone types in a field of the dialog, the forks', one key every KEY_EVERY_MS (a digit and
  // its deletion, so the value stays 10): first with nothing running, then during the run.
  const field = page.locator('.rg-fleet input[name=forks]');
  async function typeWhile(going: () => Promise<boolean>): Promise<Phase> {
    await page.evaluate(() => Object.assign((window as unknown as { log: PageLog }).log, { tasks: [], keys: [], events: [] }));
    const t0 = performance.now();
    let keys = 0;
    // An even number of keys: the field reads 10 again when it stops.
    while ((await going()) || keys % 2) {
      await field.press(keys % 2 ? 'Backspace' : '1');
      keys++;
      await new Promise((ok) => setTimeout(ok, KEY_EVERY_MS));
    }
    const m = await page.evaluate(() => (window as unknown as { log: PageLog }).log);
    const sorted = [...m.keys].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return {
      seconds: (performance.now() - t0) / 1000,
      longestTaskMs: Math.max(0, ...m.tasks),
      longTasks: m.tasks.length,
      keys,
      keyToFrameMs: { median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 },
      eventTimingMaxMs: Math.max(0, ...m.events),
    };
  }
  const before = loadavg();
  const idleUntil = performance.now() + IDLE_MS;
  const idle = await typeWhile(async () => performance.now() < idleUntil);
  if ((await field.inputValue()) !== '10') throw new Error(`the forks field reads ${await field.inputValue()}`);

  const peak = { workers: 0, ssh: 0, masters: 0 };
  const sampler = setInterval(() => {
    const n = processesNow();
    for (const k of ['workers', 'ssh', 'masters'] as const) peak[k] = Math.max(peak[k], n[k]);
  }, 50);
  const t0 = performance.now();
  await page.locator('.rg-fleet-start').click();
  const run = await typeWhile(() => page.locator('.rg-fleet-start').isDisabled());
  const runMs = performance.now() - t0;
  clearInterval(sampler);
  const verdicts: Record<string, number> = {};
  for (const v of await page
    .locator('.rg-fleet-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.verdict!)))
    verdicts[v] = (verdicts[v] ?? 0) + 1;
  result = { hosts: HOSTS, forks: FORKS, sshd: SSHD, load: { before, after: loadavg() }, runMs, verdicts, idle, run, peak };
} finally {
  await browser.close();
  await server.close();
  for (const s of servers) await s.stop();
  rmSync(home, { recursive: true, force: true });
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const r = result;
const row = (name: string, p: Phase) =>
  `| ${name} | ${p.seconds.toFixed(0)} s | ${ms(p.longestTaskMs)} | ${p.longTasks} | ${ms(p.keyToFrameMs.median)} / ${ms(p.keyToFrameMs.p95)} / ${ms(p.keyToFrameMs.max)} (${p.keys} keys) | ${p.eventTimingMaxMs ? ms(p.eventTimingMaxMs) : 'none over 16 ms'} |`;
const table = [
  `${r.hosts} hosts (hosts file entries over ${r.sshd} real sshd on this machine), forks ${r.forks}, Chromium at 1280×860,`,
  `one run on ${new Date().toISOString().slice(0, 10)}; load average ${r.load.before} before, ${r.load.after} after (2 cores, shared):`,
  '',
  `- the run, Start → done: **${(r.runMs / 1000).toFixed(1)} s**; verdicts: ${Object.entries(r.verdicts)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ')};`,
  `- peak processes of the run: **${r.peak.workers} Ansible workers** (forks ${r.forks}), ${r.peak.ssh} ssh clients of workers, ` +
    `${r.peak.masters} ControlMaster processes.`,
  '',
  '| typing a key every 250 ms | for | longest main-thread task | long tasks (> 50 ms) | key → next frame: median / p95 / max | Event Timing: longest key event |',
  '|---|---|---|---|---|---|',
  row('dialog open, nothing running', r.idle),
  row('during the run', r.run),
].join('\n');
console.log(table);
writeFileSync(join(here, 'fleet.json'), `${JSON.stringify({ date: new Date().toISOString(), ...r }, null, 2)}\n`);
writeReadmeSection('<!-- fleet:start (written by bench/fleet.ts) -->', '<!-- fleet:end -->', `${table}\n`);
