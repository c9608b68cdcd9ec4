// Reads ansible-playbook's JSON lines (runguide_events.py) into the fleet's events: each check
// task's result judged by the step's own expectation (evaluate(), as the runner judges a step),
// each host's verdict by assess() over those verdicts, checked against the playbook's rg_outcome.
import type { FleetEvent, FleetVerdict } from '../../core/fleet.ts';
import { assess, diagnosisSteps, evaluate } from '../../core/render.ts';
import type { FixId, Outcome, Runbook, Step } from '../../core/schema.ts';
import type { Verdict } from '../../core/step-ref.ts';
import { lastLine, plainText } from '../shell-marks.ts';

/** What a check's `text` carries at most. */
export const MAX_CHECK_TEXT = 8 * 1024;

type Result = Record<string, unknown> & { failed?: boolean; ignored?: boolean; skipped?: boolean; unreachable?: boolean; msg?: unknown };
type Line =
  | { event: 'play'; name: string }
  | { event: 'task'; name: string; uuid: string; action: string; tags: string[] }
  | { event: 'result'; host: string; uuid: string; result: Result }
  | { event: 'stats'; hosts: Record<string, unknown> };

interface HostState {
  verdicts: Record<string, Verdict>;
  /** The playbook's own outcome, once its summary ran. */
  outcome?: Outcome;
  done: boolean;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** The first `max` bytes of a UTF-8 text, cut on a character. */
function cut(s: string, max: number): string {
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length <= max) return s;
  return `${bytes
    .subarray(0, max - 3)
    .toString('utf8')
    .replace(/\uFFFD$/, '')}…`;
}

export interface ReaderOptions {
  runbook: Runbook;
  /** Inventory names. */
  hosts: readonly string[];
  vars: Record<string, Record<string, string>>;
  redact(text: string): string;
  emit(e: FleetEvent): void;
}

export class FleetReader {
  readonly #o: ReaderOptions;
  readonly #steps = new Map<string, Step>();
  readonly #tasks = new Map<string, { action: string; tags: string[] }>();
  readonly #hosts = new Map<string, HostState>();
  /** True once the play started: an exit before it is ansible-playbook's failure, not the hosts'. */
  ran = false;
  /** Set when the run cannot be trusted any more (a disagreement): the caller stops it. */
  failure: string | null = null;

  constructor(o: ReaderOptions) {
    this.#o = o;
    for (const s of diagnosisSteps(o.runbook)) this.#steps.set(s.id, s);
    for (const h of o.hosts) this.#hosts.set(h, { verdicts: {}, done: false });
  }

  /** One line of ansible-playbook's stdout (anything but a JSON object is ignored: warnings). */
  line(raw: string): void {
    if (!raw.startsWith('{')) return;
    let e: Line;
    try {
      e = JSON.parse(raw) as Line;
    } catch {
      return;
    }
    if (e.event === 'play') this.ran = true;
    else if (e.event === 'task') this.#tasks.set(e.uuid, { action: e.action, tags: e.tags ?? [] });
    else if (e.event === 'result') this.#result(e.host, this.#tasks.get(e.uuid), e.result);
  }

  /** At the end: a host the playbook left without a verdict gets one now (undecided). */
  finish(stopped: boolean): void {
    for (const [host, s] of this.#hosts) {
      if (s.done) continue;
      if (s.outcome) this.#decide(host, s, '');
      else if (!stopped) this.#host(host, 'undecided', 'ansible-playbook ended before this host was assessed');
    }
  }

  #state(host: string): HostState {
    const s = this.#hosts.get(host) ?? { verdicts: {}, done: false };
    this.#hosts.set(host, s);
    return s;
  }

  #result(host: string, task: { action: string; tags: string[] } | undefined, r: Result): void {
    const s = this.#state(host);
    if (s.done || !task) return;
    if (r.unreachable) {
      this.#host(host, 'unreachable', text(r.msg).trim());
      return;
    }
    const step = task.tags.includes('diagnosis') ? task.tags.map((t) => this.#steps.get(t)).find(Boolean) : undefined;
    if (step) {
      // The per-family twin of a check is skipped on the other family's hosts.
      if (!r.skipped) this.#check(host, s, step, r);
      return;
    }
    const facts = r.ansible_facts as { rg_outcome?: Outcome } | undefined;
    if (facts?.rg_outcome) s.outcome = facts.rg_outcome;
    else if (s.outcome && /(^|\.)fail$/.test(task.action)) this.#decide(host, s, r.skipped ? '' : text(r.msg));
    else if (r.failed && !r.ignored) {
      // A host that fails before its summary leaves the play: the os-family assert, facts that
      // could not be gathered (no Python), sudo refused.
      this.#host(host, 'undecided', text(r.msg).trim() || `${task.action} failed`);
    }
  }

  #check(host: string, s: HostState, step: Step, r: Result): void {
    const rc = typeof r.rc === 'number' ? r.rc : -1;
    const stdout = plainText(text(r.stdout));
    const stderr = plainText(text(r.stderr));
    const verdict = evaluate(step.expect, rc, stdout);
    s.verdicts[step.id] = verdict;
    // A task that ran no command (a module failure) says why in msg.
    const all = [stdout, stderr, rc === -1 ? text(r.msg) : ''].filter(Boolean).join('\n');
    const output = lastLine(this.#o.redact(lastLine(stdout) || lastLine(all)));
    const command = this.#o.redact(text(r.cmd));
    this.#o.emit({ type: 'check', host, step: step.id, verdict, output, text: cut(this.#o.redact(all), MAX_CHECK_TEXT), command });
  }

  #decide(host: string, s: HostState, message: string): void {
    const a = assess(this.#o.runbook, s.verdicts);
    if (a.outcome !== s.outcome) {
      s.done = true;
      this.failure = `${host}: the checks' verdicts give "${a.outcome}", the playbook said "${s.outcome}"`;
      this.#o.emit({ type: 'error', message: this.failure });
      return;
    }
    this.#host(host, a.outcome, a.outcome === 'undecided' ? message.trim() : '');
  }

  #host(host: string, verdict: FleetVerdict, message: string): void {
    const s = this.#state(host);
    s.done = true;
    const a = assess(this.#o.runbook, s.verdicts);
    const found = Object.entries(s.verdicts).flatMap(([step, v]) => (v === 'fail' ? [step] : []));
    const fix = verdict === 'at-risk' || verdict === 'at-risk-latent' ? (a.recommend as FixId | null) : null;
    this.#o.emit({ type: 'host', host, verdict, found, fix, message: this.#o.redact(message), vars: this.#o.vars[host] ?? {} });
  }
}
