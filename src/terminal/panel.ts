// The terminal panel, loaded on first use by loader.ts: xterm in the drawer, the host picker, the
// session, and running steps by id (the runner resolves the command; the page never sends it).
// First: zod must know before any runbook is parsed on import (see zod-jitless.ts).
import '../zod-jitless.ts';
import type { Verdict } from '../../core/render.ts';
// Imported here rather than in page-verdicts.ts: the bundler then keeps the runbooks chunk as is
// for the export panel, which loads it too.
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
import { placeVerdict, readParams, showBadge, stepSection, type Which } from './step-ui.ts';
import type { StepResult } from './results.ts';
import { createPageVerdicts } from './page-verdicts.ts';
import { askConfirm, type ConfirmMessage } from './confirm-dialog.ts';
import { createRunAll } from './run-all.ts';

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
      verdicts.forget();
      verdicts.user = null;
      connect(host);
      term.focus();
    },
  });
  const confirmDialog = $<HTMLDialogElement>('.rg-confirm');

  let conn: Connection | undefined;
  let connState: ConnectionState = 'closed';
  let waiters: ((ok: boolean) => void)[] = [];
  const pending = new Map<string, PendingRun>();

  // The page's runbook, named by its steps (none off a runbook page).
  const slug = document.querySelector<HTMLElement>('.rg-step[data-runbook]')?.dataset.runbook;
  const rb = slug && Object.hasOwn(runbooks, slug) ? runbooks[slug] : undefined;
  const verdicts = createPageVerdicts(dock, s, g, hosts, { slug, rb });

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
        if (section) verdicts.show(section, m.which, r);
        verdicts.record(m.step, m.which, r);
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
        verdicts.user = m.user;
        break;
    }
  }

  async function confirmRun(m: ConfirmMessage) {
    const p = pending.get(key(m.runbook, m.step, m.which));
    const section = p?.section ?? stepSection(m.runbook, m.step);
    verdicts.user = m.user ?? verdicts.user;
    if (section) showBadge(section, 'waiting', s, { which: m.which });
    const accepted = await askConfirm(confirmDialog, m, section, { s, rb, host: hosts.inline });
    conn?.send({ type: 'confirm', runId: m.runId, accept: accepted });
    if (!accepted) {
      if (section) showBadge(section, 'cancelled', s, { which: m.which });
      alert.problem = s.cancelled;
      pending.delete(key(m.runbook, m.step, m.which));
      p?.resolve(null);
    }
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
    verdicts.forget();
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

  const runAll = createRunAll({ s, alert, verdicts, open: () => open({ focus: false }), run: (section) => runStep(section, 'run') });

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
