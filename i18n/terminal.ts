// The terminal panel's interface text: its shape here, one file per locale in i18n/terminal/. The
// page renders the few strings its loader shows; the panel loads its own language's file only.
import type { Factor, FixId, Outcome, Risk } from '../core/schema.ts';
import { type Locale, localeOf } from '../core/locales.ts';
import type { Verdict, Which } from '../core/step-ref.ts';
import { strings as en } from './terminal/en.ts';
import { strings as ptPt } from './terminal/pt-pt.ts';
import { strings as fr } from './terminal/fr.ts';
import { strings as de } from './terminal/de.ts';
import { strings as es } from './terminal/es.ts';
import { strings as it } from './terminal/it.ts';
import { strings as pl } from './terminal/pl.ts';

export interface TerminalStrings {
  openTerminal: string;
  closeTerminal: string;
  terminal: string;
  runAll: string;
  /** Shown when the site is served without the runner; `{command}` becomes the command. */
  runnerAbsent: string;
  runnerUnauthorized: string;
  host: string;
  thisMachine: string;
  /** This machine inside a sentence, after "On" in `card.about` and `confirm.target`. */
  localHost: string;
  /** What follows a label: ": ", or "\u00a0: " in French. */
  colon: string;
  hostSources: Record<'builtin' | 'hosts-file' | 'ssh-config' | 'lab', string>;
  newSession: string;
  download: string;
  search: string;
  searchNext: string;
  searchPrevious: string;
  resizeHandle: string;
  keyboardHint: string;
  state: Record<'connecting' | 'connected' | 'reconnecting' | 'ended' | 'offline' | 'stopped', string>;
  /** The runner itself stopped (not just the connection): how to get it back. */
  runnerStopped: string;
  switchHostBusy: string;
  confirmTitle: string;
  risk: Record<Risk, string>;
  riskLabel: string;
  rollbackLabel: string;
  noRollback: string;
  run: string;
  cancel: string;
  proceed: string;
  verdict: Record<Verdict, string>;
  which: Record<Which, string>;
  running: string;
  waiting: string;
  cancelled: string;
  rollBack: string;
  rollbackOffer: string;
  /** After a verify that a restart of the server will satisfy: the advice, instead of a rollback. */
  restartHint: string;
  paramRequired: string;
  paramInvalid: string;
  atRisk: string;
  /** At risk once VirtFS mounts (the runbook's latent rule). */
  atRiskLatent: string;
  notAtRisk: string;
  riskUnknown: string;
  factorsFound: string;
  recommend: string;
  progress: string;
  runAllStopped: string;
  serverError: string;
  hostsUnavailable: string;
  /** The session's recording could not be fetched. */
  downloadFailed: string;
  /** The host picker's "Add a server…" and its dialog. */
  addHost: Record<'option' | 'title' | 'intro' | 'host' | 'user' | 'port' | 'submit' | 'failed', string>;
  /** "Mark a value secret…", its dialog and the count of marked values; `{n}` is a number. */
  secrets: Record<'mark' | 'title' | 'intro' | 'memory' | 'value' | 'submit' | 'tooShort' | 'tooMany' | 'count' | 'forget', string>;
  /** The verdict in a few words: the dock repeats it, the card heads with it. */
  outcome: Record<Outcome, string>;
  /** The verdict card (Assessment.astro). `{host}`, `{user}`, `{time}`, `{n}`, `{total}` are filled in. */
  card: Record<
    | 'about'
    | 'aboutNoUser'
    | 'partial'
    | 'conditions'
    | 'conditionsLatent'
    | 'present'
    | 'absent'
    | 'unknown'
    | 'others'
    | 'errored'
    | 'why'
    | 'restored',
    string
  >;
  /** A risk factor as a condition of the verdict, stated as the thing a check looks for. */
  factor: Record<Factor, string>;
  /** A condition met by any of several factors, by their ids joined with "+" (the rule's group). */
  factorGroup: Record<string, string>;
  /** Why the card recommends this fix. */
  recommendWhy: Record<FixId, string>;
  /** What a fix costs, said in the confirmation before anything runs. */
  consequence: Record<FixId, string>;
  /** The confirmation: where and as whom, and when not to run it. */
  confirm: Record<'target' | 'targetNoUser' | 'consequences' | 'backupWindow' | 'maintenanceWindow', string>;
  /** "Check several servers" (src/terminal/fleet-*.ts). `{n}`, `{total}`, `{message}` are filled in. */
  fleet: Record<FleetText, string>;
  guided: GuidedStrings;
}

/**
 * "Apply fix N" (src/terminal/guided-fix.ts). `{fix}` is the fix's number, `{n}` and `{total}` a
 * step's position, `{title}` its heading, `{k}` a count of steps; `{why}` is one of the reasons.
 */
export interface GuidedStrings {
  apply: string;
  /** The notice before the first step, when the fix needs a maintenance window or may interrupt service. */
  title: string;
  intro: string;
  disruptive: string;
  start: string;
  progress: string;
  done: string;
  stopped: string;
  /** Reasons (`{why}`): a command or its verification did not pass, was declined, or could not run. */
  failedRun: string;
  failedVerify: string;
  declined: string;
  notRun: string;
  newSession: string;
  /** The steps after the one that stopped the run. */
  later: string;
  ranList: string;
  /** After a verify that a restart completes: the undo is offered, not advised. */
  undoAnyway: string;
  noRollback: string;
  nothingToUndo: string;
  /** The rollback button, by plural category of `{k}` (Intl.PluralRules); `other` is required. */
  rollBackSteps: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  rollingBack: string;
  rolledBack: string;
  rollbackStopped: string;
  paramMismatch: string;
  paramsInvalid: string;
  stepMissing: string;
  interrupted: string;
}

type FleetText =
  | 'open'
  | 'intro'
  | 'close'
  | 'which'
  | 'fromList'
  | 'fromInventory'
  | 'selectAll'
  | 'inventory'
  | 'forks'
  | 'start'
  | 'stop'
  | 'noHosts'
  | 'progress'
  | 'stopped'
  | 'failed'
  | 'command'
  | 'results'
  | 'verdict'
  | 'fix'
  | 'message'
  | 'pending'
  | 'unreachable'
  | 'csv'
  | 'atRiskInventory'
  | 'reportHtml'
  | 'reportMd'
  | 'atRiskCommand'
  | 'noneAtRisk';

/** Every locale's text, for the build and the tests; the page's panel loads only its own (src/terminal/strings.ts). */
export const terminalStrings: Record<Locale, TerminalStrings> = { en, 'pt-pt': ptPt, fr, de, es, it, pl };

/** The strings for a BCP 47 tag (`document.documentElement.lang`), English when unknown. */
export function terminalStringsFor(lang: string | undefined): TerminalStrings {
  return terminalStrings[localeOf(lang)];
}
