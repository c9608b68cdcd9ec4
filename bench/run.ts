// `./runguide bench`: the runner side by side with two peers, wetty and ttyd, and bare node-pty, in one go.
// Prints a table, writes bench/results.json and the results section of bench/README.md.
// Method and caveats: bench/README.md. Every measurement has a time cap; the whole run is capped.
// The command line is options.ts, the table and the README's results section report.ts.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { startBareChild, startBareInProcess } from './bare-target.ts';
import { bytesOf, idle, latency, latencyStats, stall, throughput, type Latency, type Throughput } from './measure.ts';
import { METRICS, options } from './options.ts';
import { report, updateReadme, type Row } from './report.ts';
import { summarize } from './rounds.ts';
import { startRunner } from './runner-target.ts';
import { makeHome, type Target } from './targets.ts';
import { startTtyd } from './ttyd-target.ts';
import { ensureTtyd, ttydBuilt } from './ttyd-build.ts';
import { ensurePeer, peerVersions } from './wetty-install.ts';
import { startWetty } from './wetty-target.ts';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..');
/** The whole run stops here, whatever is still going. */
const RUN_CAP_MS = 15 * 60_000;

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

const results: Row = {};

/** Runs one measurement on a freshly started target; returns its result, or records its error. */
async function measure<T>(
  metric: string,
  name: string,
  start: () => Promise<Target> | Target,
  run: (t: Target) => Promise<T>,
): Promise<T | null> {
  results[metric] ??= {};
  const slot = results[metric] as Row;
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
        rounds[name] ??= [];
        rounds[name].push(r);
      }
    const slot = results.throughput as Row;
    for (const [name, list] of Object.entries(rounds)) {
      const ok = list.filter((r): r is Throughput => r !== null);
      if (ok.length) slot[name] = summarize(ok);
    }
    const paired: Record<string, number[]> = {};
    for (const peerName of ['wetty', 'ttyd', 'bare'])
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
    const runs: [string, () => Promise<Target> | Target][] = [
      ['bare', bare],
      ['runner', runner],
    ];
    if (ttyd) runs.push(['ttyd', ttyd]);
    if (wetty) runs.push(['wetty', wetty]);
    // Interleaved rounds in alternating order, like throughput: a burst of the neighbours' work
    // lands on every target alike. p50 and p99 are taken over the samples of all rounds.
    const rounds: Record<string, Latency[]> = {};
    for (let i = 0; i < o.rounds; i++)
      for (const [name, start] of i % 2 ? [...runs].reverse() : runs) {
        const r = await measure('latency', name, start, (t) => latency(t, o.samples, o.warmup, cap));
        if (r) {
          rounds[name] ??= [];
          rounds[name].push(r);
        }
      }
    const slot = results.latency as Row;
    for (const [name, list] of Object.entries(rounds))
      slot[name] = {
        ...latencyStats(
          list.flatMap((r) => r.times),
          o.samples * o.rounds,
        ),
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
    await measure(
      'idle',
      'bare',
      () => startBareChild(env.env, env.home),
      (t) => idle(t, o.sessions, cap),
    );
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

await main();
process.exit(0);
