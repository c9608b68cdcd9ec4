// "Apply fix N": the fix's steps in the order of its sequence (export/sequence.ts, which the
// exported fix script follows too), each run then verified through the same runs as the Run
// buttons, so the runner resolves every command and asks before every change. The first phase that
// does not pass stops the run; the rollback of the changes that ran is then offered, newest first,
// and each rollback is confirmed by the runner too. A reload ends the run: it is never resumed.
import { fill } from '../../core/locales.ts';
import type { Runbook } from '../../core/schema.ts';
import type { Which } from '../../core/step-ref.ts';
import { beforeFirstStep, fixSequence, type SequenceStep } from '../../export/sequence.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { stopAfter, type GuidedStop } from './guided-plan.ts';
import { askToStart, guidedView, type GuidedView } from './guided-view.ts';
import type { RunOutcome } from './runs.ts';
import { readParams, stepSection } from './step-ui.ts';

export interface GuidedDeps {
  s: TerminalStrings;
  rb: Runbook | undefined;
  dock: HTMLElement;
  /** Opens the drawer without taking the focus. */
  open(): Promise<void>;
  attempt(section: HTMLElement, which: Which): Promise<RunOutcome>;
}

export interface GuidedFix {
  readonly running: boolean;
  apply(block: HTMLElement): Promise<void>;
  /** A new session or another host: the run in progress goes no further. */
  abort(): void;
}

/** Where a run in progress is, kept with the tab: after a reload the page says it ended there. */
const KEY = () => `runguide:guided:${location.pathname}`;

export function createGuidedFix(d: GuidedDeps): GuidedFix {
  const { s, rb } = d;
  const g = s.guided;
  let running = false;
  let generation = 0;
  const titleOf = (section: HTMLElement | null, st: SequenceStep) =>
    section?.querySelector('h2, h3, h4')?.textContent?.trim() || st.step.id;

  /** Runs `work` alone: the Apply buttons and the offered rollbacks wait until it ends. */
  async function exclusive(work: () => Promise<void>) {
    running = true;
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('.rg-apply-fix')];
    for (const b of buttons) b.disabled = true;
    try {
      await d.open();
      await work();
    } finally {
      running = false;
      sessionStorage.removeItem(KEY());
      for (const b of buttons) b.disabled = false;
    }
  }

  const why = (o: RunOutcome, which: Which) =>
    o.kind === 'result'
      ? fill(which === 'verify' ? g.failedVerify : g.failedRun, { verdict: s.verdict[o.verdict] })
      : o.kind === 'declined'
        ? g.declined
        : fill(g.notRun, { reason: o.reason }).trim();

  /** The rollbacks of `undo` in its order (newest first), each confirmed by the runner; stops at the first that does not pass. */
  function rollBack(view: GuidedView, undo: SequenceStep[], title: (st: SequenceStep) => string, sections: Map<string, HTMLElement>) {
    if (running) return false;
    const mine = generation;
    void exclusive(async () => {
      for (const [i, st] of undo.entries()) {
        if (!st.step.rollback) continue;
        view.say(fill(g.rollingBack, { n: String(st.n), title: title(st) }), 'rolling-back');
        const o = await d.attempt(sections.get(st.step.id)!, 'rollback');
        // Another session or host since: whatever comes next would be about another shell.
        if (mine !== generation)
          return view.say(fill(g.rollbackStopped, { n: String(st.n), title: title(st), why: g.newSession }), 'rollback-stopped');
        if (o.kind === 'result' && o.verdict === 'pass') continue;
        view.say(fill(g.rollbackStopped, { n: String(st.n), title: title(st), why: why(o, 'rollback') }), 'rollback-stopped');
        // What is left, the stopped step first, can be rolled back again once its cause is dealt with.
        const rest = undo.slice(i);
        view.offerUndo(g.ranList, rest, title, () => rollBack(view, rest, title, sections));
        return;
      }
      view.say(g.rolledBack, 'rolled-back');
    });
    return true;
  }

  /** The steps' sections, or what keeps the run from starting: a step not on the page, a bad or split parameter. */
  function prepare(seq: SequenceStep[]): Map<string, HTMLElement> | string {
    const sections = new Map<string, HTMLElement>();
    for (const st of seq) {
      const section = stepSection(rb!.slug, st.step.id);
      if (!section) return fill(g.stepMissing, { id: st.step.id });
      sections.set(st.step.id, section);
    }
    // Every value before anything runs, and one value per parameter, as the exported script takes it.
    const given = new Map<string, { value: string; n: number }>();
    for (const st of seq) {
      const section = sections.get(st.step.id)!;
      const params = readParams(section, s);
      if (!params) return g.paramsInvalid;
      for (const [param, value] of Object.entries(params)) {
        const first = given.get(param);
        const input = section.querySelector<HTMLInputElement>(`input.rg-param[data-param="${CSS.escape(param)}"]`);
        const label = input?.labels?.[0]?.textContent?.trim() || param;
        if (first && first.value !== value) return fill(g.paramMismatch, { n: String(first.n), m: String(st.n), param: label });
        given.set(param, { value, n: st.n });
      }
    }
    return sections;
  }

  async function apply(block: HTMLElement) {
    if (running || !rb) return;
    const fix = block.dataset.fix!;
    const number = block.dataset.number!;
    const seq = fixSequence(rb, fix);
    const view = guidedView(block, s);
    const sections = prepare(seq);
    if (typeof sections === 'string') return view.say(sections, 'invalid');
    const title = (st: SequenceStep) => titleOf(sections.get(st.step.id)!, st);
    const notice = beforeFirstStep(rb, fix);
    if (notice.maintenanceWindow || notice.disruptive.length > 0) {
      const disruptive = notice.disruptive.map((st) => ({ n: st.n, title: title(st) }));
      const what = { fix: number, steps: seq.map(title), maintenanceWindow: notice.maintenanceWindow, disruptive };
      if (!(await askToStart(d.dock, s, what))) return view.say(s.cancelled, 'idle');
    }
    const mine = ++generation;
    let stop: GuidedStop | null = null;
    let aborted = false;
    await exclusive(async () => {
      run: for (const st of seq)
        for (const phase of st.phases) {
          const progress = fill(g.progress, { fix: number, n: String(st.n), total: String(seq.length), title: title(st) });
          view.say(phase === 'verify' ? `${progress} ${s.which.verify}` : progress, 'running');
          sessionStorage.setItem(KEY(), JSON.stringify({ fix, number, n: st.n, total: seq.length }));
          const o = await d.attempt(sections.get(st.step.id)!, phase);
          aborted = mine !== generation;
          stop = stopAfter(seq, st, phase, aborted ? { kind: 'not-run', reason: g.newSession } : o);
          if (stop) break run;
        }
    });
    if (!stop) return view.say(fill(g.done, { fix: number, total: String(seq.length) }), 'done');
    const { at, phase, outcome, cause, undo } = stop as GuidedStop;
    const reason = aborted ? g.newSession : cause === 'restart' ? s.restartHint : why(outcome, phase);
    const stopped = fill(g.stopped, { fix: number, n: String(at.n), total: String(seq.length), title: title(at), why: reason });
    view.say(stopped, 'stopped', { step: at.step.id, which: phase, cause });
    if (at.n < seq.length) view.note(g.later, 'rg-guided-later');
    // After a new session (maybe on another host), no rollback is offered: it would run there.
    if (aborted) return;
    if (undo.length === 0) return view.note(g.nothingToUndo, 'rg-guided-nothing');
    view.offerUndo(cause === 'restart' ? g.undoAnyway : g.ranList, undo, title, () => rollBack(view, undo, title, sections));
  }

  // A run the page was in the middle of when it was reloaded: say where it ended.
  const left = sessionStorage.getItem(KEY());
  sessionStorage.removeItem(KEY());
  if (left && rb) {
    try {
      const { fix, number, n, total } = JSON.parse(left) as { fix: string; number: string; n: number; total: number };
      const block = document.querySelector<HTMLElement>(`.rg-guided[data-fix="${CSS.escape(fix)}"]`);
      if (block) guidedView(block, s).say(fill(g.interrupted, { fix: number, n: String(n), total: String(total) }), 'interrupted');
    } catch {} // a value this page did not write: nothing to say
  }

  return {
    get running() {
      return running;
    },
    apply,
    abort() {
      generation++;
      // The offers on the page were about the old session: a rollback from them would run in the new one.
      for (const block of document.querySelectorAll<HTMLElement>('.rg-guided')) guidedView(block, s).say('', 'idle');
    },
  };
}
