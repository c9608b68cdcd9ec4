// The only runner code every runbook page ships: it asks whether the page is served by the local
// runner, reveals the Run buttons if so, and loads the terminal panel (xterm and all) on first use.
import type { Panel } from './panel.ts';
import { detectRunner } from './token.ts';
import { hasResults } from './results.ts';
import { followParams } from './placeholders.ts';
import type { Which } from '../../core/step-ref.ts';
import { SESSION_KEY } from './session-key.ts';

/** Keeps the page's bottom padding equal to the dock's height so the dock never hides the text. */
function trackDockHeight(dock: HTMLElement) {
  const set = () => document.documentElement.style.setProperty('--rg-dock-height', `${dock.offsetHeight}px`);
  new ResizeObserver(set).observe(dock);
  set();
}

async function start() {
  const dock = document.querySelector<HTMLElement>('.rg-dock');
  if (!dock) return;
  // Out of Starlight's content column, which is its own stacking context (isolation: isolate):
  // a fixed dock inside it would sit under the table of contents.
  document.body.append(dock);
  trackDockHeight(dock);
  followParams();
  const state = await detectRunner();
  dock.dataset.runner = state;
  if (state !== 'ready') {
    dock.querySelector<HTMLElement>(`.rg-notice[data-when="${state}"]`)?.removeAttribute('hidden');
    return;
  }
  // Rollback buttons stay hidden: the panel offers them once a change has been run.
  for (const b of document.querySelectorAll<HTMLButtonElement>('.rg-step .rg-run:not([data-which="rollback"])')) b.hidden = false;
  for (const b of document.querySelectorAll<HTMLButtonElement>('.rg-run-all, .rg-apply-fix, .rg-fleet-open')) b.hidden = false;
  dock.querySelector<HTMLElement>('.rg-bar')!.hidden = false;

  let panel: Promise<Panel> | undefined;
  // The panel and its text in the page's language only, fetched side by side.
  const load = () =>
    (panel ??= Promise.all([import('./panel.ts'), import('./strings.ts').then((m) => m.loadStrings(document.documentElement.lang))]).then(
      ([m, s]) => m.createPanel(dock, s),
    ));

  // "Check several servers": a chunk of its own, without xterm.
  let fleet: Promise<{ open(): void }> | undefined;
  const slug = document.querySelector<HTMLElement>('.rg-step[data-runbook]')?.dataset.runbook ?? '';
  const loadFleet = () =>
    (fleet ??= Promise.all([
      import('./fleet-view.ts'),
      import('./strings.ts').then((m) => m.loadStrings(document.documentElement.lang)),
    ]).then(([m, s]) => m.createFleetView(s, slug)));

  dock.querySelector('.rg-open')!.addEventListener('click', async () => (await load()).toggle());
  document.addEventListener('click', async (event) => {
    const target = event.target as Element | null;
    if (target?.closest('.rg-run-all')) return (await load()).runAllChecks();
    if (target?.closest('.rg-fleet-open')) return (await loadFleet()).open();
    const report = target?.closest<HTMLElement>('.rg-report');
    if (report) return (await load()).downloadReport(report.dataset.format === 'md' ? 'md' : 'html');
    const guided = target?.closest<HTMLElement>('.rg-apply-fix')?.closest<HTMLElement>('.rg-guided');
    if (guided) return (await load()).applyFix(guided);
    const button = target?.closest<HTMLButtonElement>('.rg-step .rg-run');
    const section = button?.closest<HTMLElement>('.rg-step');
    if (!button || !section) return;
    (await load()).runStep(section, (button.dataset.which ?? 'run') as Which, { reveal: true });
  });
  // A reloaded or reopened tab within the runner's grace period gets its session back, and the
  // verdicts found before the reload come back on the page.
  if (sessionStorage.getItem(SESSION_KEY)) (await load()).open();
  else if (hasResults()) await load();
}

void start();
