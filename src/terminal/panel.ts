// The terminal panel, loaded on first use by loader.ts: xterm in the drawer, the host picker, the
// session, and running steps by id (the runner resolves the command; the page never sends it).
// First: zod must know before any runbook is parsed on import (see zod-jitless.ts).
import '../zod-jitless.ts';
import { findStep, type Verdict } from '../../core/render.ts';
import { runbooks } from '../../runbooks/index.ts';
import { format, terminalStringsFor } from '../../i18n/terminal.ts';
import { glossaryFor } from '../../core/glossary.ts';
import { Connection, type ConnectionState, type ServerMessage } from './connection.ts';
import { createTerminalView } from './terminal-view.ts';
import { createDrawer, revealAboveDock } from './drawer.ts';
import { wireOutputSearch } from './output-search.ts';
import { AlertLine } from './alert.ts';
import { createHostPicker } from './host-picker.ts';
import { createRecordingLink } from './recording-link.ts';
import { adviseRestart, clearVerdict, offerRollback, placeVerdict, readParams, showBadge, stepSection, type Which } from './step-ui.ts';
import { runAllChecks } from './summary.ts';
import { showAssessment, showProgress, type CardView } from './assessment.ts';
import { clearResults, loadResults, resultKey, saveResults, type Results, type StepResult } from './results.ts';

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
}

interface PendingRun {
  section: HTMLElement;
  which: Which;
  started: boolean;
  /** The user clicked this one: keep its verdict in view. */
  reveal: boolean;
  resolve(v: Verdict | null): void;
}

const SESSION_KEY = 'runguide:terminal-session';

export function createPanel(dock: HTMLElement): Panel {
  const s = terminalStringsFor(document.documentElement.lang);
  const g = glossaryFor(document.documentElement.lang);
  const $ = <T extends Element>(sel: string) => dock.querySelector<T>(sel)!;
  const drawer = createDrawer(dock, s);
  const view = createTerminalView($('.rg-screen'), drawer.element, s, (m) => conn?.send(m));
  const term = view.term;
  const stateText = $<HTMLElement>('.rg-state');
  const alert = new AlertLine($('.rg-alert'));
  const recording = createRecordingLink($('.rg-download'), s, alert);
  const hosts = createHostPicker($('.rg-host-select'), $('.rg-add-host'), {
    s,
    alert,
    busy: () => pending.size > 0,
    switched(host) {
      sessionStorage.removeItem(SESSION_KEY);
      forgetResults();
      user = null;
      connect(host);
      term.focus();
    },
  });
  const summary = $<HTMLElement>('.rg-summary');
  const dialog = $<HTMLDialogElement>('.rg-confirm');


  let conn: Connection | undefined;
  let connState: ConnectionState = 'closed';
  let waiters: ((ok: boolean) => void)[] = [];
  const pending = new Map<string, PendingRun>();
  /** Who the shell runs as on the host, once the runner said. */
  let user: string | null = null;

  // ---- results and the verdict card --------------------------------------------------------------

  const slug = document.querySelector<HTMLElement>('.rg-step[data-runbook]')?.dataset.runbook;
  const rb = slug && Object.hasOwn(runbooks, slug) ? runbooks[slug] : undefined;
  const card: CardView = { card: document.querySelector<HTMLElement>('.rg-assessment'), bar: summary, s, g };
  let results: Results | null = loadResults();
  const redraw = (restored = false) => rb && showAssessment(card, rb, results, restored);

  function record(step: string, which: Which, r: StepResult) {
    results ??= { host: hosts.value, hostLabel: hosts.inline(), user, steps: {} };
    results.user = user ?? results.user;
    results.steps[resultKey(step, which)] = r;
    saveResults(results);
    redraw();
  }

  const last = $<HTMLAnchorElement>('.rg-last');
  function showResult(section: HTMLElement, which: Which, r: StepResult) {
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
  }

  /** Starting over (a new session, another host): the verdicts on the page were about the old one. */
  function forgetResults() {
    results = null;
    clearResults();
    for (const section of document.querySelectorAll<HTMLElement>('.rg-step')) clearVerdict(section);
    last.hidden = true;
    redraw();
  }

  // A reload keeps what was found, with the host and time it is about.
  if (results) {
    for (const [k, r] of Object.entries(results.steps)) {
      const [step, which] = k.split('/') as [string, Which];
      const section = slug ? stepSection(slug, step) : null;
      if (section) showResult(section, which, r);
    }
    redraw(true);
  }

  // ---- session -------------------------------------------------------------------------------

  function connect(host: string, resume?: string) {
    conn?.close();
    pending.forEach((p) => p.resolve(null));
    pending.clear();
    recording.hide();
    term.reset();
    // Events of a replaced connection (a host switch) must not touch the new one.
    const c: Connection = new Connection(
      host,
      {
        state: (st) => c === conn && onState(st),
        output: (text, written) => (c === conn ? term.write(text, written) : undefined),
        message: (m) => c === conn && onMessage(m),
        reattaching: () => c === conn && term.reset(), // the runner replays the screen
      },
      () => ({ cols: term.cols, rows: term.rows }),
      resume,
    );
    conn = c;
    c.start();
  }

  function onState(state: ConnectionState) {
    connState = state;
    const text =
      state === 'open'
        ? format(s.state.connected, { host: hosts.label() })
        : state === 'connecting'
          ? format(s.state.connecting, { host: hosts.label() })
          : state === 'reconnecting'
            ? s.state.reconnecting
            : state === 'stopped'
              ? s.state.stopped
              : stateText.dataset.ended
              ? format(s.state.ended, { host: hosts.label() })
              : s.state.offline;
    stateText.textContent = text;
    if (state === 'stopped') alert.say(s.runnerStopped);
    if (state === 'open' || state === 'closed' || state === 'stopped') {
      waiters.forEach((w) => w(state === 'open'));
      waiters = [];
    }
    if (state === 'closed' || state === 'reconnecting' || state === 'stopped') {
      // The runner's own words (shown in the alert) say more than "Not connected".
      alert.problem = alert.text || text;
      // A run in flight cannot be followed across a lost connection; its verdict would be a guess.
      for (const [key, p] of pending) {
        showBadge(p.section, 'error', s, { which: p.which, note: alert.problem });
        p.resolve(null);
        pending.delete(key);
      }
    }
  }

  function connected(): Promise<boolean> {
    if (conn?.connected) return Promise.resolve(true);
    if (!conn || connState === 'closed' || connState === 'stopped') connect(hosts.value);
    return new Promise((resolve) => waiters.push(resolve));
  }

  function onMessage(m: ServerMessage) {
    switch (m.type) {
      case 'ready':
        delete stateText.dataset.ended;
        alert.say(hosts.errors); // what was wrong with the hosts file stays said
        sessionStorage.setItem(SESSION_KEY, JSON.stringify({ session: m.session, host: m.host }));
        recording.show(m.session, m.recording);
        break;
      case 'confirm':
        void confirmRun(m);
        break;
      case 'started': {
        const p = pending.get(key(m.runbook, m.step, m.which));
        if (p) p.started = true;
        const section = p?.section ?? stepSection(m.runbook, m.step);
        if (section) showBadge(section, 'running', s, { which: m.which });
        break;
      }
      case 'result': {
        const k = key(m.runbook, m.step, m.which);
        const p = pending.get(k);
        pending.delete(k);
        const section = p?.section ?? stepSection(m.runbook, m.step);
        const r: StepResult = {
          verdict: m.verdict,
          output: m.output,
          durationMs: m.durationMs,
          note: m.verdict === 'pass' || m.exitCode === null ? undefined : `exit ${m.exitCode}`,
          advice: m.rollback ? 'rollback' : m.restart ? 'restart' : null,
          at: Date.now(),
        };
        if (section) showResult(section, m.which, r);
        record(m.step, m.which, r);
        const out = section?.querySelector<HTMLElement>('output.rg-verdict');
        if (p?.reveal && out) void revealAboveDock(dock, out);
        p?.resolve(m.verdict);
        break;
      }
      case 'error': {
        if (m.code === 'declined') break; // our own Cancel: the step already says so
        const text = format(s.serverError, { message: m.message });
        alert.say(text);
        // The runner refuses a run before starting it (bad parameter, busy session) and names it.
        if (!m.run) break;
        const k = key(m.run.runbook, m.run.step, m.run.which);
        const p = pending.get(k);
        if (p && !p.started) {
          showBadge(p.section, 'error', s, { which: p.which, note: m.message });
          pending.delete(k);
          p.resolve(null);
        }
        break;
      }
      case 'exit':
        stateText.dataset.ended = 'true';
        sessionStorage.removeItem(SESSION_KEY);
        term.write(`\r\n\x1b[2m[${format(s.state.ended, { host: hosts.label() })}]\x1b[0m\r\n`);
        break;
      case 'distro':
        user = m.user;
        break;
    }
  }

  async function confirmRun(m: Extract<ServerMessage, { type: 'confirm' }>) {
    const p = pending.get(key(m.runbook, m.step, m.which));
    const section = p?.section ?? stepSection(m.runbook, m.step);
    user = m.user ?? user;
    if (section) showBadge(section, 'waiting', s, { which: m.which });
    const accepted = await askConfirm(m, section);
    conn?.send({ type: 'confirm', runId: m.runId, accept: accepted });
    if (!accepted) {
      if (section) showBadge(section, 'cancelled', s, { which: m.which });
      alert.problem = s.cancelled;
      pending.delete(key(m.runbook, m.step, m.which));
      p?.resolve(null);
    }
  }

  function askConfirm(m: Extract<ServerMessage, { type: 'confirm' }>, section: HTMLElement | null): Promise<boolean> {
    dialog.dataset.risk = m.risk;
    const title = section?.querySelector('h2, h3, h4')?.textContent?.trim() ?? m.step;
    const q = <T extends HTMLElement>(sel: string) => dialog.querySelector<T>(sel)!;
    q('.rg-confirm-step').textContent = [title, s.which[m.which]].filter(Boolean).join(' — ');
    q('.rg-confirm-target').textContent = format(m.user ? s.confirm.target : s.confirm.targetNoUser, { host: hosts.inline(), user: m.user ?? '' });
    q('.rg-confirm-command code').textContent = m.command;
    q('.rg-confirm-risk').textContent = s.risk[m.risk];
    // What the user gives up, before the button: the fix's consequence, and when not to run it.
    const fix = rb?.fixes.find((f) => f.id === findStep(rb, m.step)?.fix);
    const items = [
      m.which === 'run' && fix ? s.consequence[fix.id] : '',
      s.confirm.backupWindow,
      m.which === 'run' && fix?.maintenanceWindow ? s.confirm.maintenanceWindow : '',
    ].filter(Boolean);
    q('.rg-confirm-consequences ul').replaceChildren(
      ...items.map((text) => Object.assign(document.createElement('li'), { textContent: text })),
    );
    const rollback = q('.rg-confirm-rollback');
    rollback.hidden = !m.rollback || m.which === 'rollback';
    rollback.querySelector('code')!.textContent = m.rollback ?? '';
    q('.rg-confirm-no-rollback').hidden = !!m.rollback || m.which === 'rollback';
    // The button says what it does: "Stop and mask the guest agent", "Roll back".
    q('.rg-confirm-accept').textContent = m.which === 'rollback' ? s.rollBack : title;
    dialog.returnValue = '';
    dialog.showModal();
    // Focus goes to Cancel (the safe default) at the bottom; the reading starts at the top.
    dialog.scrollTop = 0;
    return new Promise((resolve) =>
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'accept'), { once: true }),
    );
  }

  // ---- drawer --------------------------------------------------------------------------------

  async function open(opts: { focus?: boolean } = {}) {
    drawer.show();
    view.mount();
    view.fit();
    if (!conn) {
      await hosts.load();
      const saved = savedSession();
      if (saved && hosts.has(saved.host)) {
        hosts.value = saved.host;
        connect(saved.host, saved.session);
      } else connect(hosts.value);
    }
    if (opts.focus !== false) term.focus();
  }

  wireOutputSearch($('.rg-search'), view.search);

  $<HTMLButtonElement>('.rg-new-session').addEventListener('click', () => {
    sessionStorage.removeItem(SESSION_KEY);
    forgetResults();
    connect(hosts.value);
    term.focus();
  });

  // ---- steps -----------------------------------------------------------------------------------

  async function runStep(section: HTMLElement, which: Which, opts: { reveal?: boolean } = {}): Promise<Verdict | null> {
    const runbook = section.dataset.runbook!;
    const step = section.dataset.step!;
    const params = readParams(section, s);
    if (!params) return null;
    const k = key(runbook, step, which);
    if (pending.has(k)) return null;
    await open({ focus: false });
    hosts.keep();
    if (!(await connected())) {
      showBadge(section, 'error', s, { which, note: alert.problem });
      return null;
    }
    return new Promise((resolve) => {
      pending.set(k, { section, which, started: false, resolve, reveal: !!opts.reveal });
      const out = placeVerdict(section, which);
      showBadge(section, 'running', s, { which });
      if (opts.reveal && out) void revealAboveDock(dock, out);
      conn!.send({ type: 'run', runbook, step, which, params });
    });
  }

  let runningAll = false;
  async function runAll() {
    if (runningAll) return;
    runningAll = true;
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('.rg-run-all')];
    buttons.forEach((b) => (b.disabled = true));
    try {
      await open({ focus: false });
      const stopped = await runAllChecks((section) => runStep(section, 'run'), (n, total) => showProgress(card, n, total), s, () => alert.problem);
      redraw();
      if (stopped) {
        const note = Object.assign(document.createElement('p'), { textContent: stopped, className: 'rg-card-stopped' });
        (card.card?.querySelector('.rg-assessment-body') ?? summary).prepend(note);
      }
    } finally {
      runningAll = false;
      buttons.forEach((b) => (b.disabled = false));
    }
  }

  return {
    open,
    close: drawer.hide,
    toggle: () => (drawer.hidden ? open() : Promise.resolve(drawer.hide())),
    runStep,
    runAllChecks: runAll,
  };
}

const key = (runbook: string, step: string, which: string) => `${runbook}/${step}/${which}`;

function savedSession(): { session: string; host: string } | undefined {
  try {
    const v = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    return typeof v?.session === 'string' && typeof v?.host === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
