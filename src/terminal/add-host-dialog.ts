// "Add a server…": a form whose host, user and port the runner writes to its hosts file. Its
// answer carries the new list of hosts, handed to `added` once the dialog has closed.
import { AddHostResponseSchema, type AddHostResponse } from '../../core/protocol.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { authHeaders } from './token.ts';

export interface AddHostDialog {
  open(): void;
}

export function createAddHostDialog(
  dialog: HTMLDialogElement,
  s: TerminalStrings,
  added: (answer: AddHostResponse) => void,
): AddHostDialog {
  const form = dialog.querySelector('form')!;
  const error = dialog.querySelector<HTMLElement>('.rg-add-host-error')!;
  form.addEventListener('submit', async (e) => {
    if ((e.submitter as HTMLButtonElement | null)?.value !== 'add') return;
    e.preventDefault();
    error.textContent = '';
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const body: Record<string, string | number> = { host: field('host') };
    if (field('user')) body.user = field('user');
    if (field('port')) body.port = Number(field('port'));
    try {
      const res = await fetch('/api/hosts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders() },
        body: JSON.stringify(body),
      });
      const answer: unknown = await res.json();
      const parsed = AddHostResponseSchema.safeParse(answer);
      if (!res.ok || !parsed.success) throw new Error((answer as { error?: string }).error ?? `HTTP ${res.status}`);
      dialog.close('added');
      form.reset();
      added(parsed.data);
    } catch (err) {
      error.textContent = `${s.addHost.failed}: ${(err as Error).message}`;
    }
  });
  return {
    open() {
      error.textContent = '';
      dialog.showModal();
    },
  };
}
