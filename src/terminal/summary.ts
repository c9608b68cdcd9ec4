// "Run all checks": the runbook's diagnosis steps on this page, in page order, one at a time. The
// verdict itself is drawn by assessment.ts from the results, as for checks run one by one.
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { fill } from '../../core/locales.ts';
import type { Verdict } from '../../core/step-ref.ts';

/** The diagnosis steps of the page: sections without data-fix, in document order. */
export function diagnosisSections(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('.rg-step[data-runbook][data-step]')].filter((el) => !el.dataset.fix);
}

/**
 * Runs each check with `run` (resolves to its verdict, or null when it could not run), telling
 * `progress` before each. Stops at the first check that could not run, and returns why, or null.
 */
export async function runAllChecks(
  run: (section: HTMLElement) => Promise<Verdict | null>,
  progress: (n: number, total: number) => void,
  s: TerminalStrings,
  reasonOf: () => string,
): Promise<string | null> {
  const sections = diagnosisSections();
  for (const [i, section] of sections.entries()) {
    progress(i + 1, sections.length);
    if (!(await run(section))) return fill(s.runAllStopped, { reason: reasonOf() });
  }
  return null;
}
