// The lab state file (`lab.json`): while it exists, the runner offers a host `lab` that reaches the
// VM over SSH. Its shape is server/hosts.ts's LabStateSchema, which also parses it here.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LabStateSchema } from '../server/hosts.ts';
import type { LabVm } from './vm.ts';

export type LabState = ReturnType<typeof LabStateSchema.parse>;

export function labStateOf(vm: LabVm, extra: Record<string, unknown> = {}): LabState {
  return LabStateSchema.parse({
    host: '127.0.0.1',
    port: vm.sshPort,
    user: 'root',
    identityFile: vm.image.identityFile,
    knownHostsFile: vm.knownHostsFile,
    ...extra,
  });
}

export function writeLabState(file: string, state: LabState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function readLabState(file: string): LabState | null {
  try {
    return LabStateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

export function removeLabState(file: string): void {
  rmSync(file, { force: true });
}
