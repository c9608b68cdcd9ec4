// What `./runguide bench browser` measured, as numbers (bench/browser.json) and as the browser
// section of bench/README.md: one column per page, the goal of issue 13 and whether it is met.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BurstSample } from './browser-probe.ts';
import type { PageTarget } from './browser-pages.ts';
import { writeReadmeSection } from './readme-section.ts';

const here = new URL('.', import.meta.url).pathname;

export interface TargetResult {
  renderer: string[];
  size: string;
  /** The page's frame interval at rest (ms), measured before each burst. */
  budget: number[];
  bursts: BurstSample[];
  echoes: number[];
  errors: string[];
}

export interface BrowserRun {
  date: string;
  commit: string;
  chromium: string;
  webgl: string;
  ttyd: string;
  load: { start: number[]; end: number[] };
  rounds: number;
  keys: number;
  bytes: number;
  targets: Record<PageTarget, TargetResult>;
}

export const LABELS: Record<PageTarget, string> = { 'runner-webgl': 'runner, WebGL', 'runner-dom': 'runner, DOM', ttyd: 'ttyd 1.7.7' };

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]! : Number.NaN);
const median = (xs: number[]) => pct(xs, 50);

/** Frames of a burst: intervals over 1.5 × the budget, and frames missed (each interval's extra budgets). */
export function frameStats(b: BurstSample, budget: number) {
  const long = b.intervals.filter((iv) => iv > 1.5 * budget).length;
  const missed = b.intervals.reduce((n, iv) => n + Math.max(0, Math.round(iv / budget) - 1), 0);
  return { frames: b.intervals.length, long, missed, longest: Math.max(0, ...b.intervals) };
}

/** Per target: the medians the table shows (NaN when nothing was measured). */
export function summary(t: TargetResult, bytes: number) {
  const ms = t.bursts.map((b) => b.ms);
  const frames = t.bursts.map((b, i) => frameStats(b, t.budget[i] ?? 1000 / 60));
  return {
    burstMs: median(ms),
    burstMin: Math.min(...ms),
    burstMax: Math.max(...ms),
    mbps: bytes / 1e6 / (median(ms) / 1000),
    long: median(frames.map((f) => f.long)),
    missed: median(frames.map((f) => f.missed)),
    frames: median(frames.map((f) => f.frames)),
    longest: median(frames.map((f) => f.longest)),
    p50: pct(t.echoes, 50),
    p99: pct(t.echoes, 99),
    budget: median(t.budget),
  };
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const s2 = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '—');

export function table(run: BrowserRun): string {
  const ids = Object.keys(run.targets) as PageTarget[];
  const sum = Object.fromEntries(ids.map((id) => [id, summary(run.targets[id], run.bytes)])) as Record<
    PageTarget,
    ReturnType<typeof summary>
  >;
  const row = (label: string, cell: (id: PageTarget) => string) => `| ${label} | ${ids.map(cell).join(' | ')} |`;
  const uniq = (xs: string[]) => [...new Set(xs)].join(', ') || '—';
  const r = sum['runner-webgl'];
  const d = sum['runner-dom'];
  const t = sum.ttyd;
  const better = (a: number, b: number) => (a <= b ? 'WebGL' : 'DOM');
  const mb = (run.bytes / 1e6).toFixed(0);
  return [
    `Run of ${run.date}, runner ${run.commit}, ${run.chromium} headless (WebGL: ${run.webgl}), ${run.ttyd};`,
    `load average (1, 5, 15 min) ${run.load.start.map((x) => x.toFixed(2)).join(', ')} at the start, ${run.load.end.map((x) => x.toFixed(2)).join(', ')} at the end;`,
    `${run.rounds} rounds, pages in alternating order, each page fresh: one ${mb} MB burst, then ${run.keys} keystrokes (after 20 unmeasured).`,
    '',
    `| Metric | ${ids.map((id) => LABELS[id]).join(' | ')} |`,
    `|---|${ids.map(() => '---').join('|')}|`,
    row('Renderer in use', (id) => uniq(run.targets[id].renderer)),
    row('Terminal, columns × rows', (id) => run.targets[id].size || '—'),
    row(`${mb} MB burst, keydown of Enter → end marker painted, median (min–max)`, (id) =>
      Number.isFinite(sum[id].burstMs) ? `${s2(sum[id].burstMs)} (${s2(sum[id].burstMin)}–${s2(sum[id].burstMax)})` : '—',
    ),
    row('… as MB/s shown', (id) => f1(sum[id].mbps)),
    row('Frames during the burst, median', (id) => f1(sum[id].frames)),
    row('… intervals over 1.5 × the frame budget (dropped frames)', (id) => f1(sum[id].long)),
    row('… frames missed (Σ interval / budget − 1)', (id) => f1(sum[id].missed)),
    row('… longest frame interval, ms', (id) => f1(sum[id].longest)),
    row('Frame budget at rest, ms', (id) => (Number.isFinite(sum[id].budget) ? sum[id].budget.toFixed(1) : '—')),
    row('Keystroke → painted echo, p50, ms', (id) => (Number.isFinite(sum[id].p50) ? sum[id].p50.toFixed(1) : '—')),
    row('Keystroke → painted echo, p99, ms', (id) => (Number.isFinite(sum[id].p99) ? sum[id].p99.toFixed(1) : '—')),
    row('Errors', (id) => (run.targets[id].errors.length ? run.targets[id].errors.join('; ').replace(/\|/g, '/').slice(0, 200) : 'none')),
    '',
    `Goal (issue 13): a 20 MB burst and keystroke-to-paint echo measured through the real page and panel, beside ttyd's page ` +
      `in the same run, dropped frames reported, both renderers tried: **${Number.isFinite(d.burstMs) && Number.isFinite(t.burstMs) ? 'yes' : 'no'}** (the issue sets no bar for the numbers). ` +
      `As shipped (DOM) against ttyd's page: burst ${f1(d.burstMs / t.burstMs)} × ttyd's time (no slower: **${d.burstMs <= t.burstMs ? 'yes' : 'no'}**); ` +
      `echo p50 ${f1(d.p50 - t.p50)} ms, p99 ${f1(d.p99 - t.p99)} ms from ttyd's (within 1 ms, issue 3's echo bar applied to the painted echo: ` +
      `p50 **${d.p50 <= t.p50 + 1 ? 'yes' : 'no'}**, p99 **${d.p99 <= t.p99 + 1 ? 'yes' : 'no'}**). ` +
      `Renderers, runner's panel: burst better with **${better(r.burstMs, d.burstMs)}** (${s2(r.burstMs)} against ${s2(d.burstMs)}), ` +
      `echo p50 with **${better(r.p50, d.p50)}** (${f1(r.p50)} against ${f1(d.p50)} ms), p99 with **${better(r.p99, d.p99)}** (${f1(r.p99)} against ${f1(d.p99)} ms).`,
  ].join('\n');
}

const START = '<!-- browser:start (written by bench/browser-bench.ts) -->';
const END = '<!-- browser:end -->';

/** Writes bench/browser.json and the browser section of bench/README.md. */
export function save(run: BrowserRun, text: string): void {
  // Times to 0.1 ms (the page's clock gives no more), in Biome's layout so that `biome check` passes.
  const json = join(here, 'browser.json');
  writeFileSync(json, `${JSON.stringify(run, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v), 2)}\n`);
  try {
    execFileSync(join(here, '..', 'node_modules', '.bin', 'biome'), ['format', '--write', json], { stdio: 'ignore', timeout: 60_000 });
  } catch {
    console.error('bench browser: could not format bench/browser.json with Biome');
  }
  writeReadmeSection(START, END, `${text}\n`);
}
