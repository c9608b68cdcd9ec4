// The server processes the benchmark starts (the runner, wetty, ttyd, bare-child): tracked so that
// none outlives the benchmark, stopped politely then forcibly, and waited for until they answer.
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Every server started, killed when the benchmark exits however it exits: nothing left running. */
const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
export function track(child: ChildProcess): ChildProcess {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      ok();
    });
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}

/** The first line the child prints, parsed as JSON. */
export function firstLine(child: ChildProcess, what: string): Promise<Record<string, unknown>> {
  return new Promise((ok, fail) => {
    let err = '';
    child.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (l) => ok(JSON.parse(l)));
    child.once('exit', (code) => fail(new Error(`${what} exited (${code}) before it was ready:\n${err}`)));
  });
}

/** Waits until a peer's HTTP server answers on `url` (30 s at most), or fails with its stderr. */
export async function answersHttp(name: string, child: ChildProcess, url: string, stderr: () => string): Promise<void> {
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${stderr()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (i > 300) throw new Error(`${name} did not answer on ${url} within 30 s:\n${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
