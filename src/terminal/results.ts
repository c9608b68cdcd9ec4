// The results of the steps run from this page, kept with the tab (sessionStorage) so that a reload
// shows the same verdicts, and cleared when the user starts over (a new session, another host).
import type { Verdict } from '../../core/step-ref.ts';
import type { Which } from '../../core/step-ref.ts';

export interface StepResult {
  verdict: Verdict;
  /** The command's last line, as the runner quoted it. */
  output: string;
  /** All it printed (redacted by the runner, at most 8 KiB), and the command, for the report. */
  text?: string;
  command?: string;
  durationMs?: number;
  /** A sentence shown after the badge (an error, an exit code). */
  note?: string;
  advice?: 'rollback' | 'restart' | null;
  /** When it came (ms since the epoch). */
  at: number;
}

export interface Results {
  /** The host id and how the picker names it. */
  host: string;
  hostLabel: string;
  /** Who the commands ran as, once the runner said. */
  user: string | null;
  /** By `step/which`. */
  steps: Record<string, StepResult>;
}

const key = () => `runguide:results:${location.pathname}`;
export const resultKey = (step: string, which: Which) => `${step}/${which}`;

/** Whether this tab kept results for this page (cheap: the loader asks before loading the panel). */
export function hasResults(): boolean {
  return sessionStorage.getItem(key()) !== null;
}

export function loadResults(): Results | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(key()) ?? 'null') as Results | null;
    return v && typeof v.host === 'string' && typeof v.steps === 'object' && v.steps ? v : null;
  } catch {
    return null;
  }
}

export function saveResults(r: Results): void {
  try {
    sessionStorage.setItem(key(), JSON.stringify(r));
  } catch {} // storage full or denied: the verdicts still show, they just won't survive a reload
}

export function clearResults(): void {
  sessionStorage.removeItem(key());
}
