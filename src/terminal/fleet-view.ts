// "Check several servers": a dialog over the runbook page, loaded in its own chunk on first use
// (loader.ts). The runner runs the page's diagnosis playbook with ansible-playbook over the chosen
// hosts (server/fleet/); the table fills as each host's events arrive.
// First: zod must know before any schema is used (see zod-jitless.ts).
import '../zod-jitless.ts';
// Its styles come with it, not with every page (Astro would put an imported stylesheet in each).
import fleetCss from '../styles/fleet.css?inline';
import type { FleetVerdict } from '../../core/fleet.ts';
import { glossaryFor } from '../../core/glossary.ts';
import { fill, localeOf } from '../../core/locales.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { fixHeading } from './assessment.ts';
import type { CsvWords } from './fleet-csv.ts';
import { h, uniqueId } from './fleet-dom.ts';
import { createFleetExports } from './fleet-export.ts';
import { createFleetForm } from './fleet-form.ts';
import { applyEvent, doneCount, type FleetRun, newRun } from './fleet-rows.ts';
import { FleetRefused, followFleet, startFleet, stopFleet } from './fleet-stream.ts';
import { createFleetTable } from './fleet-table.ts';

export interface FleetView {
  open(): void;
}

/** The view of the runbook `slug`, speaking `s`; its dialog is added to the page once. */
export function createFleetView(s: TerminalStrings, slug: string): FleetView {
  const f = s.fleet;
  const g = glossaryFor(document.documentElement.lang);
  const lang = localeOf(document.documentElement.lang);
  const outcome = (v: FleetVerdict | null) => (v === null ? f.pending : v === 'unreachable' ? f.unreachable : s.outcome[v]);
  const fixName = (fix: keyof typeof g.fixes) => fixHeading(fix)?.textContent?.trim() || g.fixes[fix];
  const words: CsvWords = { host: s.host, verdict: f.verdict, fix: f.fix, message: f.message, check: (v) => g.check[v], outcome, fixName };

  const titleId = uniqueId('rg-fleet-title');
  const close = h('button', { type: 'button', class: 'rg-fleet-close' }, f.close);
  const form = createFleetForm(s, { start: () => void start(), stop: () => void stop() });
  const progress = h('p', { class: 'rg-fleet-progress', role: 'status' });
  const command = h('code');
  const table = createFleetTable({
    s,
    g,
    outcome,
    fixLink(fix) {
      const heading = fixHeading(fix);
      if (!heading) return g.fixes[fix];
      const a = h('a', { href: `#${heading.id}` }, heading.textContent!.trim());
      // The section is on the page, under the dialog: close it so the link lands in view.
      a.addEventListener('click', () => dialog.close());
      return a;
    },
  });
  const exports = createFleetExports(s, words, slug, lang);
  const results = h(
    'section',
    { class: 'rg-fleet-results', hidden: true, 'aria-label': f.results },
    progress,
    h('p', { class: 'rg-fleet-command' }, h('span', {}, `${f.command}${s.colon}`), command),
    table.element,
    exports.element,
  );
  const dialog = h(
    'dialog',
    { class: 'rg-fleet', 'aria-labelledby': titleId },
    h('header', { class: 'rg-fleet-head' }, h('h2', { id: titleId }, f.open), close),
    h('p', { class: 'rg-fleet-intro' }, f.intro),
    form.element,
    results,
  );
  document.head.append(h('style', { 'data-rg': 'fleet' }, fleetCss));
  document.body.append(dialog);
  close.addEventListener('click', () => dialog.close());

  let run: FleetRun | null = null;
  /** The run being followed: '' while the runner has not answered yet, null when none. */
  let following: string | null = null;
  /** Stop was pressed before the runner named the run: it stops as soon as it does. */
  let stopWanted = false;

  function showProgress() {
    if (!run) return;
    const parts = [fill(f.progress, { n: doneCount(run), total: run.rows.size })];
    if (run.done?.stopped) parts.push(f.stopped);
    progress.textContent = parts.join(' ');
    if (run.error) form.say(fill(f.failed, { message: run.error }));
    exports.update(run, table.rows());
  }

  async function start() {
    if (following !== null) return;
    const request = form.read();
    if (!request) return;
    following = '';
    stopWanted = false;
    run = null;
    form.running(true);
    try {
      following = await startFleet({ runbook: slug, lang, ...request });
      if (stopWanted) void stop();
      for await (const e of followFleet(following)) {
        if (e.type === 'start') {
          run = newRun(e);
          command.textContent = e.command;
          table.reset(run);
          results.hidden = false;
        } else if (run) {
          const host = applyEvent(run, e);
          if (host) table.update(host);
        }
        showProgress();
      }
      // The stream ends after `done`; sooner, the runner itself went away.
      if (!run?.done && !run?.error) form.say(s.runnerStopped);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      form.say(e instanceof FleetRefused ? fill(s.serverError, { message }) : fill(f.failed, { message }));
    } finally {
      following = null;
      form.running(false);
    }
  }

  async function stop() {
    if (following === null) return;
    if (following === '') {
      stopWanted = true;
      return;
    }
    try {
      await stopFleet(following);
    } catch (e) {
      form.say(fill(s.serverError, { message: e instanceof Error ? e.message : String(e) }));
    }
  }

  let loaded = false;
  return {
    open() {
      // The hosts once: a reload would drop the boxes already ticked.
      if (!loaded) void form.load();
      loaded = true;
      if (!dialog.open) dialog.showModal();
    },
  };
}
