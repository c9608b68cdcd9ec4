// "Mark a value secret…": a dialog whose value is kept by secrets.ts (this tab's memory) and sent
// to the runner, which redacts it from the session's recording and audit log from then on
// (server/PROTOCOL.md, "Redaction"). The drawer's head says how many values are marked, never
// which, and can forget them: the page then no longer sends them to new sessions (the session
// open now keeps redacting them until it ends: the runner is never told to stop).
import { fill } from '../../core/locales.ts';
import { MAX_SECRETS, type ClientMessage } from '../../core/protocol.ts';
import { MIN_SECRET_LENGTH } from '../../core/redact.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { forgetSecrets, markedSecrets, markSecret } from './secrets.ts';

/** Wires the dialog and the count in `dock`; `send` goes to the runner (dropped while offline). */
export function wireSecretDialog(dock: HTMLElement, s: TerminalStrings, send: (m: ClientMessage) => void): void {
  const $ = <T extends Element>(sel: string) => dock.querySelector<T>(sel)!;
  const dialog = $<HTMLDialogElement>('.rg-secret');
  const form = dialog.querySelector('form')!;
  const input = form.elements.namedItem('value') as HTMLInputElement;
  const error = $<HTMLElement>('.rg-secret-error');
  const marked = $<HTMLElement>('.rg-secrets');
  const count = $<HTMLElement>('.rg-secrets-count');

  const showCount = () => {
    const n = markedSecrets().length;
    marked.hidden = n === 0;
    count.textContent = n ? fill(s.secrets.count, { n }) : '';
  };

  $('.rg-mark-secret').addEventListener('click', () => {
    error.textContent = '';
    dialog.showModal();
    input.focus();
  });
  // Whatever closed it, the value does not stay in the page.
  dialog.addEventListener('close', () => {
    input.value = '';
  });
  form.addEventListener('submit', (e) => {
    if ((e.submitter as HTMLButtonElement | null)?.value !== 'mark') return;
    e.preventDefault();
    // Blanks around a pasted value would keep it from matching the value as printed.
    const value = input.value.trim();
    const known = markedSecrets().includes(value);
    if (value.length < MIN_SECRET_LENGTH) error.textContent = fill(s.secrets.tooShort, { n: MIN_SECRET_LENGTH });
    else if (!known && markedSecrets().length >= MAX_SECRETS) error.textContent = fill(s.secrets.tooMany, { n: MAX_SECRETS });
    else {
      markSecret(value);
      send({ type: 'secret', value });
      dialog.close('marked');
      showCount();
    }
  });
  $('.rg-secrets-forget').addEventListener('click', () => {
    forgetSecrets();
    showCount();
    $<HTMLElement>('.rg-mark-secret').focus();
  });
  showCount();
}
