// The processes of a terminal's session (the kernel's: every process whose session id is the PTY's
// leader), found in /proc and signalled when the terminal ends.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Signals every process whose session id is the PTY's leader: job-control shells put each job in
 * its own process group, so killing the leader's group alone would leave them running.
 */
export function killSessionProcesses(sid: number, signal: NodeJS.Signals = 'SIGKILL'): number {
  let n = 0;
  for (const pid of sessionMembers(sid)) {
    try {
      process.kill(pid, signal);
      n++;
    } catch {}
  }
  return n;
}

/** Live processes of the terminal session `sid`. */
export function sessionMembers(sid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Zombies are already dead; their reaping is their new parent's business.
      if (Number(fields[3]) === sid && fields[0] !== 'Z') out.push(Number(name));
    } catch {}
  }
  return out;
}
