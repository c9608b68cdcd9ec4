// The fleet runs of a server: a request checked and prepared (inventory read back by
// ansible-inventory, playbook exported) in a private folder, then run; at most FLEET_MAX_RUNS at
// once; the finished ones kept a while for a late reader; all stopped when the server closes.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLEET_MAX_RUNS, type FleetRequest } from '../../core/fleet.ts';
import { redact } from '../../core/redact.ts';
import { runbooks } from '../../runbooks/index.ts';
import { listHosts, type HostsFileEntry } from '../hosts.ts';
import type { Env, Paths } from '../paths.ts';
import { ansibleEnv, INSTALL_HINT, which } from './ansible-env.ts';
import { FleetInputError, inventoryFromHosts, readInventory } from './inventory.ts';
import { writePlaybook } from './playbook.ts';
import { playbookArgv, shownCommand } from './command.ts';
import { FleetRun } from './run.ts';

export { FleetInputError } from './inventory.ts';

/** A refusal with its HTTP status: ansible missing (503), too many runs (429). */
export class FleetUnavailableError extends Error {
  readonly status: 503 | 429;
  constructor(status: 503 | 429, message: string) {
    super(message);
    this.status = status;
  }
}

/** Finished runs kept for a late reader of their events. */
const KEPT_FINISHED = 16;

export interface FleetRunsOptions {
  paths: Paths;
  env: Env;
  extraHosts: HostsFileEntry[];
  /** Applied to every text of a host before it leaves the runner; core/redact.ts's redact() when absent. */
  redact?: (text: string) => string;
  log(line: string): void;
}

export class FleetRuns {
  #o: FleetRunsOptions;
  #runs = new Map<string, FleetRun>();
  /** Runs being prepared or running: the limit counts both. */
  #active = 0;
  #closed = false;

  constructor(o: FleetRunsOptions) {
    this.#o = o;
  }

  get(id: string): FleetRun | undefined {
    return this.#runs.get(id);
  }

  /** Checks and prepares the request, starts the run; throws FleetInputError / FleetUnavailableError. */
  async start(req: FleetRequest): Promise<FleetRun> {
    if (this.#closed) throw new FleetUnavailableError(503, 'The runner is stopping');
    const runbook = runbooks[req.runbook];
    if (!runbook || !Object.hasOwn(runbooks, req.runbook)) throw new FleetInputError(`Unknown runbook "${req.runbook}"`);
    for (const program of ['ansible-playbook', 'ansible-inventory'])
      if (!which(program, this.#o.env))
        throw new FleetUnavailableError(503, `${program} is not installed on the runner's machine: ${INSTALL_HINT}`);
    if (this.#active >= FLEET_MAX_RUNS)
      throw new FleetUnavailableError(429, `${FLEET_MAX_RUNS} fleet runs are already running; stop one or wait for it`);
    this.#active++;
    const dir = mkdtempSync(join(tmpdir(), 'runguide-fleet-'));
    let run: FleetRun | null = null;
    try {
      chmodSync(dir, 0o700);
      mkdirSync(join(dir, 'ansible', 'tmp'), { recursive: true, mode: 0o700 });
      mkdirSync(join(dir, 'cp'), { mode: 0o700 });
      const env = ansibleEnv(this.#o.env, dir);
      const inventory = join(dir, req.inventory === undefined ? 'inventory.json' : 'inventory');
      const known = () => listHosts(this.#o.paths, this.#o.env, this.#o.extraHosts).hosts;
      writeFileSync(inventory, req.inventory ?? inventoryFromHosts(req.hosts ?? [], known()), { mode: 0o600 });
      const [inv, playbook] = await Promise.all([
        readInventory(inventory, env, dir),
        writePlaybook(runbook, req.runbook, req.lang, dir, env),
      ]);
      if (this.#closed) throw new FleetUnavailableError(503, 'The runner is stopping');
      const id = randomUUID();
      run = new FleetRun({
        id,
        runbook,
        dir,
        argv: playbookArgv(inventory, playbook.file, req.forks),
        env,
        start: {
          runbook: req.runbook,
          hosts: inv.hosts,
          checks: playbook.checks,
          command: shownCommand(inventory, playbook.name, req.forks),
          forks: req.forks,
        },
        vars: inv.vars,
        redact: this.#o.redact ?? ((t) => redact(t)),
        log: this.#o.log,
      });
      this.#keep(run);
      this.#o.log(`fleet run ${id}: ${inv.hosts.length} host(s), ${req.runbook}, forks ${req.forks}`);
      run.start();
      void run.ended.then(() => this.#active--);
      return run;
    } catch (e) {
      if (!run) {
        this.#active--;
        rmSync(dir, { recursive: true, force: true });
      }
      throw e;
    }
  }

  #keep(run: FleetRun): void {
    this.#runs.set(run.id, run);
    const finished = [...this.#runs.values()].filter((r) => r.done);
    for (const r of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED))) this.#runs.delete(r.id);
  }

  /** Stops every run (the server closes): ansible-playbook and its ssh children end. */
  async closeAll(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#runs.values()].map((r) => r.stop()));
  }
}
