// Memory of a server process and of the processes it started, read from /proc (Linux only).
import { readdirSync, readFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in KiB (VmRSS, VmHWM…), or null once the process is gone. */
export function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Every live descendant of `root` (children, grandchildren…), from the ppid field of /proc/<pid>/stat. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {}
  }
  const out: number[] = [];
  const todo = [...(children.get(root) ?? [])];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Proportional set size in KiB: shared pages (bash's text, libc) are split between their users. */
export function pssKiB(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples VmRSS of `pid` every `everyMs` until stopped; `peak` and `samples` in KiB. */
export function sampleRss(pid: number, everyMs = 100) {
  const samples: number[] = [];
  const take = () => {
    const v = statusKiB(pid, 'VmRSS');
    if (v !== null) samples.push(v);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    stop(): { peak: number; last: number; samples: number[] } {
      clearInterval(timer);
      take();
      return { peak: Math.max(...samples), last: samples.at(-1) ?? 0, samples };
    },
  };
}

/** The median of a few RSS readings `gapMs` apart: one reading can catch a GC half-way. */
export async function steadyRss(pid: number, n = 5, gapMs = 300): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    values.push(statusKiB(pid, 'VmRSS') ?? 0);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

/** CPU time (user + system) a process has used so far, in seconds; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}
