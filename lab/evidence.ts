// The lab's results, as runbooks/cpanel-backup-freeze/lab-evidence.json (shown on the site by
// src/components/LabEvidence.astro). Written only by a real run (LAB_WRITE_EVIDENCE=1).
import { readFileSync, writeFileSync } from 'node:fs';
import { EvidenceSchema, type Evidence } from '../core/evidence.ts';

export * from '../core/evidence.ts';

export const EVIDENCE_FILE = new URL('../runbooks/cpanel-backup-freeze/lab-evidence.json', import.meta.url).pathname;

export function readEvidence(file = EVIDENCE_FILE): Evidence | null {
  try {
    return EvidenceSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/**
 * Writes a run's results. A partial run (some VMs only, e.g. `-t "VM 2"`) replaces its own rows and
 * keeps the others, if they come from the same image and machine set-up; each row says when it was
 * measured.
 */
export function writeEvidence(e: Evidence, file = EVIDENCE_FILE): void {
  const old = readEvidence(file);
  const same =
    old &&
    old.kernel === e.kernel &&
    old.qemu === e.qemu &&
    old.accel === e.accel &&
    JSON.stringify(old.agents) === JSON.stringify(e.agents);
  const merged: Evidence = same
    ? {
        ...e,
        configurations: [...old.configurations.filter((c) => !e.configurations.some((n) => n.id === c.id)), ...e.configurations],
        fixes: [...old.fixes.filter((f) => !e.fixes.some((n) => n.fix === f.fix)), ...e.fixes],
        diagnosis: { ...old.diagnosis, ...e.diagnosis },
        // Notes come from the hang VM's run: a run that has any replaces them.
        notes: e.notes.length ? e.notes : old.notes,
      }
    : e;
  writeFileSync(file, JSON.stringify(EvidenceSchema.parse(merged), null, 2) + '\n');
}
