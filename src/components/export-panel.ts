// The Export panel's behaviour in the browser. Small on purpose: the generator and the runbook
// modules are imported only when the user opens the panel, then the file is built in the page
// (same code as the CLI) and offered as a download.
import type { RunbookTexts } from '../../export/plan.ts';

interface PanelData {
  slug: string;
  version: string;
  texts: Record<string, RunbookTexts>;
  fixes: { id: string; params: string[]; rollbackParams: string[]; rollback: boolean }[];
}

// zod is told first not to compile validators (see zod-jitless.ts); the runbooks parse on import.
const loadGenerator = () =>
  import('../zod-jitless.ts').then(() => Promise.all([import('../../export/index.ts'), import('../../runbooks/index.ts')]));

export function setUpExportPanel(root: HTMLElement) {
  const open = root.querySelector<HTMLButtonElement>('.rg-export-open')!;
  const form = root.querySelector<HTMLFormElement>('.rg-export-form')!;
  const data = JSON.parse(root.querySelector('.rg-export-data')!.textContent!) as PanelData;
  const status = form.querySelector<HTMLElement>('.rg-export-status')!;
  const error = form.querySelector<HTMLElement>('.rg-export-error')!;
  const ready = form.querySelector<HTMLTemplateElement>('.rg-export-ready')!.innerHTML;
  const field = <T extends HTMLElement>(name: string) => form.elements.namedItem(name) as unknown as T;
  let generator: ReturnType<typeof loadGenerator> | undefined;

  // Show only the controls that apply: distro for scripts, rollback for fixes that have one,
  // the parameters of the chosen fix (or of its rollback).
  const sync = () => {
    const format = field<HTMLSelectElement>('format').value;
    const fix = data.fixes.find((f) => f.id === field<HTMLSelectElement>('fix').value);
    const rollback = field<HTMLInputElement>('rollback');
    root.querySelector<HTMLElement>('.rg-export-distro')!.hidden = format !== 'sh';
    root.querySelector<HTMLElement>('.rg-export-distro-note')!.hidden = format === 'sh';
    root.querySelector<HTMLElement>('.rg-export-rollback')!.hidden = !fix?.rollback;
    if (!fix?.rollback) rollback.checked = false;
    const params = !fix ? [] : rollback.checked ? fix.rollbackParams : fix.params;
    for (const label of root.querySelectorAll<HTMLElement>('.rg-export-param')) {
      const used = params.includes(label.dataset.param!);
      label.hidden = !used;
      const input = label.querySelector('input')!;
      input.disabled = !used;
      input.required = used;
    }
  };
  form.addEventListener('change', sync);
  sync();

  const setOpen = (on: boolean) => {
    form.hidden = !on;
    open.setAttribute('aria-expanded', String(on));
    if (on) {
      generator ??= loadGenerator();
      field<HTMLSelectElement>('format').focus();
    } else open.focus();
  };
  open.addEventListener('click', () => setOpen(Boolean(form.hidden)));
  form.querySelector('.rg-export-close')!.addEventListener('click', () => setOpen(false));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    status.textContent = '';
    const params: Record<string, string> = {};
    for (const input of form.querySelectorAll<HTMLInputElement>('.rg-export-param input:not(:disabled)'))
      params[input.name.replace(/^param-/, '')] = input.value;
    const format = field<HTMLSelectElement>('format').value;
    const options = {
      lang: field<HTMLSelectElement>('lang').value,
      fix: field<HTMLSelectElement>('fix').value,
      format,
      ...(format === 'sh' ? { distro: field<HTMLSelectElement>('distro').value } : {}),
      ...(field<HTMLInputElement>('rollback').checked ? { rollback: true } : {}),
      params,
    };
    try {
      generator ??= loadGenerator();
      const [{ exportRunbook }, { runbooks }] = await generator;
      const file = exportRunbook(runbooks[data.slug]!, data.texts, options as never, data.version);
      const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = ready.replace('{file}', file.name);
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  });
}
