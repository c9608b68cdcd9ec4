// The four measurements. Each takes a started target, is capped in time, and returns plain numbers.
import { readFileSync } from 'node:fs';
import { cpuSeconds, descendants, pssKiB, sampleRss, statusKiB, steadyRss } from './proc.ts';
import { waitFor, type Target, type Term } from './targets.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A plain-text line, like a verbose build or a log prints (73 characters and a newline). */
export const LINE = 'runguide bench: plain text, the kind a long log or a verbose build prints';
const MiB = 1 << 20;

/** "200M", "64K" or a byte count, as `head -c` reads it. */
export function bytesOf(size: string): number {
  const m = /^(\d+)([KMG]?)$/.exec(size);
  if (!m) throw new Error(`Not a size: ${size} (e.g. 200M)`);
  return Number(m[1]) * { '': 1, K: 1024, M: MiB, G: 1024 * MiB }[m[2] as '' | 'K' | 'M' | 'G'];
}

export interface Throughput {
  /** Payload MiB per second (what `head -c` produced), over the whole command. */
  mibPerS: number;
  seconds: number;
  /** Characters the client received (the PTY turns each \n into \r\n). */
  received: number;
  /** The time cap ended it before the end marker arrived. */
  capped: boolean;
  /** Output frames (or data events) the client got. */
  frames: number;
  /**
   * CPU milliseconds the server process spent per MiB (for bare node-pty: this whole process,
   * client included). This depends much less than MiB/s on what else the machine is doing.
   */
  serverCpuMsPerMiB: number;
}

/** `yes | head -c SIZE` at the prompt, timed from the keystroke to the end marker on the client. */
export async function throughput(target: Target, size: string, capMs: number): Promise<Throughput> {
  const term = await target.open();
  try {
    let received = 0;
    let frames = 0;
    const count = (c: string | Buffer) => {
      received += c.length;
      frames++;
    };
    term.listeners.add(count);
    const end = waitFor(term, 'BENCH_END', capMs).then(
      () => false,
      () => true,
    );
    const cpu = () => (target.pid ? (cpuSeconds(target.pid) ?? NaN) : process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6);
    const cpu0 = cpu();
    const t0 = performance.now();
    term.input(`yes '${LINE}' | head -c ${size}; printf 'BENCH%s\\n' _END\r`);
    const capped = await end;
    const seconds = (performance.now() - t0) / 1000;
    const cpuS = cpu() - cpu0;
    term.listeners.delete(count);
    // Capped: the rate of what did arrive (lines of 74 characters arrive as 75).
    const payload = capped ? (received * 74) / 75 : bytesOf(size);
    return { mibPerS: payload / MiB / seconds, seconds, received, capped, frames, serverCpuMsPerMiB: (cpuS * 1000) / (payload / MiB) };
  } finally {
    await term.close();
  }
}

export interface Latency {
  p50: number;
  p99: number;
  mean: number;
  max: number;
  samples: number;
  capped: boolean;
  /** Every timed echo, ms, sorted (pooled over rounds by bench/run.ts, not saved). */
  times: number[];
}

/** p50, p99, mean and max of echo times (ms), sorted or not. */
export function latencyStats(all: number[], wanted: number): Omit<Latency, 'times'> {
  const times = [...all].sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? NaN;
  return {
    p50: q(0.5),
    p99: q(0.99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    max: times.at(-1) ?? NaN,
    samples: times.length,
    capped: times.length < wanted,
  };
}

/**
 * One keystroke at a time into `cat` with the terminal in non-canonical mode: the PTY's own line
 * discipline echoes each character at once, so the time measured is the way there and back.
 */
export async function latency(target: Target, samples: number, warmup: number, capMs: number): Promise<Latency> {
  const term = await target.open();
  try {
    const go = waitFor(term, 'BENCH_GO', 30_000);
    term.input("stty -icanon; printf 'BENCH%s\\n' _GO; exec cat >/dev/null\r");
    await go;
    await sleep(300);
    const times: number[] = [];
    const deadline = performance.now() + capMs;
    for (let i = 0; i < warmup + samples && performance.now() < deadline; i++) {
      const t = await echo(term, Math.max(1, deadline - performance.now()));
      if (t === null) break;
      if (i >= warmup) times.push(t);
      // A short gap, as between keystrokes: each sample starts from an idle event loop.
      await sleep(2);
    }
    return { ...latencyStats(times, samples), times };
  } finally {
    await term.close();
  }
}

function echo(term: Term, ms: number): Promise<number | null> {
  return new Promise((ok) => {
    const t0 = performance.now();
    const look = (c: string | Buffer) => {
      if (c.includes('x')) done(performance.now() - t0);
    };
    const timer = setTimeout(() => done(null), ms);
    const done = (v: number | null) => {
      clearTimeout(timer);
      term.listeners.delete(look);
      ok(v);
    };
    term.listeners.add(look);
    term.input('x');
  });
}

export interface Stall {
  /** Server RSS before the flood started, KiB. */
  before: number;
  /** Highest RSS seen during the stall, KiB. */
  peak: number;
  /** RSS at the end of the stall, KiB. */
  end: number;
  /** Growth over the second half of the stall, KiB: near 0 when the server holds memory bounded. */
  lateGrowth: number;
  /** The flooding command was still there at the end (not killed with a dropped connection). */
  sessionKept: boolean;
  /** MiB received in the 5 s after the client read and acknowledged again: output flows again. */
  afterResumeMiB: number;
  seconds: number;
  series: { t: number; rss: number }[];
}

/**
 * A client opens a session, stops reading and acknowledging (a frozen tab), and `yes` floods the
 * terminal for `seconds`. The server's RSS is sampled every 100 ms.
 */
export async function stall(target: Target, seconds: number): Promise<Stall> {
  const pid = target.pid!;
  const term = await target.open();
  try {
    await sleep(500);
    const before = await steadyRss(pid);
    term.stall();
    term.input(`yes '${LINE}'\r`);
    const t0 = performance.now();
    const rss = sampleRss(pid, 100);
    const series: { t: number; rss: number }[] = [];
    const tick = setInterval(() => series.push({ t: Math.round(performance.now() - t0) / 1000, rss: statusKiB(pid, 'VmRSS') ?? 0 }), 1000);
    await sleep((seconds * 1000) / 2);
    const mid = statusKiB(pid, 'VmRSS') ?? 0;
    await sleep((seconds * 1000) / 2);
    clearInterval(tick);
    const sessionKept = descendants(pid).some((p) => comm(p) === 'yes');
    const r = rss.stop();
    let after = 0;
    const count = (c: string | Buffer) => {
      after += c.length;
    };
    term.listeners.add(count);
    term.unstall();
    await sleep(5000);
    term.listeners.delete(count);
    return { before, peak: r.peak, end: r.last, lateGrowth: r.last - mid, sessionKept, afterResumeMiB: after / MiB, seconds, series };
  } finally {
    await term.close();
  }
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

export interface Idle {
  sessions: number;
  /** Server RSS before and after opening the sessions, KiB. */
  before: number;
  after: number;
  /** (after − before) / sessions, KiB. */
  serverPerSession: number;
  /** PSS of the server's child processes (the shells) / sessions, KiB. */
  shellsPerSession: number;
  opened: number;
  seconds: number;
}

/** Opens `n` sessions, each an idle `bash -l` at its prompt, and reads the memory they take. */
export async function idle(target: Target, n: number, capMs: number): Promise<Idle> {
  const pid = target.pid!;
  const t0 = performance.now();
  // One session first, so that code loaded on first use does not count as per-session memory.
  await (await target.open()).close();
  await sleep(1500);
  const before = await steadyRss(pid);
  const terms: Term[] = [];
  try {
    while (terms.length < n && performance.now() - t0 < capMs) terms.push(await target.open());
    await sleep(3000);
    const after = await steadyRss(pid);
    const shells = descendants(pid).reduce((sum, p) => sum + pssKiB(p), 0);
    const opened = terms.length;
    return {
      sessions: n,
      before,
      after,
      serverPerSession: (after - before) / opened,
      shellsPerSession: shells / opened,
      opened,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await Promise.all(terms.map((t) => t.close()));
  }
}
