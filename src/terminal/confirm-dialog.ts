// The confirmation the runner asks for before a run that is not read-only: what runs, on which
// host and as whom, its risk, what the user gives up, and how to undo it. Cancel is the default.
import { findStep } from '../../core/render.ts';
import type { Runbook } from '../../core/schema.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { fill } from '../../core/locales.ts';
import type { ServerMessage } from './connection.ts';

export type ConfirmMessage = Extract<ServerMessage, { type: 'confirm' }>;

export interface ConfirmContext {
  s: TerminalStrings;
  /** The page's runbook, for the fix's consequences; undefined off a runbook page. */
  rb: Runbook | undefined;
  /** The host as it reads inside a sentence. */
  host(): string;
}

/** Shows the dialog for `m` (from the step's `section`, if on the page); true when accepted. */
export function askConfirm(
  dialog: HTMLDialogElement,
  m: ConfirmMessage,
  section: HTMLElement | null,
  { s, rb, host }: ConfirmContext,
): Promise<boolean> {
  dialog.dataset.risk = m.risk;
  const title = section?.querySelector('h2, h3, h4')?.textContent?.trim() ?? m.step;
  const q = <T extends HTMLElement>(sel: string) => dialog.querySelector<T>(sel)!;
  q('.rg-confirm-step').textContent = [title, s.which[m.which]].filter(Boolean).join(' — ');
  q('.rg-confirm-target').textContent = fill(m.user ? s.confirm.target : s.confirm.targetNoUser, { host: host(), user: m.user ?? '' });
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
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'accept'), { once: true }));
}
