// What "Apply fix N" shows in its block of the page (GuidedFix.astro): the progress line, where
// the run stopped and why, the steps that ran (newest first) with the button that rolls them back,
// and the notice before the first step of a fix that needs a maintenance window or may interrupt
// service. data-state on the block says where it is, for styles and tests.
import { fill } from '../../core/locales.ts';
import type { SequenceStep } from '../../export/sequence.ts';
import type { GuidedStrings, TerminalStrings } from '../../i18n/terminal.ts';

export type GuidedState =
  | 'idle'
  | 'invalid'
  | 'running'
  | 'done'
  | 'stopped'
  | 'rolling-back'
  | 'rolled-back'
  | 'rollback-stopped'
  | 'interrupted';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}) =>
  Object.assign(document.createElement(tag), props);

/** The rollback button's words for `k` steps, in the page's language. */
export function rollBackLabel(g: GuidedStrings, k: number): string {
  const rule = new Intl.PluralRules(document.documentElement.lang || 'en').select(k);
  return fill(g.rollBackSteps[rule] ?? g.rollBackSteps.other, { k: String(k) });
}

export interface GuidedView {
  /**
   * A line of the status (role="status"), and the state it leaves the block in. A new run or a
   * reset clears the report; `stop` names where a run stopped (data-stopped-at, -which, -cause).
   */
  say(text: string, state: GuidedState, stop?: { step: string; which: string; cause: string }): void;
  /** Appends a paragraph to the report. */
  note(text: string, className: string, data?: Record<string, string>): void;
  /**
   * The steps that ran, newest first, and a button that rolls back those with a rollback:
   * `onClick` says whether the rollback started (not while another run goes on).
   */
  offerUndo(heading: string, undo: SequenceStep[], title: (st: SequenceStep) => string, onClick: () => boolean): void;
}

export function guidedView(block: HTMLElement, s: TerminalStrings): GuidedView {
  const status = block.querySelector<HTMLElement>('.rg-guided-status')!;
  const report = block.querySelector<HTMLElement>('.rg-guided-report')!;
  return {
    say(text, state, stop) {
      status.textContent = text;
      block.dataset.state = state;
      if (state === 'running' || state === 'idle' || state === 'invalid') {
        report.replaceChildren();
        for (const k of ['stoppedAt', 'stoppedWhich', 'stoppedCause']) delete block.dataset[k];
      }
      if (stop) Object.assign(block.dataset, { stoppedAt: stop.step, stoppedWhich: stop.which, stoppedCause: stop.cause });
    },
    note(text, className, data = {}) {
      const p = el('p', { textContent: text, className });
      Object.assign(p.dataset, data);
      report.append(p);
    },
    offerUndo(heading, undo, title, onClick) {
      report.querySelector('.rg-guided-undo-box')?.remove();
      const box = el('div', { className: 'rg-guided-undo-box' });
      const list = el('ol', { className: 'rg-guided-undo' });
      for (const st of undo) {
        const li = el('li', { textContent: title(st) });
        li.dataset.step = st.step.id;
        if (!st.step.rollback) {
          li.dataset.rollback = 'none';
          li.append(` (${s.guided.noRollback})`);
        }
        list.append(li);
      }
      const k = undo.filter((st) => st.step.rollback).length;
      box.append(el('p', { textContent: heading }), list);
      if (k > 0) {
        const button = el('button', { type: 'button', className: 'rg-guided-rollback rg-button', textContent: rollBackLabel(s.guided, k) });
        button.addEventListener('click', () => {
          if (onClick()) button.disabled = true;
        });
        box.append(button);
      }
      report.append(box);
    },
  };
}

/**
 * Before the first step of a fix that needs a maintenance window or has a step that may interrupt
 * service: says so, with the steps in order. True when the user starts; Cancel is the default.
 */
export function askToStart(
  dock: HTMLElement,
  s: TerminalStrings,
  what: { fix: string; steps: string[]; maintenanceWindow: boolean; disruptive: { n: number; title: string }[] },
): Promise<boolean> {
  const dialog = el('dialog', { className: 'rg-guided-notice' });
  dialog.setAttribute('aria-labelledby', 'rg-guided-notice-title');
  const form = el('form', { method: 'dialog' });
  const warnings = [
    ...(what.maintenanceWindow ? [s.confirm.maintenanceWindow] : []),
    ...what.disruptive.map((d) => fill(s.guided.disruptive, { n: String(d.n), title: d.title })),
    s.confirm.backupWindow,
  ];
  const cancel = el('button', { value: 'cancel', className: 'rg-guided-cancel', textContent: s.cancel, autofocus: true });
  const start = el('button', { value: 'accept', className: 'rg-guided-start rg-confirm-accept', textContent: s.guided.start });
  const steps = el('ol');
  steps.append(...what.steps.map((t) => el('li', { textContent: t })));
  const list = el('ul', { className: 'rg-guided-warnings' });
  list.append(...warnings.map((w) => el('li', { textContent: w })));
  const buttons = el('p', { className: 'rg-confirm-buttons' });
  buttons.append(cancel, start);
  form.append(
    el('h2', { id: 'rg-guided-notice-title', textContent: fill(s.guided.title, { fix: what.fix }) }),
    el('p', { textContent: fill(s.guided.intro, { total: String(what.steps.length) }) }),
    steps,
    list,
    buttons,
  );
  dialog.append(form);
  dock.append(dialog);
  dialog.showModal();
  return new Promise((resolve) =>
    dialog.addEventListener(
      'close',
      () => {
        resolve(dialog.returnValue === 'accept');
        dialog.remove();
      },
      { once: true },
    ),
  );
}
