import type { Options } from './options.ts';
import { median } from './rounds.ts';
import { writeReadmeSection } from './readme-section.ts';

export type Row = Record<string, unknown>;
interface Num {
  [k: string]: number | boolean | string | undefined;
}
/** A target's result for a metric: the row, or its error (`{ error }`), or nothing when not run. */
const resultOf = (r: Row, metric: string, name: string) => (r[metric] as Row | undefined)?.[name] as Num | undefined;
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

export function report(r: Row): string {
  const rows: string[][] = [];
  const get = (metric: string, name: string): Num | null => {
    const v = resultOf(r, metric, name);
    return v && !('error' in v) ? v : null;
  };
  const err = (metric: string, name: string): string => {
    const v = resultOf(r, metric, name);
    return v && 'error' in v ? 'failed' : '—';
  };
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
    const bare = pairedText(r, 'bare');
    rows.push([
      `Throughput, MiB/s, median (min–max) of ${settings.rounds} rounds (\`yes \\| head -c ${settings.size}\`, client acks, no rendering)`,
      ...servers('throughput', tp),
      cell('throughput', 'bare', tp),
      '≥ 0.9 × bare node-pty (issue 13)',
      bare ? `${yesNo(bare.ratio >= 0.9)}: ${bare.text}` : '—',
    ]);
    rows.push([
      'Throughput compared with wetty, round by round',
      wetty?.text ?? '—',
      '',
      '',
      '',
      '≥ wetty (issue 3)',
      wetty ? yesNo(wetty.ratio >= 1) : '—',
    ]);
    // The issue set no throughput goal against ttyd: the ratio is shown, not judged.
    rows.push(['Throughput compared with ttyd, round by round', ttyd?.text ?? '—', '', '', '', 'none set; compared', '—']);
    rows.push([
      'Throughput, runner started with `--record` (asciicast of every byte)',
      cell('throughput', 'runnerRecord', tp),
      '',
      '',
      '',
      'diagnostic',
      '—',
    ]);
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
    rows.push([
      `Peak server RSS, MiB, client stalled ${s} s under \`yes\` (growth)`,
      ...servers('stall', peak),
      'n/a',
      'bounded',
      yesNo(bounded),
    ]);
    const late = (v: Num) => `${fmt(mib(v.lateGrowth as number), 2)}`;
    rows.push([`RSS growth over the stall's second half, MiB`, ...servers('stall', late), 'n/a', '< 1 MiB', yesNo(bounded)]);
    const kept = (v: Num) => `${v.sessionKept ? 'kept' : 'dropped'}; ${fmt(v.afterResumeMiB as number)} MiB in 5 s once read again`;
    const resumed = ru ? Boolean(ru.sessionKept) && (ru.afterResumeMiB as number) > 1 : null;
    rows.push(['Stalled session at the end of the stall', ...servers('stall', kept), 'n/a', 'kept, then flows again', yesNo(resumed)]);
  }
  if (r.idle) {
    const n = settings.sessions;
    // Issue 13: the runner no heavier than wetty, per idle session and with one session closed.
    const notAboveWetty = (f: (v: Num) => number) => {
      const [ru, we] = [get('idle', 'runner'), get('idle', 'wetty')];
      return ru && we ? yesNo(f(ru) <= f(we)) : '—';
    };
    const per = (v: Num) => `${fmt(v.serverPerSession as number, 0)}${(v.opened as number) < n ? ` (${v.opened} opened)` : ''}`;
    rows.push([
      `Idle: server RSS per session, KiB (${n} idle \`bash -l\`)`,
      ...servers('idle', per),
      cell('idle', 'bare', per),
      '≤ wetty (issue 13)',
      notAboveWetty((v) => v.serverPerSession as number),
    ]);
    const sh = (v: Num) => fmt(v.shellsPerSession as number, 0);
    rows.push(['Idle: shell processes, PSS per session, KiB', ...servers('idle', sh), cell('idle', 'bare', sh), '—', '—']);
    const base = (v: Num) => fmt(mib(v.before as number));
    rows.push([
      'Idle: server RSS with one session opened and closed, MiB',
      ...servers('idle', base),
      cell('idle', 'bare', base),
      '≤ wetty (issue 13)',
      notAboveWetty((v) => v.before as number),
    ]);
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

export function updateReadme(table: string): void {
  writeReadmeSection(START, END, table);
}
