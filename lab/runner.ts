// Runbook steps on the lab VM through the runner's own code path: the real server (server/index.ts)
// started in-process with a throwaway XDG_STATE_HOME holding the VM's lab.json, and its WebSocket
// client choosing host `lab`, exactly as the site does against a real VPS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/index.ts';
import { connect, type RunnerClient } from '../server/client.ts';
import { runbooks } from '../runbooks/index.ts';
import { assess, diagnosisSteps, type Assessment } from '../core/render.ts';
import type { Verdict } from '../core/step-ref.ts';
import type { LabVm } from './vm.ts';
import { labStateOf, writeLabState } from './state.ts';
import type { Which } from '../core/step-ref.ts';

export const RUNBOOK = 'cpanel-backup-freeze';
export const runbook = runbooks[RUNBOOK]!;

export interface StepRun {
  step: string;
  which: Which;
  verdict: Verdict;
  exitCode: number | null;
  /** The terminal's lines written while the step ran (as the page's terminal shows them). */
  output: string;
}

export interface Diagnosis {
  verdicts: Record<string, Verdict>;
  assessment: Assessment;
}

export class LabRunner {
  readonly server: RunningServer;
  readonly vm: LabVm;
  #dir: string;
  #client: RunnerClient | null = null;

  private constructor(server: RunningServer, vm: LabVm, dir: string) {
    this.server = server;
    this.vm = vm;
    this.#dir = dir;
  }

  static async start(vm: LabVm): Promise<LabRunner> {
    const dir = mkdtempSync(join(tmpdir(), 'rglab-runner-'));
    const env = { ...process.env, XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config') };
    writeLabState(join(env.XDG_STATE_HOME, 'runguide', 'lab.json'), labStateOf(vm));
    const server = await startServer({ port: 0, env, record: false, log: () => {} });
    return new LabRunner(server, vm, dir);
  }

  /** The session on host `lab`, (re)opened when needed (after a reboot the old one is gone). */
  async client(): Promise<RunnerClient> {
    if (this.#client && !this.#client.closed) return this.#client;
    this.#client = await connect(this.server.origin, this.server.token, { host: 'lab', cols: 160, rows: 50 });
    await this.#client.waitForText(/[#$]\s*$/m, 180_000);
    return this.#client;
  }

  /** Drops the session (e.g. before a reboot, whose SSH connection dies with the guest). */
  async disconnect(): Promise<void> {
    await this.#client?.close();
    this.#client = null;
  }

  async run(step: string, which: StepRun['which'] = 'run', params: Record<string, string> = {}): Promise<StepRun> {
    const c = await this.client();
    await c.flush();
    const lines = c.allText().trimEnd().split('\n').length;
    const r = await c.run(RUNBOOK, step, { which, params, confirm: true, timeoutMs: 15 * 60_000 });
    await c.flush();
    const output = c.allText().trimEnd().split('\n').slice(lines).join('\n').trim();
    return { step, which, verdict: r.verdict, exitCode: r.exitCode, output };
  }

  /** Every diagnosis step, then the runbook's own assessment of them. */
  async diagnose(): Promise<Diagnosis> {
    const verdicts: Record<string, Verdict> = {};
    for (const s of diagnosisSteps(runbook)) verdicts[s.id] = (await this.run(s.id)).verdict;
    return { verdicts, assessment: assess(runbook, verdicts) };
  }

  async close(): Promise<void> {
    await this.disconnect();
    await this.server.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
