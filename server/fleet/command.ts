// The ansible-playbook command of a fleet run: what the runner spawns, and the same line as a
// user would type it in the folder holding the two files (the page shows it).
import { basename } from 'node:path';
import { FLEET_MAX_FORKS } from '../../core/fleet.ts';

function checkedForks(forks: number): string {
  // The request's schema bounds it already; the command never gets more, whoever calls.
  if (!Number.isInteger(forks) || forks < 1 || forks > FLEET_MAX_FORKS)
    throw new RangeError(`forks must be 1..${FLEET_MAX_FORKS}, got ${forks}`);
  return String(forks);
}

/** argv for spawn: the inventory, the playbook, the forks. */
export function playbookArgv(inventory: string, playbook: string, forks: number): string[] {
  return ['ansible-playbook', '-i', inventory, playbook, '--forks', checkedForks(forks)];
}

const shellWord = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`);

/** The command line as typed next to the inventory and the exported playbook. */
export function shownCommand(inventory: string, playbookName: string, forks: number): string {
  return ['ansible-playbook', '-i', basename(inventory), basename(playbookName), '--forks', checkedForks(forks)].map(shellWord).join(' ');
}
