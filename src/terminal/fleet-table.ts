// The fleet table: a row per host, a column per check (its verdict, the line it printed on hover
// and on focus), the host's verdict and the recommended fix, linked to its section of the page.
// Sortable by host and by verdict with buttons in the column heads (aria-sort says the order).
// Its cells are one Tab stop, moved by the arrow keys (fleet-keys.ts).
import type { FleetVerdict } from '../../core/fleet.ts';
import type { Glossary } from '../../core/glossary.ts';
import type { FixId } from '../../core/schema.ts';
import type { Verdict } from '../../core/step-ref.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { h, uniqueId } from './fleet-dom.ts';
import { roveFocus } from './fleet-keys.ts';
import { type FleetRun, type HostRow, type SortDirection, type SortKey, sortRows } from './fleet-rows.ts';

const ICON: Record<Verdict, string> = { pass: '✓', fail: '✗', error: '⚠' };
/** The badge colour of each outcome: verdicts.css's, as the card colours them. */
const TONE: Record<FleetVerdict, Verdict | 'cancelled'> = {
  'at-risk': 'fail',
  'at-risk-latent': 'fail',
  'not-at-risk': 'pass',
  undecided: 'error',
  unreachable: 'cancelled',
};

export interface TableDeps {
  s: TerminalStrings;
  g: Glossary;
  outcome(v: FleetVerdict | null): string;
  /** The fix's section of the page, if it has one. */
  fixLink(fix: FixId): HTMLAnchorElement | string;
}

export interface FleetTable {
  element: HTMLElement;
  /** A new run: the head from its checks, a row per host. */
  reset(run: FleetRun): void;
  /** One host's row changed. */
  update(host: string): void;
  /** The rows as the table orders them now. */
  rows(): HostRow[];
}

export function createFleetTable(d: TableDeps): FleetTable {
  const { s } = d;
  const captionId = uniqueId('rg-fleet-caption');
  const head = h('thead');
  const body = h('tbody');
  const table = h('table', { class: 'rg-fleet-table' }, h('caption', { id: captionId }, s.fleet.results), head, body);
  // A region that can take the focus, so a keyboard can scroll a table wider than the window.
  const element = h('div', { class: 'rg-fleet-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: 0 }, table);
  let run: FleetRun | null = null;
  let sort: { key: SortKey; direction: SortDirection } = { key: 'host', direction: 'ascending' };
  const trs = new Map<string, HTMLTableRowElement>();
  // Every badge (a check's verdict, the host's) and every fix link.
  const rove = roveFocus(body, '.rg-fleet-badge, .rg-fleet-fix a');

  const sortButton = (key: SortKey, text: string) => {
    const th = h(
      'th',
      { scope: 'col', 'data-sort': key },
      h('button', { type: 'button', class: 'rg-fleet-sort' }, text, h('span', { class: 'rg-fleet-arrow', 'aria-hidden': 'true' })),
    );
    th.querySelector('button')!.addEventListener('click', () => {
      sort = { key, direction: sort.key === key && sort.direction === 'ascending' ? 'descending' : 'ascending' };
      order();
    });
    return th;
  };

  function order() {
    for (const th of head.querySelectorAll<HTMLElement>('th[data-sort]')) {
      const active = th.dataset.sort === sort.key;
      if (active) th.setAttribute('aria-sort', sort.direction);
      else th.removeAttribute('aria-sort');
      th.querySelector('.rg-fleet-arrow')!.textContent = active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : '';
    }
    if (!run) return;
    const wanted = sortRows(run.rows.values(), sort.key, sort.direction).map((r) => trs.get(r.host)!);
    if (wanted.every((tr, i) => body.children[i] === tr)) return;
    // Moving a row takes the focus from what it holds: give it back.
    const focused = document.activeElement;
    body.append(...wanted);
    if (focused instanceof HTMLElement && body.contains(focused)) focused.focus();
  }

  /** A cell whose detail shows as a tooltip on hover (title) and to the focus and screen readers. */
  function described(text: string, detail: string, attrs: Record<string, string>) {
    // tabindex -1: the table's one Tab stop is given by roveFocus.
    const badge = h('span', { class: 'rg-badge rg-fleet-badge', tabindex: -1, ...attrs }, text);
    if (!detail) return [badge];
    const tip = h('span', { class: 'rg-fleet-tip', id: uniqueId('rg-fleet-tip'), role: 'tooltip' }, detail);
    badge.title = detail;
    badge.setAttribute('aria-describedby', tip.id);
    return [badge, tip];
  }

  function fill(tr: HTMLTableRowElement, row: HostRow) {
    const cells = run!.start.checks.map(({ step }) => {
      const c = row.checks[step];
      if (!c) return h('td', { 'data-step': step });
      return h(
        'td',
        { 'data-step': step },
        ...described(`${ICON[c.verdict]} ${d.g.check[c.verdict]}`, c.output, { 'data-verdict': c.verdict }),
      );
    });
    const verdict = row.verdict
      ? h(
          'td',
          { class: 'rg-fleet-verdict' },
          ...described(d.outcome(row.verdict), row.message, { 'data-outcome': row.verdict, 'data-verdict': TONE[row.verdict] }),
        )
      : h('td', { class: 'rg-fleet-verdict' }, h('span', { class: 'rg-fleet-pending' }, d.outcome(null)));
    const fix = h('td', { class: 'rg-fleet-fix' }, row.fix ? d.fixLink(row.fix) : '');
    tr.dataset.verdict = row.verdict ?? 'pending';
    tr.replaceChildren(h('th', { scope: 'row' }, row.host), ...cells, verdict, fix);
    rove();
  }

  return {
    element,
    reset(r) {
      run = r;
      sort = { key: 'host', direction: 'ascending' };
      const checks = r.start.checks.map((c) => h('th', { scope: 'col', 'data-step': c.step }, c.title));
      head.replaceChildren(
        h('tr', {}, sortButton('host', s.host), ...checks, sortButton('verdict', s.fleet.verdict), h('th', { scope: 'col' }, s.fleet.fix)),
      );
      trs.clear();
      body.replaceChildren();
      for (const row of r.rows.values()) {
        const tr = h('tr', { 'data-host': row.host });
        trs.set(row.host, tr);
        fill(tr, row);
      }
      order();
    },
    update(host) {
      const row = run?.rows.get(host);
      if (!row) return;
      let tr = trs.get(host);
      if (!tr) {
        tr = h('tr', { 'data-host': host });
        trs.set(host, tr);
      }
      const focusedStep = tr.contains(document.activeElement) ? document.activeElement?.closest('td')?.dataset.step : undefined;
      fill(tr, row);
      if (focusedStep) tr.querySelector<HTMLElement>(`td[data-step="${CSS.escape(focusedStep)}"] [tabindex]`)?.focus();
      if (sort.key === 'verdict' || !tr.isConnected) order();
    },
    rows: () => (run ? sortRows(run.rows.values(), sort.key, sort.direction) : []),
  };
}
