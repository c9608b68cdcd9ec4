// Ending what a fleet run started: ansible-playbook runs as the leader of a session of its own
// (spawned detached), so its workers, ssh and sshpass are that session's members; ssh's
// ControlPersist masters detach from it, and are found by their control socket's path, which is
// in the run's private folder.
import { readdirSync, readFileSync } from 'node:fs';
import { killSessionProcesses, sessionMembers } from '../session-processes.ts';

/** Live processes whose command line mentions `marker` (the run's folder), this one aside. */
export function processesMentioning(marker: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) out.push(Number(name));
    } catch {}
  }
  return out;
}

/** Signals the run's session and every process naming its folder; returns how many were left. */
export function endRunProcesses(sid: number, marker: string, signal: NodeJS.Signals): number {
  let n = killSessionProcesses(sid, signal);
  for (const pid of processesMentioning(marker)) {
    try {
      process.kill(pid, signal);
      n++;
    } catch {}
  }
  return n;
}

/** True while any process of the run is alive. */
export function runAlive(sid: number, marker: string): boolean {
  return sessionMembers(sid).length > 0 || processesMentioning(marker).length > 0;
}
