// The verdicts on the page: each step's badge, the header's link to the last one, and the
// verdict card with its echo in the dock, drawn from the results kept with the tab (results.ts)
// so that a reload shows them again, with the host and time they are about.
import type { Glossary } from '../../core/glossary.ts';
import type { Runbook } from '../../core/schema.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { showAssessment, showProgress, type CardView } from './assessment.ts';
import type { HostPicker } from './host-picker.ts';
import { clearResults, loadResults, resultKey, saveResults, type Results, type StepResult } from './results.ts';
import { adviseRestart, clearVerdict, offerRollback, placeVerdict, showBadge, stepSection } from './step-ui.ts';
import type { Which } from '../../core/step-ref.ts';

export interface PageVerdicts {
  /** Who the shell runs as on the host, once the runner said: kept with the results. */
  user: string | null;
  /** Shows a result in its step's section and in the header. */
  show(section: HTMLElement, which: Which, r: StepResult): void;
  /** Keeps a result and redraws the card. */
  record(step: string, which: Which, r: StepResult): void;
  /** Starting over (a new session, another host): the verdicts were about the old one. */
  forget(): void;
  /** While "Run all checks" runs: how far it is. */
  progress(n: number, total: number): void;
  /** After "Run all checks": the card, and why it stopped early if it did. */
  ranAll(stopped: string | null): void;
}

export function createPageVerdicts(
  dock: HTMLElement,
  s: TerminalStrings,
  g: Glossary,
  hosts: Pick<HostPicker, 'value' | 'inline'>,
  /** The page's runbook and its slug; undefined off a runbook page. */
  { slug, rb }: { slug?: string; rb?: Runbook },
): PageVerdicts {
  const summary = dock.querySelector<HTMLElement>('.rg-summary')!;
  const card: CardView = { card: document.querySelector<HTMLElement>('.rg-assessment'), bar: summary, s, g };
  const last = dock.querySelector<HTMLAnchorElement>('.rg-last')!;
  let results: Results | null = loadResults();
  const redraw = (restored = false) => rb && showAssessment(card, rb, results, restored);

  const v: PageVerdicts = {
    user: null,

    show(section, which, r) {
      placeVerdict(section, which);
      showBadge(section, r.verdict, s, { which, durationMs: r.durationMs, note: r.note, output: r.output });
      // The header repeats it: the step is often scrolled away under the terminal.
      const heading = section.querySelector<HTMLElement>('h2[id], h3[id], h4[id]');
      const badge = section.querySelector('.rg-badge');
      last.href = `#${heading?.id ?? ''}`;
      last.dataset.verdict = r.verdict;
      last.textContent = `${heading?.textContent?.trim() ?? ''}${s.colon}${badge?.lastChild?.textContent ?? r.verdict}`;
      last.hidden = false;
      // The runner decides what comes next (render.ts adviceAfter): a rollback, or a restart.
      if (r.advice === 'rollback') offerRollback(section, s);
      else if (r.advice === 'restart') adviseRestart(section, s);
    },

    record(step, which, r) {
      results ??= { host: hosts.value, hostLabel: hosts.inline(), user: v.user, steps: {} };
      results.user = v.user ?? results.user;
      results.steps[resultKey(step, which)] = r;
      saveResults(results);
      redraw();
    },

    forget() {
      results = null;
      clearResults();
      for (const section of document.querySelectorAll<HTMLElement>('.rg-step')) clearVerdict(section);
      last.hidden = true;
      redraw();
    },

    progress: (n, total) => showProgress(card, n, total),

    ranAll(stopped) {
      redraw();
      if (!stopped) return;
      const note = Object.assign(document.createElement('p'), { textContent: stopped, className: 'rg-card-stopped' });
      (card.card?.querySelector('.rg-assessment-body') ?? summary).prepend(note);
    },
  };

  // A reload keeps what was found, with the host and time it is about.
  if (results) {
    for (const [k, r] of Object.entries(results.steps)) {
      const [step, which] = k.split('/') as [string, Which];
      const section = slug ? stepSection(slug, step) : null;
      if (section) v.show(section, which, r);
    }
    redraw(true);
  }
  return v;
}
