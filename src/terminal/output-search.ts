// The search box of the drawer's header: Enter (or ↓) finds the next match in the terminal's
// output and scrollback, ↑ the previous one.
import type { SearchAddon } from '@xterm/addon-search';

export function wireOutputSearch(form: HTMLFormElement, search: () => Promise<SearchAddon>): void {
  const input = form.querySelector<HTMLInputElement>('.rg-search-input')!;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void search().then((s) => s.findNext(input.value));
  });
  form.querySelector('.rg-search-prev')!.addEventListener('click', () => void search().then((s) => s.findPrevious(input.value)));
}
