// What the fleet view knows of a run, folded from the runner's events (core/fleet.ts): one row per
// host, each check's verdict and output line, then the host's verdict and fix. No DOM: the table
// (fleet-table.ts) and the CSV (fleet-csv.ts) read it, the unit tests too.
import type { FleetEvent, FleetStartEvent, FleetVerdict } from '../../core/fleet.ts';
import type { FixId } from '../../core/schema.ts';
import type { Verdict } from '../../core/step-ref.ts';

export interface HostRow {
  host: string;
  /** Each check's verdict, its last line (the cell's), its whole text and command (the report's). */
  checks: Record<string, { verdict: Verdict; output: string; text: string; command: string }>;
  /** null until the host's `host` event. */
  verdict: FleetVerdict | null;
  fix: FixId | null;
  message: string;
  vars: Record<string, string>;
}

export interface FleetRun {
  start: FleetStartEvent;
  rows: Map<string, HostRow>;
  done: { exitCode: number | null; stopped: boolean } | null;
  error: string | null;
}

export const newRun = (start: FleetStartEvent): FleetRun => ({
  start,
  rows: new Map(start.hosts.map((host) => [host, emptyRow(host)])),
  done: null,
  error: null,
});

const emptyRow = (host: string): HostRow => ({ host, checks: {}, verdict: null, fix: null, message: '', vars: {} });

/** Folds one event into the run; returns the host whose row changed, if any. */
export function applyEvent(run: FleetRun, e: Exclude<FleetEvent, FleetStartEvent>): string | null {
  if (e.type === 'done') run.done = { exitCode: e.exitCode, stopped: e.stopped };
  if (e.type === 'error') run.error = e.message;
  if (e.type !== 'check' && e.type !== 'host') return null;
  // A host the start did not name (it should not happen) still gets its row rather than vanish.
  const row = run.rows.get(e.host) ?? emptyRow(e.host);
  run.rows.set(e.host, row);
  if (e.type === 'check') row.checks[e.step] = { verdict: e.verdict, output: e.output, text: e.text, command: e.command ?? '' };
  else Object.assign(row, { verdict: e.verdict, fix: e.fix, message: e.message, vars: e.vars });
  return e.host;
}

export const doneCount = (run: FleetRun): number => [...run.rows.values()].filter((r) => r.verdict !== null).length;

/** Worst first: what needs the reader's attention heads the table when sorted by verdict. */
export const VERDICT_ORDER: readonly FleetVerdict[] = ['at-risk', 'at-risk-latent', 'undecided', 'unreachable', 'not-at-risk'];

export type SortKey = 'host' | 'verdict';
export type SortDirection = 'ascending' | 'descending';

// Numbers in names count as numbers: web2 before web10, as people number their servers.
const names = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byHost = (a: HostRow, b: HostRow) => names.compare(a.host, b.host) || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0);
// A host without a verdict yet ranks after every verdict.
const rank = (r: HostRow) => (r.verdict === null ? VERDICT_ORDER.length : VERDICT_ORDER.indexOf(r.verdict));

/**
 * The rows in the table's order. Descending reverses the key, not the tie-break: hosts of the same
 * verdict stay in name order either way, and hosts without a verdict stay last.
 */
export function sortRows(rows: Iterable<HostRow>, key: SortKey, direction: SortDirection): HostRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'host') return sign * byHost(a, b);
    const pending = Number(a.verdict === null) - Number(b.verdict === null);
    return pending || sign * (rank(a) - rank(b)) || byHost(a, b);
  });
}
