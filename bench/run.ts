// `./runguide bench`: the runner side by side with two peers, wetty and ttyd, and bare node-pty, in one go.
// Prints a table, writes bench/results.json and the results section of bench/README.md.
// Method and caveats: bench/README.md. Every measurement has a time cap; the whole run is capped.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startBareChild, startBareInProcess } from './bare-target.ts';
import { bytesOf, idle, latency, latencyStats, stall, throughput, type Latency, type Throughput } from './measure.ts';
import { startRunner } from './runner-target.ts';
import { makeHome, type Target } from './targets.ts';
import { startTtyd } from './ttyd-target.ts';
import { ensureTtyd, ttydBuilt } from './ttyd-build.ts';
import { ensurePeer, peerVersions } from './wetty-install.ts';
import { startWetty } from './wetty-target.ts';

const METRICS = ['throughput', 'latency', 'stall', 'idle'] as const;
const Options = z.object({
  size: z.string().regex(/^\d+[KMG]?$/, 'a size as head -c reads it, e.g. 200M'),
  samples: z.coerce.number().int().min(10).max(100_000),
  warmup: z.coerce.number().int().min(0).max(10_000),
  stallSeconds: z.coerce.number().min(2).max(120),
  sessions: z.coerce.number().int().min(1).max(190),
  rounds: z.coerce.number().int().min(1).max(15),
  only: z.array(z.enum(METRICS)).min(1),
  save: z.boolean(),
  profile: z.string().optional(),
});
type Options = z.infer<typeof Options>;

const HELP = `Usage: ./runguide bench [options]
  --size 200M          text pushed through each terminal for throughput (head -c syntax)
  --rounds 7           throughput and latency runs per target, interleaved (order alternating):
                       throughput medians are compared, and runner/wetty and runner/ttyd round
                       by round; echo p50/p99 are over the keystrokes of all rounds
  --samples 1000       keystrokes timed per latency round (after --warmup 100)
  --stall-seconds 20   how long the stalled client stays stalled
  --sessions 100       idle sessions opened for memory per session
  --only a,b           some of: ${METRICS.join(', ')}
  --no-save            only print: leave bench/results.json and bench/README.md as they are
                       (a run with --only is never saved)
  --profile DIR        also write V8 CPU profiles of the runner processes into DIR`;

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..');
/** The whole run stops here, whatever is still going. */
const RUN_CAP_MS = 15 * 60_000;

const ARGS = {
  size: { type: 'string', default: '200M' },
  samples: { type: 'string', default: '1000' },
  warmup: { type: 'string', default: '100' },
  'stall-seconds': { type: 'string', default: '20' },
  sessions: { type: 'string', default: '100' },
  rounds: { type: 'string', default: '7' },
  only: { type: 'string', default: METRICS.join(',') },
  'no-save': { type: 'boolean', default: false },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function options(): Options {
  let values: ReturnType<typeof parseArgs<{ options: typeof ARGS }>>['values'];
  try {
    ({ values } = parseArgs({ options: ARGS }));
  } catch (e) {
    console.error(`bench: ${(e as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const parsed = Options.safeParse({
    size: values.size,
    samples: values.samples,
    warmup: values.warmup,
    stallSeconds: values['stall-seconds'],
    sessions: values.sessions,
    rounds: values.rounds,
    only: values.only.split(',').filter(Boolean),
    save: !values['no-save'],
    profile: values.profile,
  });
  if (!parsed.success) {
    console.error(`bench: ${z.prettifyError(parsed.error)}\n\n${HELP}`);
    process.exit(2);
  }
  return parsed.data;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

type Row = Record<string, unknown>;
const results: Row = {};

/** Runs one measurement on a freshly started target; returns its result, or records its error. */
async function measure<T>(metric: string, name: string, start: () => Promise<Target> | Target, run: (t: Target) => Promise<T>): Promise<T | null> {
  const slot = ((results[metric] as Row | undefined) ?? (results[metric] = {})) as Row;
  process.stderr.write(`bench: ${metric} / ${name} … `);
  const t0 = performance.now();
  let target: Target | null = null;
  try {
    target = await start();
    const value = await run(target);
    slot[name] = value;
    process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    return value;
  } catch (e) {
    slot[name] = { error: (e as Error).message };
    process.stderr.write(`failed: ${(e as Error).message}\n`);
    return null;
  } finally {
    await target?.stop();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** A target's throughput rounds as one row: medians, and the spread of MiB/s. */
function summarize(list: Throughput[]): Throughput & { min: number; max: number; n: number } {
  const mibs = list.map((r) => r.mibPerS);
  return {
    mibPerS: median(mibs),
    seconds: median(list.map((r) => r.seconds)),
    received: median(list.map((r) => r.received)),
    capped: list.some((r) => r.capped),
    frames: median(list.map((r) => r.frames)),
    serverCpuMsPerMiB: median(list.map((r) => r.serverCpuMsPerMiB)),
    min: Math.min(...mibs),
    max: Math.max(...mibs),
    n: list.length,
  };
}

async function main(): Promise<void> {
  const o = options();
  bytesOf(o.size);
  const env = makeHome();
  const watchdog = setTimeout(() => {
    console.error(`bench: the whole run passed ${RUN_CAP_MS / 60_000} min; stopping`);
    env.remove();
    process.exit(1);
  }, RUN_CAP_MS);
  watchdog.unref();
  // Ctrl-C: the servers are killed on exit (servers.ts); the throwaway HOME goes too.
  process.once('SIGINT', () => {
    env.remove();
    process.exit(130);
  });

  const peerProblem = ensurePeer();
  const peer = peerVersions();
  // ttyd cannot be had (no compiler, no libwebsockets with libuv, no network): its column says so.
  const ttydProblem = await ensureTtyd();
  const ttydInfo = ttydBuilt();
  if (!ttydInfo) console.error(`bench: ttyd is not available, its column stays empty: ${ttydProblem}`);
  const dirty = git(['status', '--porcelain', '--', 'server']) !== '';
  Object.assign(results, {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      memGiB: Math.round(totalmem() / 2 ** 30),
      kernel: release(),
      loadStart: loadavg().map((l) => +l.toFixed(2)),
    },
    node: process.version,
    runnerCommit: (git(['rev-parse', '--short', 'HEAD']) || 'unknown') + (dirty ? ' + uncommitted server/ changes' : ''),
    peer: peer ?? { error: peerProblem },
    ttyd: ttydInfo ?? { error: ttydProblem },
    settings: o,
  });
  const wetty = peer ? () => startWetty(env.env, env.home) : null;
  const ttyd = ttydInfo ? () => startTtyd(env.env, env.home) : null;
  const runner = () => startRunner(env.env, { profileDir: o.profile });
  const bare = () => startBareInProcess(env.env, env.home);

  if (o.only.includes('throughput')) {
    const cap = 120_000;
    const runs: [string, () => Promise<Target> | Target][] = [
      ['bare', bare],
      ['runner', runner],
      ['runnerRecord', () => startRunner(env.env, { record: true, profileDir: o.profile })],
    ];
    if (wetty) runs.push(['wetty', wetty]);
    if (ttyd) runs.push(['ttyd', ttyd]);
    // Interleaved rounds in alternating order, and the median of each target: on a shared machine
    // one run says more about the neighbours than about the server. The runner and each peer are
    // also compared round by round (neighbours change slowly, so a round's runs share them).
    const rounds: Record<string, (Throughput | null)[]> = {};
    for (let i = 0; i < o.rounds; i++)
      for (const [name, start] of i % 2 ? [...runs].reverse() : runs) {
        const r = await measure('throughput', name, start, (t) => throughput(t, o.size, cap));
        (rounds[name] ??= []).push(r);
      }
    const slot = results.throughput as Row;
    for (const [name, list] of Object.entries(rounds)) {
      const ok = list.filter((r): r is Throughput => r !== null);
      if (ok.length) slot[name] = summarize(ok);
    }
    const paired: Record<string, number[]> = {};
    for (const peerName of ['wetty', 'ttyd'])
      if (rounds.runner && rounds[peerName])
        paired[peerName] = rounds.runner.flatMap((r, i) => {
          const p = rounds[peerName]![i];
          return r && p ? [+(r.mibPerS / p.mibPerS).toFixed(3)] : [];
        });
    slot.paired = paired;
    slot.rounds = rounds;
  }
  if (o.only.includes('latency')) {
    const cap = 60_000;
    const runs: [string, () => Promise<Target> | Target][] = [['bare', bare], ['runner', runner]];
    if (ttyd) runs.push(['ttyd', ttyd]);
    if (wetty) runs.push(['wetty', wetty]);
    // Interleaved rounds in alternating order, like throughput: a burst of the neighbours' work
    // lands on every target alike. p50 and p99 are taken over the samples of all rounds.
    const rounds: Record<string, Latency[]> = {};
    for (let i = 0; i < o.rounds; i++)
      for (const [name, start] of i % 2 ? [...runs].reverse() : runs) {
        const r = await measure('latency', name, start, (t) => latency(t, o.samples, o.warmup, cap));
        if (r) (rounds[name] ??= []).push(r);
      }
    const slot = results.latency as Row;
    for (const [name, list] of Object.entries(rounds))
      slot[name] = {
        ...latencyStats(list.flatMap((r) => r.times), o.samples * o.rounds),
        rounds: list.map((r) => ({ p50: r.p50, p99: r.p99 })),
      };
  }
  if (o.only.includes('stall')) {
    await measure('stall', 'runner', runner, (t) => stall(t, o.stallSeconds));
    if (wetty) await measure('stall', 'wetty', wetty, (t) => stall(t, o.stallSeconds));
    if (ttyd) await measure('stall', 'ttyd', ttyd, (t) => stall(t, o.stallSeconds));
  }
  if (o.only.includes('idle')) {
    const cap = 150_000;
    await measure('idle', 'runner', runner, (t) => idle(t, o.sessions, cap));
    if (wetty) await measure('idle', 'wetty', wetty, (t) => idle(t, o.sessions, cap));
    if (ttyd) await measure('idle', 'ttyd', ttyd, (t) => idle(t, o.sessions, cap));
    await measure('idle', 'bare', () => startBareChild(env.env, env.home), (t) => idle(t, o.sessions, cap));
  }
  (results.machine as Row).loadEnd = loadavg().map((l) => +l.toFixed(2));
  env.remove();

  const table = report(results);
  console.log(table);
  if (!o.save) return;
  // The saved results are one whole run: a partial one would leave the README's table half old.
  if (o.only.length < METRICS.length) return console.error('bench: a partial run (--only) is printed, not saved');
  writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  updateReadme(table);
}

// ── the table ───────────────────────────────────────────────────────────────────────────────────

interface Num {
  [k: string]: number | boolean | string | undefined;
}
const get = (metric: string, name: string): Num | null => {
  const v = (results[metric] as Row | undefined)?.[name] as Num | undefined;
  return v && !('error' in v) ? v : null;
};
const err = (metric: string, name: string): string => {
  const v = (results[metric] as Row | undefined)?.[name] as Num | undefined;
  return v && 'error' in v ? 'failed' : '—';
};
const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
const mib = (kib: number) => kib / 1024;
const yesNo = (ok: boolean | null) => (ok === null ? '—' : ok ? '**yes**' : '**no**');

/** The runner ÷ a peer, round by round: the median, and in how many rounds the runner was ahead. */
function pairedText(r: Row, peerName: string): { ratio: number; text: string } | null {
  const paired = ((r.throughput as Row).paired as Record<string, number[]> | undefined)?.[peerName] ?? [];
  if (!paired.length) return null;
  const ratio = median(paired);
  const ahead = paired.filter((x) => x >= 1).length;
  return { ratio, text: `runner/${peerName} per round, median ${fmt(ratio, 2)}; runner ahead in ${ahead} of ${paired.length}` };
}

function report(r: Row): string {
  const rows: string[][] = [];
  const cell = (metric: string, name: string, f: (v: Num) => string) => {
    const v = get(metric, name);
    return v ? f(v) : err(metric, name);
  };
  /** The three servers' cells of a row: runner, wetty, ttyd. */
  const servers = (metric: string, f: (v: Num) => string) => ['runner', 'wetty', 'ttyd'].map((n) => cell(metric, n, f));
  const settings = r.settings as Options;
  const tp = (v: Num) => `${fmt(v.mibPerS as number)} (${fmt(v.min as number)}–${fmt(v.max as number)})${v.capped ? ' (capped)' : ''}`;
  if (r.throughput) {
    const wetty = pairedText(r, 'wetty');
    const ttyd = pairedText(r, 'ttyd');
    rows.push([
      `Throughput, MiB/s, median (min–max) of ${settings.rounds} rounds (\`yes \\| head -c ${settings.size}\`, client acks, no rendering)`,
      ...servers('throughput', tp),
      cell('throughput', 'bare', tp),
      '≥ wetty',
      wetty ? `${wetty.ratio >= 1 ? '**yes**' : '**no**'}: ${wetty.text}` : '—',
    ]);
    // The issue set no throughput goal against ttyd: the ratio is shown, not judged.
    rows.push(['Throughput compared with ttyd, round by round', ttyd?.text ?? '—', '', '', '', 'none set; compared', '—']);
    rows.push(['Throughput, runner started with `--record` (asciicast of every byte)', cell('throughput', 'runnerRecord', tp), '', '', '', 'diagnostic', '—']);
    const cpu = (v: Num) => fmt(v.serverCpuMsPerMiB as number, 0);
    const [ru, ...peers] = servers('throughput', cpu);
    rows.push([
      'Server CPU per MiB moved, ms (bare: the whole benchmark process)',
      `${ru} (with --record: ${cell('throughput', 'runnerRecord', cpu)})`,
      ...peers,
      cell('throughput', 'bare', cpu),
      'none set; compared',
      '—',
    ]);
  }
  if (r.latency) {
    const ru = get('latency', 'runner');
    const b = get('latency', 'bare');
    const t = get('latency', 'ttyd');
    for (const q of ['p50', 'p99'] as const) {
      const within = (ref: Num | null) => (ru && ref ? (ru[q] as number) - (ref[q] as number) <= 1 : null);
      rows.push([
        `Keystroke echo ${q}, ms (${settings.rounds} interleaved rounds of ${settings.samples} keystrokes)`,
        ...servers('latency', (v) => fmt(v[q] as number, 2)),
        cell('latency', 'bare', (v) => fmt(v[q] as number, 2)),
        '≤ bare node-pty + 1 ms; ≤ ttyd + 1 ms',
        `bare: ${yesNo(within(b))}; ttyd: ${yesNo(within(t))}`,
      ]);
    }
  }
  if (r.stall) {
    const s = settings.stallSeconds;
    const ru = get('stall', 'runner');
    const bounded = ru ? (ru.lateGrowth as number) < 1024 && (ru.peak as number) - (ru.before as number) < 16 * 1024 : null;
    const peak = (v: Num) => `${fmt(mib(v.peak as number))} (+${fmt(mib((v.peak as number) - (v.before as number)))})`;
    rows.push([`Peak server RSS, MiB, client stalled ${s} s under \`yes\` (growth)`, ...servers('stall', peak), 'n/a', 'bounded', yesNo(bounded)]);
    const late = (v: Num) => `${fmt(mib(v.lateGrowth as number), 2)}`;
    rows.push([`RSS growth over the stall's second half, MiB`, ...servers('stall', late), 'n/a', '< 1 MiB', yesNo(bounded)]);
    const kept = (v: Num) => `${v.sessionKept ? 'kept' : 'dropped'}; ${fmt(v.afterResumeMiB as number)} MiB in 5 s once read again`;
    const resumed = ru ? Boolean(ru.sessionKept) && (ru.afterResumeMiB as number) > 1 : null;
    rows.push(['Stalled session at the end of the stall', ...servers('stall', kept), 'n/a', 'kept, then flows again', yesNo(resumed)]);
  }
  if (r.idle) {
    const n = settings.sessions;
    const per = (v: Num) => `${fmt(v.serverPerSession as number, 0)}${(v.opened as number) < n ? ` (${v.opened} opened)` : ''}`;
    rows.push([`Idle: server RSS per session, KiB (${n} idle \`bash -l\`)`, ...servers('idle', per), cell('idle', 'bare', per), 'none set; compared', '—']);
    const sh = (v: Num) => fmt(v.shellsPerSession as number, 0);
    rows.push(['Idle: shell processes, PSS per session, KiB', ...servers('idle', sh), cell('idle', 'bare', sh), '—', '—']);
    const base = (v: Num) => fmt(mib(v.before as number));
    rows.push(['Idle: server RSS with one session opened and closed, MiB', ...servers('idle', base), cell('idle', 'bare', base), '—', '—']);
  }
  const m = r.machine as Row;
  const peer = r.peer as Row;
  const ttydRun = r.ttyd as Row;
  const head = [
    `Run of ${r.date}: ${m.cpus} × ${m.model}, ${m.memGiB} GiB, Linux ${m.kernel}, Node ${r.node};`,
    `runner ${r.runnerCommit}; peers wetty ${peer.wetty ?? `not run (${peer.error})`}${peer.socketIoClient ? ` with socket.io-client ${peer.socketIoClient}` : ''},`,
    `ttyd ${ttydRun.version ? `${ttydRun.version} (Debian's source, libwebsockets ${ttydRun.libwebsockets})` : `not run (${ttydRun.error})`};`,
    `load average (1, 5, 15 min) ${(m.loadStart as number[]).join(', ')} at the start, ${(m.loadEnd as number[]).join(', ')} at the end.`,
  ].join('\n');
  const header = ['Metric', 'runner', 'wetty', 'ttyd', 'bare node-pty', 'Goal', 'Met'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return `${head}\n\n${lines.join('\n')}\n`;
}

const START = '<!-- results:start (written by bench/run.ts) -->';
const END = '<!-- results:end -->';

function updateReadme(table: string): void {
  const file = join(here, 'README.md');
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) {
    console.error(`bench: README.md has no ${START} … ${END} section; left alone`);
    return;
  }
  writeFileSync(file, `${text.slice(0, a + START.length)}\n${table}${text.slice(b)}`);
}

await main();
process.exit(0);
