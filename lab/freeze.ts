// The freeze, as a backup system does it: guest-sync, guest-fsfreeze-freeze, -status, -thaw on the
// agent's socket, with a timeout on every answer. A freeze that does not return is a hang: then the
// kernel's hung-task report is read from the serial console.
import { QgaClient, QgaError, QgaTimeout } from './qga.ts';

/** What a freeze needs of a VM: its agent socket and its serial console's text so far. */
export interface FreezeTarget {
  qgaSocket: string;
  console(): string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitConsole(vm: FreezeTarget, re: RegExp, timeoutMs: number, from: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!new RegExp(re.source).test(vm.console().slice(from)) && Date.now() < deadline) await sleep(500);
}

export type FreezeResult =
  | { outcome: 'completed'; frozen: number; thawed: number; durationMs: number }
  /** The agent answered the freeze with an error (nothing stays frozen). */
  | { outcome: 'error'; message: string; durationMs: number }
  /** No agent answered guest-sync: nothing can be frozen (fix 1, by design). */
  | { outcome: 'no-agent'; message: string; durationMs: number }
  /** The freeze did not return: `hungTask` is the kernel's first report, `panic` its panic line. */
  | {
      outcome: 'hang';
      durationMs: number;
      hungTask: string | null;
      /** The names of the tasks the kernel reported blocked. */
      blocked: string[];
      /** Where the loop device's worker waits, e.g. "loop0 worker in percpu_rwsem_wait". */
      loopWorker: string | null;
      panic: string | null;
    };

export interface FreezeOptions {
  /** How long the freeze may take before it counts as a hang. */
  freezeTimeoutMs?: number;
  /** How long to wait, after that, for the hung-task report (and the panic, when `expectPanic`). */
  reportTimeoutMs?: number;
  expectPanic?: boolean;
}

const HUNG = /INFO: task (\S+?):\d+ blocked for more than \d+ seconds\./g;
const PANIC = /Kernel panic - not syncing: [^\r\n]*/;
// A blocked loop worker's report: "Workqueue: loop0 …", then its call trace; the first frame after
// schedule() says what it waits for (percpu_rwsem_wait: the frozen backing filesystem).
const LOOP_WORKER = /Workqueue: (loop\d+) [^\n]*\n(?:[^\n]*\n){0,4}?[^\n]*\bschedule\+[^\n]*\n[^\n]*\]\s+(?:\? )?(\w+)\+/;

export async function freezeThaw(vm: FreezeTarget, o: FreezeOptions = {}): Promise<FreezeResult> {
  const qga = await QgaClient.open(vm.qgaSocket);
  const t0 = Date.now();
  const since = vm.console().length;
  try {
    try {
      await qga.sync(30_000);
    } catch (e) {
      if (e instanceof QgaTimeout) return { outcome: 'no-agent', message: e.message, durationMs: Date.now() - t0 };
      throw e;
    }
    const start = Date.now();
    let frozen: number;
    try {
      frozen = await qga.exec<number>('guest-fsfreeze-freeze', o.freezeTimeoutMs ?? 45_000);
    } catch (e) {
      if (e instanceof QgaError) return { outcome: 'error', message: e.message, durationMs: Date.now() - start };
      if (!(e instanceof QgaTimeout)) throw e;
      const durationMs = Date.now() - start;
      const wait = o.reportTimeoutMs ?? 90_000;
      await waitConsole(vm, o.expectPanic ? PANIC : HUNG, wait, since);
      const text = vm.console().slice(since);
      const lines = [...text.matchAll(HUNG)];
      return {
        outcome: 'hang',
        durationMs,
        hungTask: lines[0]?.[0] ?? null,
        blocked: [...new Set(lines.map((m) => m[1]!))],
        loopWorker: ((m) => (m ? `${m[1]} worker in ${m[2]}` : null))(LOOP_WORKER.exec(text)),
        panic: PANIC.exec(text)?.[0] ?? null,
      };
    }
    const durationMs = Date.now() - start;
    const status = await qga.exec<string>('guest-fsfreeze-status', 15_000);
    if (status !== 'frozen') throw new Error(`after a freeze of ${frozen} filesystem(s) the agent reports "${status}"`);
    const thawed = await qga.exec<number>('guest-fsfreeze-thaw', 30_000);
    return { outcome: 'completed', frozen, thawed, durationMs };
  } finally {
    qga.close();
  }
}
