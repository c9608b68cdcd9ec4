// One fleet run: ansible-playbook over the run's inventory with the exported diagnosis playbook,
// its JSON lines read into events as they come (kept, for a reader that comes late), stopped on
// demand with everything it started, its private folder removed at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { FleetEvent, FleetStartEvent } from '../../core/fleet.ts';
import type { Runbook } from '../../core/schema.ts';
import { FleetReader } from './reader.ts';
import { endRunProcesses, runAlive } from './stragglers.ts';

/** ansible-playbook's exit codes when the play ran: all fine, hosts failed, hosts unreachable, play aborted. */
const COMPLETED = new Set([0, 2, 4, 8]);
/** How long ansible-playbook gets to end on SIGTERM before SIGKILL. */
const TERM_GRACE_MS = 3000;
const STDERR_KEPT = 16 * 1024;

export interface FleetRunOptions {
  id: string;
  runbook: Runbook;
  /** The run's private folder (0700): inventory, playbook, Ansible's files; removed at the end. */
  dir: string;
  /** argv of ansible-playbook (the program first). */
  argv: string[];
  env: Record<string, string>;
  start: Omit<FleetStartEvent, 'type' | 'run'>;
  vars: Record<string, Record<string, string>>;
  redact(text: string): string;
  log(line: string): void;
}

export class FleetRun {
  readonly id: string;
  readonly events: FleetEvent[] = [];
  #o: FleetRunOptions;
  #listeners = new Set<(e: FleetEvent) => void>();
  #child: ChildProcess | null = null;
  #stopped = false;
  #ended: Promise<void>;
  #end!: () => void;
  #stderr = '';
  /** ansible-playbook's pid: the id of its session, whose members are the run's processes. */
  #sid = -1;

  constructor(o: FleetRunOptions) {
    this.#o = o;
    this.id = o.id;
    this.#ended = new Promise((ok) => (this.#end = ok));
  }

  /** Resolves once `done` is out. */
  get ended(): Promise<void> {
    return this.#ended;
  }

  get done(): boolean {
    return this.events.at(-1)?.type === 'done';
  }

  /** Every event so far, then each new one; returns the unsubscribe. */
  subscribe(fn: (e: FleetEvent) => void): () => void {
    for (const e of this.events) fn(e);
    if (this.done) return () => {};
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(e: FleetEvent): void {
    this.events.push(e);
    for (const fn of this.#listeners) fn(e);
    if (e.type === 'done') this.#listeners.clear();
  }

  /** Starts ansible-playbook; the events say how it goes. */
  start(): void {
    const o = this.#o;
    this.#emit({ type: 'start', run: this.id, ...o.start });
    const reader = new FleetReader({
      runbook: o.runbook,
      hosts: o.start.hosts,
      vars: o.vars,
      redact: o.redact,
      emit: (e) => this.#emit(e),
    });
    // A session of its own (detached): stop and shutdown signal all of it. No stdin: a password
    // or host key question has no terminal to ask on, so ssh fails and the host is unreachable.
    const child = spawn(o.argv[0]!, o.argv.slice(1), { cwd: o.dir, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.#sid = child.pid ?? -1;
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      this.#stderr = (this.#stderr + d).slice(-STDERR_KEPT);
    });
    const lines = createInterface({ input: child.stdout!, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on('line', (line) => {
      reader.line(line);
      if (reader.failure && !this.#stopped) void this.#kill();
    });
    let exit: { code: number | null; error?: string } | null = null;
    child.once('error', (e) => (exit = { code: null, error: `ansible-playbook could not start: ${e.message}` }));
    child.once('exit', (code) => (exit ??= { code }));
    // 'close': the process is gone and its output read to the end.
    child.once('close', () => void this.#finish(reader, exit ?? { code: null }));
  }

  async #finish(reader: FleetReader, { code, error }: { code: number | null; error?: string }): Promise<void> {
    const o = this.#o;
    reader.finish(this.#stopped);
    const broke = !this.#stopped && !reader.failure && (code === null || !COMPLETED.has(code) || !reader.ran);
    const failed = error ?? (broke ? this.#stderr.trim() || `exit ${code}` : '');
    if (failed) this.#emit({ type: 'error', message: `ansible-playbook failed (exit ${code}): ${failed.slice(-4000)}` });
    // What outlives it: ssh's ControlPersist masters, a member of its session still ending.
    await this.#kill();
    rmSync(o.dir, { recursive: true, force: true });
    o.log(`fleet run ${this.id} ended (exit ${code}${this.#stopped ? ', stopped' : ''})`);
    this.#emit({ type: 'done', exitCode: code, stopped: this.#stopped });
    this.#end();
  }

  /** Ends ansible-playbook and everything it started; resolves once `done` is out. */
  stop(): Promise<void> {
    if (!this.done && this.#child) {
      this.#stopped = true;
      void this.#kill();
    }
    return this.#child ? this.#ended : Promise.resolve();
  }

  /** SIGTERM to the run's processes, SIGKILL to those still there after a grace; resolves when none is left. */
  async #kill(): Promise<void> {
    const [sid, dir] = [this.#sid, this.#o.dir];
    endRunProcesses(sid, dir, 'SIGTERM');
    const deadline = Date.now() + TERM_GRACE_MS;
    while (runAlive(sid, dir) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
    for (let i = 0; i < 20 && runAlive(sid, dir); i++) {
      endRunProcesses(sid, dir, 'SIGKILL');
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
}
