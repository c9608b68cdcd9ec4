// The fleet table as CSV (RFC 4180): a header, then one record per host, in the table's order and
// words. Cells come from the hosts (names, inventory, messages): a spreadsheet must not take one
// for a formula, so a cell that starts like one is prefixed with ' (OWASP's CSV injection advice).
import type { FleetVerdict } from '../../core/fleet.ts';
import type { FixId } from '../../core/schema.ts';
import type { Verdict } from '../../core/step-ref.ts';
import type { HostRow } from './fleet-rows.ts';

/** What a spreadsheet would evaluate: = + - @, and the tab and carriage return that can hide them. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: guarded against formulas, quoted when it holds a quote, a comma or a line break. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Records joined with CRLF, as RFC 4180 says, after a byte order mark: without it, Excel reads the
 * file as the system's code page and garbles the accents of six of the seven languages.
 */
export function toCsv(records: readonly (readonly string[])[]): string {
  return `\uFEFF${records.map((r) => `${r.map(csvField).join(',')}\r\n`).join('')}`;
}

/** The table's words: the column heads and how a verdict, an outcome and a fix read on the page. */
export interface CsvWords {
  host: string;
  verdict: string;
  fix: string;
  message: string;
  check(v: Verdict): string;
  outcome(v: FleetVerdict | null): string;
  fixName(f: FixId): string;
}

/** Host, each check's verdict (in the start's order), the host's verdict, the fix, the message. */
export function fleetCsv(checks: readonly { step: string; title: string }[], rows: readonly HostRow[], w: CsvWords): string {
  const head = [w.host, ...checks.map((c) => c.title), w.verdict, w.fix, w.message];
  const body = rows.map((r) => {
    const cells = checks.map((c) => {
      const v = r.checks[c.step]?.verdict;
      return v ? w.check(v) : '';
    });
    return [r.host, ...cells, w.outcome(r.verdict), r.fix ? w.fixName(r.fix) : '', r.message];
  });
  return toCsv([head, ...body]);
}
