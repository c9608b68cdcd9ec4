// "Run all checks" from its buttons (in the page and the card): one pass at a time, with the
// buttons disabled meanwhile. summary.ts walks the checks; the card says how it went.
import type { Verdict } from '../../core/step-ref.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import type { AlertLine } from './alert.ts';
import type { PageVerdicts } from './page-verdicts.ts';
import { runAllChecks } from './summary.ts';

export interface RunAllDeps {
  s: TerminalStrings;
  alert: AlertLine;
  verdicts: Pick<PageVerdicts, 'progress' | 'ranAll'>;
  /** Opens the drawer without taking the focus. */
  open(): Promise<void>;
  run(section: HTMLElement): Promise<Verdict | null>;
}

export function createRunAll(d: RunAllDeps): () => Promise<void> {
  let running = false;
  return async () => {
    if (running) return;
    running = true;
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('.rg-run-all')];
    for (const b of buttons) b.disabled = true;
    try {
      await d.open();
      const stopped = await runAllChecks(
        d.run,
        (n, total) => d.verdicts.progress(n, total),
        d.s,
        () => d.alert.problem,
      );
      d.verdicts.ranAll(stopped);
    } finally {
      running = false;
      for (const b of buttons) b.disabled = false;
    }
  };
}
