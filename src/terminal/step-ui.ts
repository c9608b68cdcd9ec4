// What the panel shows inside a step's section of the page (Step.astro's DOM contract): parameter
// errors next to their inputs, and the verdict badge. Badges live in the page, not in the
// terminal drawer, so they stay visible when the drawer closes.
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { fill } from '../../core/locales.ts';
import { glossaryFor } from '../../core/glossary.ts';
import type { Verdict, Which } from '../../core/step-ref.ts';

export type BadgeKind = Verdict | 'running' | 'waiting' | 'cancelled';

const ICONS: Record<BadgeKind, string> = {
  pass: '✓',
  fail: '✗',
  error: '⚠',
  running: '…',
  waiting: '?',
  cancelled: '–',
};

export function stepSection(runbook: string, step: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.rg-step[data-runbook="${CSS.escape(runbook)}"][data-step="${CSS.escape(step)}"]`);
}

/**
 * The step's parameter values, or null when one is invalid; then the error is shown next to the
 * input (and announced through it), and the input gets the focus.
 */
export function readParams(section: HTMLElement, s: TerminalStrings): Record<string, string> | null {
  const params: Record<string, string> = {};
  let firstBad: HTMLInputElement | undefined;
  for (const input of section.querySelectorAll<HTMLInputElement>('input.rg-param')) {
    const name = input.dataset.param!;
    const value = input.value.trim();
    // The input's pattern (from the step module) is checked by the browser's constraint validation.
    input.value = value;
    const message = value === '' ? s.paramRequired : input.checkValidity() ? '' : fill(s.paramInvalid, { value });
    showParamError(input, message);
    if (message) firstBad ??= input;
    else params[name] = value;
  }
  if (firstBad) {
    firstBad.focus();
    return null;
  }
  return params;
}

function showParamError(input: HTMLInputElement, message: string) {
  const id = `${input.id || input.dataset.param}-error`;
  let el = document.getElementById(id);
  if (!message) {
    el?.remove();
    input.removeAttribute('aria-invalid');
    input.setAttribute(
      'aria-describedby',
      describedBy(input)
        .filter((d) => d !== id)
        .join(' '),
    );
    return;
  }
  if (!el) {
    el = document.createElement('span');
    el.id = id;
    el.className = 'rg-param-error';
    input.after(el);
    input.setAttribute('aria-describedby', [...describedBy(input), id].join(' '));
  }
  el.textContent = message;
  input.setAttribute('aria-invalid', 'true');
}

const describedBy = (el: Element) => (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);

export interface BadgeOptions {
  which: Which;
  durationMs?: number;
  /** The command's last line, quoted after the badge. */
  output?: string;
  /** A sentence after the badge (an error from the runner, an exit code). */
  note?: string;
}

/** Replaces the step's verdict with a badge: icon + words + duration, never colour alone. */
export function showBadge(section: HTMLElement, kind: BadgeKind, s: TerminalStrings, opts: BadgeOptions): void {
  const out = section.querySelector<HTMLOutputElement>('output.rg-verdict');
  if (!out) return;
  const badge = document.createElement('span');
  badge.className = 'rg-badge';
  badge.dataset.verdict = kind;
  badge.dataset.which = opts.which;
  const icon = document.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = ICONS[kind];
  // A check says what it found ("Risk factor found"), never a bare "Fail" that reads as its own failure.
  const check = !section.dataset.fix && opts.which === 'run';
  const label =
    kind === 'pass' || kind === 'fail' || kind === 'error'
      ? check
        ? glossaryFor(document.documentElement.lang).check[kind]
        : s.verdict[kind]
      : kind === 'running'
        ? s.running
        : kind === 'waiting'
          ? s.waiting
          : s.cancelled;
  const parts = [s.which[opts.which], label].filter(Boolean);
  let text = parts.join(': ');
  if (opts.durationMs !== undefined) text += ` · ${formatDuration(opts.durationMs)}`;
  badge.append(icon, document.createTextNode(text));
  out.replaceChildren(badge);
  if (opts.output) {
    const quote = document.createElement('code');
    quote.className = 'rg-verdict-output';
    quote.textContent = opts.output;
    out.append(quote);
  }
  if (opts.note) {
    const note = document.createElement('span');
    note.className = 'rg-verdict-note';
    note.textContent = opts.note;
    out.append(note);
  }
  section.dataset.verdict = kind;
}

/**
 * Moves the step's verdict to just after the command that runs (its Run, Verify or Roll back block),
 * so the result shows where the user clicked, not below the blocks that follow.
 */
export function placeVerdict(section: HTMLElement, which: Which): HTMLOutputElement | null {
  const out = section.querySelector<HTMLOutputElement>('output.rg-verdict');
  const block = section.querySelector<HTMLElement>(`.rg-block[data-which="${which}"]`);
  if (out && block && block.nextElementSibling !== out) block.after(out);
  return out;
}

/** Clears a step's verdict (another host, a new session). */
export function clearVerdict(section: HTMLElement): void {
  section.querySelector('output.rg-verdict')?.replaceChildren();
  delete section.dataset.verdict;
  section.querySelector<HTMLButtonElement>('.rg-run[data-which="rollback"]')?.setAttribute('hidden', '');
}

/** After a change that failed or errored: the step's rollback button, and a sentence saying why. */
export function offerRollback(section: HTMLElement, s: TerminalStrings): void {
  const own = section.querySelector<HTMLButtonElement>('.rg-run[data-which="rollback"]');
  if (own) own.hidden = false;
  const out = section.querySelector<HTMLOutputElement>('output.rg-verdict');
  if (!out) return;
  const note = document.createElement('span');
  note.className = 'rg-verdict-note';
  note.textContent = s.rollbackOffer;
  const button = document.createElement('button');
  button.type = 'button';
  // .rg-run: the loader's click handler sends it as a run of the step's rollback (confirmed first).
  button.className = 'rg-run rg-rollback-offer';
  button.dataset.which = 'rollback';
  button.textContent = s.rollBack;
  out.append(note, button);
}

/**
 * After a verify that a restart of the server will satisfy (the runner's `restart`): the advice
 * to restart in the maintenance window, and no rollback button.
 */
export function adviseRestart(section: HTMLElement, s: TerminalStrings): void {
  const out = section.querySelector<HTMLOutputElement>('output.rg-verdict');
  if (!out) return;
  const note = document.createElement('span');
  note.className = 'rg-verdict-note rg-restart-hint';
  note.textContent = s.restartHint;
  out.append(note);
}

export function formatDuration(ms: number): string {
  const lang = document.documentElement.lang || 'en';
  const seconds = ms / 1000;
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: seconds < 60 ? 'second' : 'minute',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(seconds < 60 ? seconds : seconds / 60);
}
