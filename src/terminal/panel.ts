// The terminal panel, loaded on first use by loader.ts (a dynamic import: xterm is large). It
// wires the parts together, each given what it needs: the drawer, the terminal, the session with
// the runner, the host picker, the runs of steps and the verdicts they leave on the page.
// First: zod must know before any runbook is parsed on import (see zod-jitless.ts).
import '../zod-jitless.ts';
import { glossaryFor } from '../../core/glossary.ts';
import type { Verdict } from '../../core/step-ref.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
// Imported here rather than in page-verdicts.ts: the bundler then keeps the runbooks chunk as is
// for the export panel, which loads it too.
import { runbooks } from '../../runbooks/index.ts';
import { AlertLine } from './alert.ts';
import { askConfirm } from './confirm-dialog.ts';
import { createDrawer, revealAboveDock } from './drawer.ts';
import { createGuidedFix } from './guided-fix.ts';
import { createHostPicker } from './host-picker.ts';
import { wireOutputSearch } from './output-search.ts';
import { createPageVerdicts } from './page-verdicts.ts';
import { createRecordingLink } from './recording-link.ts';
import { createRunAll } from './run-all.ts';
import { createRuns } from './runs.ts';
import { wireSecretDialog } from './secret-dialog.ts';
import { createSession } from './session.ts';
import type { Which } from '../../core/step-ref.ts';
import { createTerminalView } from './terminal-view.ts';

export interface Panel {
  open(opts?: { focus?: boolean }): Promise<void>;
  close(): void;
  toggle(): Promise<void>;
  /**
   * Runs one command of a step; resolves to its verdict, or null if it did not run. `reveal`: the
   * user clicked it, so its verdict is scrolled into view (not while "Run all checks" goes through).
   */
  runStep(section: HTMLElement, which: Which, opts?: { reveal?: boolean }): Promise<Verdict | null>;
  runAllChecks(): Promise<void>;
  /** "Download report": the checks run on this page's host, as an HTML or Markdown file. */
  downloadReport(format: 'html' | 'md'): Promise<void>;
  /** "Apply fix N" from its block (GuidedFix.astro): the fix's steps in order, stopping at the first failure. */
  applyFix(block: HTMLElement): Promise<void>;
}

/** The panel of `dock`, speaking `s` (the page's language, loaded by strings.ts). */
export function createPanel(dock: HTMLElement, s: TerminalStrings): Panel {
  const g = glossaryFor(document.documentElement.lang);
  const $ = <T extends Element>(sel: string) => dock.querySelector<T>(sel)!;
  const alert = new AlertLine($('.rg-alert'));
  const drawer = createDrawer(dock, s);
  const view = createTerminalView($('.rg-screen'), drawer.element, s, (m) => session.send(m));
  const hosts = createHostPicker($('.rg-host-select'), $('.rg-add-host'), {
    s,
    alert,
    busy: () => runs.size > 0 || guided.running,
    switched(host) {
      verdicts.user = null;
      startOver(host);
    },
  });
  // The page's runbook, named by its steps (none off a runbook page).
  const slug = document.querySelector<HTMLElement>('.rg-step[data-runbook]')?.dataset.runbook;
  const rb = slug && Object.hasOwn(runbooks, slug) ? runbooks[slug] : undefined;
  const verdicts = createPageVerdicts(dock, s, g, hosts, { slug, rb });
  const session = createSession({
    term: view.term,
    stateText: $('.rg-state'),
    hosts,
    alert,
    recording: createRecordingLink($('.rg-download'), s, alert),
    s,
    message(m) {
      if (m.type === 'distro') verdicts.user = m.user;
      else runs.message(m);
    },
    replaced: () => runs.abandon(),
    lost: (problem) => runs.lost(problem),
  });
  const confirmDialog = $<HTMLDialogElement>('.rg-confirm');
  const runs = createRuns({
    s,
    alert,
    verdicts,
    async ready() {
      await open({ focus: false });
      hosts.keep();
      return session.connected(hosts.value);
    },
    send: (m) => session.send(m),
    confirm: (m, section) => askConfirm(confirmDialog, m, section, { s, rb, host: hosts.inline }),
    reveal: (el) => revealAboveDock(dock, el),
  });
  wireOutputSearch($('.rg-search'), view.search);
  wireSecretDialog(dock, s, (m) => session.send(m));

  async function open(opts: { focus?: boolean } = {}) {
    drawer.show();
    view.mount();
    view.fit();
    // The first open connects: to the session this tab had before a reload, if its host is known.
    if (!session.started) {
      await hosts.load();
      const saved = session.saved();
      if (saved && hosts.has(saved.host)) {
        hosts.value = saved.host;
        session.connect(saved.host, saved.session);
      } else session.connect(hosts.value);
    }
    if (opts.focus !== false) view.term.focus();
  }

  /** A new session (the button, or another host): the verdicts on the page were about the old one. */
  function startOver(host: string) {
    guided.abort();
    session.forgetSaved();
    verdicts.forget();
    session.connect(host);
    view.term.focus();
  }
  $('.rg-new-session').addEventListener('click', () => startOver(hosts.value));

  const guided = createGuidedFix({
    s,
    rb,
    dock,
    open: () => open({ focus: false }),
    attempt: (section, which) => runs.attempt(section, which),
  });
  const runAll = createRunAll({ s, alert, verdicts, open: () => open({ focus: false }), run: (section) => runs.run(section, 'run') });
  return {
    open,
    close: drawer.hide,
    toggle: () => (drawer.hidden ? open() : Promise.resolve(drawer.hide())),
    runStep: runs.run,
    runAllChecks: runAll,
    async downloadReport(format) {
      if (!rb) return;
      const { downloadPageReport } = await import('./report-download.ts');
      downloadPageReport(rb, format, document.querySelector('.rg-report-status'));
    },
    applyFix: guided.apply,
  };
}
