// The runs of steps in flight, one per runbook/step/which: started from a Run button (the runner
// resolves the command; the page never sends it), followed through the runner's messages, and
// settled with the verdict, or null when the step did not run (attempt() says why: a guided fix
// must know whether a change it stops at ran).
import type { ClientMessage } from '../../core/protocol.ts';
import type { Verdict } from '../../core/step-ref.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import type { AlertLine } from './alert.ts';
import type { ConfirmMessage } from './confirm-dialog.ts';
import type { ServerMessage } from './connection.ts';
import type { PageVerdicts } from './page-verdicts.ts';
import type { StepResult } from './results.ts';
import { placeVerdict, readParams, showBadge, stepSection } from './step-ui.ts';
import type { Which } from '../../core/step-ref.ts';

interface PendingRun {
  section: HTMLElement;
  which: Which;
  started: boolean;
  /** The command the runner typed, once it said. */
  command?: string;
  /** The user clicked this one: keep its verdict in view. */
  reveal: boolean;
  resolve(o: RunOutcome): void;
}

/**
 * How a run ended: its verdict; declined at the confirmation; refused before it started (bad
 * parameter, busy terminal, no connection); or the connection went while it was pending.
 */
export type RunOutcome =
  | { kind: 'result'; verdict: Verdict }
  | { kind: 'declined' }
  | { kind: 'not-run'; reason: string }
  | { kind: 'lost'; started: boolean; reason: string };

export interface RunsDeps {
  s: TerminalStrings;
  alert: AlertLine;
  verdicts: PageVerdicts;
  /** Opens the drawer and waits for the session; false when there is no connection. */
  ready(): Promise<boolean>;
  send(m: ClientMessage): void;
  /** Asks the user about a run the runner holds; true when accepted. */
  confirm(m: ConfirmMessage, section: HTMLElement | null): Promise<boolean>;
  /** Scrolls a step's verdict into view. */
  reveal(el: HTMLElement): Promise<void>;
}

export interface Runs {
  readonly size: number;
  /** Runs one command of a step; `reveal`: the user clicked it, so its verdict is scrolled to. */
  run(section: HTMLElement, which: Which, opts?: { reveal?: boolean }): Promise<Verdict | null>;
  /** The same run, telling how it ended. */
  attempt(section: HTMLElement, which: Which, opts?: { reveal?: boolean }): Promise<RunOutcome>;
  /** A message of the runner about a run (confirm, started, result, error). */
  message(m: ServerMessage): void;
  /** The connection was replaced: these runs are dropped without a word. */
  abandon(): void;
  /** The connection was lost: a run cannot be followed across it, its verdict would be a guess. */
  lost(problem: string): void;
}

const key = (runbook: string, step: string, which: string) => `${runbook}/${step}/${which}`;

export function createRuns(d: RunsDeps): Runs {
  const { s, alert, verdicts } = d;
  const pending = new Map<string, PendingRun>();

  async function attempt(section: HTMLElement, which: Which, opts: { reveal?: boolean } = {}): Promise<RunOutcome> {
    const runbook = section.dataset.runbook!;
    const step = section.dataset.step!;
    const params = readParams(section, s);
    if (!params) return { kind: 'not-run', reason: s.paramRequired };
    const k = key(runbook, step, which);
    if (pending.has(k)) return { kind: 'not-run', reason: s.running };
    if (!(await d.ready())) {
      showBadge(section, 'error', s, { which, note: alert.problem });
      return { kind: 'not-run', reason: alert.problem };
    }
    return new Promise((resolve) => {
      pending.set(k, { section, which, started: false, resolve, reveal: !!opts.reveal });
      const out = placeVerdict(section, which);
      showBadge(section, 'running', s, { which });
      if (opts.reveal && out) void d.reveal(out);
      d.send({ type: 'run', runbook, step, which, params });
    });
  }

  async function confirmRun(m: ConfirmMessage) {
    const p = pending.get(key(m.runbook, m.step, m.which));
    const section = p?.section ?? stepSection(m.runbook, m.step);
    verdicts.user = m.user ?? verdicts.user;
    if (section) showBadge(section, 'waiting', s, { which: m.which });
    const accepted = await d.confirm(m, section);
    d.send({ type: 'confirm', runId: m.runId, accept: accepted });
    if (!accepted) {
      if (section) showBadge(section, 'cancelled', s, { which: m.which });
      alert.problem = s.cancelled;
      pending.delete(key(m.runbook, m.step, m.which));
      p?.resolve({ kind: 'declined' });
    }
  }

  function message(m: ServerMessage) {
    switch (m.type) {
      case 'confirm':
        void confirmRun(m);
        break;
      case 'started': {
        const p = pending.get(key(m.runbook, m.step, m.which));
        if (p) Object.assign(p, { started: true, command: m.command });
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
          text: m.text,
          command: p?.command,
          durationMs: m.durationMs,
          note: m.verdict === 'pass' || m.exitCode === null ? undefined : `exit ${m.exitCode}`,
          advice: m.rollback ? 'rollback' : m.restart ? 'restart' : null,
          at: Date.now(),
        };
        if (section) verdicts.show(section, m.which, r);
        verdicts.record(m.step, m.which, r);
        const out = section?.querySelector<HTMLElement>('output.rg-verdict');
        if (p?.reveal && out) void d.reveal(out);
        p?.resolve({ kind: 'result', verdict: m.verdict });
        break;
      }
      case 'error': {
        // The runner refuses a run before starting it (bad parameter, busy session) and names it.
        if (!m.run) break;
        const k = key(m.run.runbook, m.run.step, m.run.which);
        const p = pending.get(k);
        if (p && !p.started) {
          showBadge(p.section, 'error', s, { which: p.which, note: m.message });
          pending.delete(k);
          p.resolve({ kind: 'not-run', reason: m.message });
        }
        break;
      }
    }
  }

  return {
    get size() {
      return pending.size;
    },
    run: async (section, which, opts) => {
      const o = await attempt(section, which, opts);
      return o.kind === 'result' ? o.verdict : null;
    },
    attempt,
    message,
    abandon() {
      for (const p of pending.values()) p.resolve({ kind: 'lost', started: p.started, reason: '' });
      pending.clear();
    },
    lost(problem) {
      for (const [k, p] of pending) {
        showBadge(p.section, 'error', s, { which: p.which, note: problem });
        p.resolve({ kind: 'lost', started: p.started, reason: problem });
        pending.delete(k);
      }
    },
  };
}
