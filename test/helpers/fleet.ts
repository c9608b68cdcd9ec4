// Fleet runs over the runner's real HTTP API, and the processes they leave (or must not leave).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { expect } from 'vitest';
import { FleetEventSchema, type FleetEvent, type FleetRequestInput } from '../../core/fleet.ts';
import { processesMentioning } from '../../server/fleet/stragglers.ts';
import type { TestRunner } from './runner.ts';

export function postFleet(r: TestRunner, body: FleetRequestInput | Record<string, unknown>, auth = r.auth): Promise<Response> {
  return fetch(`${r.origin}/api/fleet`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Starts a run; fails the test with the runner's answer when it is not 202. */
export async function startFleet(r: TestRunner, body: FleetRequestInput): Promise<string> {
  const res = await postFleet(r, body);
  const text = await res.text();
  if (res.status !== 202) throw new Error(`POST /api/fleet answered ${res.status}: ${text}`);
  return (JSON.parse(text) as { run: string }).run;
}

/**
 * Reads a run's ndjson events as they arrive (each checked against the contract's schema) until
 * the response ends; `onEvent` sees each one when it comes.
 */
export async function readEvents(
  r: TestRunner,
  run: string,
  onEvent: (e: FleetEvent) => void | Promise<void> = () => {},
): Promise<FleetEvent[]> {
  const res = await fetch(`${r.origin}/api/fleet/${run}/events`, { headers: r.auth });
  if (res.status !== 200) throw new Error(`events: ${res.status} ${await res.text()}`);
  expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  const events: FleetEvent[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const e = FleetEventSchema.parse(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
      events.push(e);
      await onEvent(e);
      nl = buffer.indexOf('\n');
    }
  }
  expect(buffer).toBe('');
  return events;
}

export const hostRows = (events: FleetEvent[]) => events.flatMap((e) => (e.type === 'host' ? [e] : []));

/** True while the process exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The ansible-playbook processes this test's runner started: pid, argv and the run's folder (its cwd). */
export function playbookProcesses(): { pid: number; argv: string[]; dir: string }[] {
  const out: { pid: number; argv: string[]; dir: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.some((a) => a.endsWith('ansible-playbook'))) out.push({ pid: Number(name), argv, dir: readlinkSync(`/proc/${name}/cwd`) });
    } catch {}
  }
  return out;
}

/** Live processes of a run: those that name its folder (ssh's ControlPath, the inventory, the playbook). */
export const runProcesses = (dir: string): number[] => processesMentioning(dir).filter(alive);

/** Live ssh processes of a run. */
export function runSsh(dir: string): number[] {
  return runProcesses(dir).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'ssh';
    } catch {
      return false;
    }
  });
}
