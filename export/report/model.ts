// What a report says, for one host or many: the data every back end fills the template with, and
// the template's parts (template.ts writes them once; the page, the script and the playbook render
// them). Browser-safe, no dependency: the page loads it only when the user asks for a report.
import type { Locale } from '../../core/locales.ts';
import type { FleetVerdict } from '../../core/fleet.ts';
import type { FixId } from '../../core/schema.ts';
import type { Verdict } from '../../core/step-ref.ts';

export const REPORT_FORMATS = ['html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One check on one host. `none`: the page had not run it when the report was made. */
export interface ReportCheck {
  id: string;
  title: string;
  command: string;
  /** Everything it printed, trailing line ends aside; redacted again when rendered. */
  output: string;
  verdict: Verdict | 'none';
}

export interface ReportHost {
  /** How the user names the host (the picker's label, the inventory name, `hostname`). */
  name: string;
  /**
   * Its assessment, or `unreachable` (a fleet verdict): a fleet run could not connect to it, so
   * none of its checks ran. Only the page has such hosts: the script runs on its host, and
   * ansible-playbook leaves the hosts it cannot reach out of the play whose report it writes.
   */
  outcome: FleetVerdict;
  /** Why an unreachable host was not reached (ssh's or Ansible's words); '' otherwise. */
  reason: string;
  checks: ReportCheck[];
}

/** A report of N hosts: the page's one host, a fleet, the playbook's play hosts. */
export interface ReportData {
  lang: Locale;
  slug: string;
  /** The runbook's title in `lang`, and where to read it. */
  title: string;
  url: string;
  version: string;
  /** When it was made, as reportDate() writes it. */
  date: string;
  /** The fix to recommend for a host at risk. */
  recommend: FixId;
  /** The guide the runbook derives from. */
  source: string;
  hosts: ReportHost[];
}

/** The date every back end writes: UTC, to the minute, the same in every language. */
export function reportDate(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The values filled in per target. Those of a host and of a check are read inside their `each`. */
export type Slot = 'url' | 'version' | 'date' | 'host' | 'hostN' | 'reason' | 'checkN' | 'checkId' | 'checkTitle' | 'command' | 'output';
/** Slots whose values come from the host: redacted before anything else is done with them. */
export const FROM_HOST: ReadonlySet<Slot> = new Set<Slot>(['host', 'reason', 'output']);

/**
 * How a value is written. `html`: escaped for an element or an attribute; `md`: one line of
 * Markdown text (every punctuation mark that could be markup escaped, line ends as spaces);
 * `fence`: a Markdown fenced block whose fence is longer than any run of backticks in the text;
 * `raw`: as it is (ids and numbers).
 */
export type Escape = 'html' | 'md' | 'fence' | 'raw';

/** A test inside the hosts' or the checks' `each`. */
export type Cond =
  | { host: 'reached' } // not `unreachable`: the host's checks ran
  | { host: 'at-risk' } // the outcome is one of the two risks: the fix is recommended
  | { host: 'found' } // some check found its risk factor
  | { check: 'failed' } // this check found its risk factor
  | { check: 'output' }; // this check printed something

export type Part =
  | { text: string }
  | { slot: Slot; as: Escape }
  /** A static text chosen by the host's outcome or the check's verdict. */
  | { pick: 'outcome'; of: Record<FleetVerdict, string> }
  | { pick: 'verdict'; of: Record<Verdict | 'none', string> }
  | { each: 'hosts' | 'checks'; body: Part[] }
  | { when: Cond; show: Part[]; otherwise?: Part[] };
