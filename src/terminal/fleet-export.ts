// What the fleet table hands on: the table as CSV, and the hosts at risk as an Ansible inventory
// with the command that applies each recommended fix's exported playbook to exactly them.
import { AT_RISK_GROUP, atRiskInventory } from '../../core/fleet.ts';
import type { Locale } from '../../core/locales.ts';
import type { FixId } from '../../core/schema.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { exportFileName } from '../../export/plan.ts';
import { type CsvWords, fleetCsv } from './fleet-csv.ts';
import { download, h } from './fleet-dom.ts';
import type { FleetRun, HostRow } from './fleet-rows.ts';

export const AT_RISK_FILE = 'runguide-at-risk.yml';
const atRisk = (r: HostRow) => r.verdict === 'at-risk' || r.verdict === 'at-risk-latent';
/** A word the shell takes as is, or single-quoted. */
const shellWord = (w: string) => (/^[\w.,:@%+=/-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`);

/**
 * One command per fix the hosts at risk need: the fix's exported playbook over the at-risk
 * inventory, limited to the group when every host at risk needs that fix, else to its hosts.
 */
export function fixCommands(rows: readonly HostRow[], slug: string, lang: Locale): string[] {
  const hosts = rows.filter(atRisk);
  const fixes = [...new Set(hosts.flatMap((r) => (r.fix ? [r.fix] : [])))].sort();
  return fixes.map((fix: FixId) => {
    const these = hosts.filter((r) => r.fix === fix).map((r) => r.host);
    const limit = these.length === hosts.length ? AT_RISK_GROUP : these.join(',');
    const playbook = exportFileName({ kind: 'fix', fix, distros: [], runbook: { slug }, options: { format: 'ansible', lang } });
    return `ansible-playbook -i ${AT_RISK_FILE} ${playbook} --limit ${shellWord(limit)}`;
  });
}

export interface FleetExports {
  element: HTMLElement;
  /** Shows what the run allows: the CSV once it started, the inventory once hosts are at risk. */
  update(run: FleetRun, rows: readonly HostRow[]): void;
}

export function createFleetExports(s: TerminalStrings, words: CsvWords, slug: string, lang: Locale): FleetExports {
  let current: { run: FleetRun; rows: readonly HostRow[] } | null = null;
  const csv = h('button', { type: 'button', class: 'rg-fleet-csv' }, s.fleet.csv);
  const inventory = h('button', { type: 'button', class: 'rg-fleet-inventory' }, s.fleet.atRiskInventory);
  const reports = (['html', 'md'] as const).map((format) => {
    const button = h(
      'button',
      { type: 'button', class: 'rg-fleet-report', 'data-format': format },
      format === 'html' ? s.fleet.reportHtml : s.fleet.reportMd,
    );
    button.addEventListener('click', () => void report(format));
    return button;
  });
  const next = h('div', { class: 'rg-fleet-next' });
  const element = h('div', { class: 'rg-fleet-exports' }, h('p', {}, csv, ' ', inventory, ' ', ...reports), next);

  /** The report of the hosts assessed so far (the template the page, script and playbook share). */
  async function report(format: 'html' | 'md') {
    const assessed = current?.rows.filter((row) => row.verdict !== null) ?? [];
    // Loaded on first use: the runbooks and the report template are not the fleet view's to carry.
    const [{ runbooks }, { downloadFleetReport }] = await Promise.all([import('../../runbooks/index.ts'), import('./report-download.ts')]);
    if (!Object.hasOwn(runbooks, slug)) return;
    downloadFleetReport(
      runbooks[slug]!,
      assessed.map((row) => ({ host: row.host, verdict: row.verdict!, message: row.message, checks: row.checks })),
      format,
    );
  }

  csv.addEventListener('click', () => {
    if (current) download(`${slug}-fleet.csv`, fleetCsv(current.run.start.checks, current.rows, words), 'text/csv;charset=utf-8');
  });
  inventory.addEventListener('click', () => {
    const rows = current?.rows.filter((r) => r.verdict !== null) ?? [];
    download(AT_RISK_FILE, atRiskInventory(rows.map((r) => ({ host: r.host, verdict: r.verdict!, vars: r.vars }))), 'application/yaml');
  });

  return {
    element,
    update(run, rows) {
      current = { run, rows };
      const some = rows.some(atRisk);
      inventory.hidden = !some;
      const commands = fixCommands(rows, slug, lang);
      if (!some) next.replaceChildren(run.done ? h('p', {}, s.fleet.noneAtRisk) : '');
      else if (commands.length > 0)
        next.replaceChildren(h('p', {}, s.fleet.atRiskCommand), ...commands.map((c) => h('pre', {}, h('code', {}, c))));
      else next.replaceChildren();
    },
  };
}
