// The lab's results, as runbooks/cpanel-backup-freeze/lab-evidence.json (shown on the site by
// src/components/LabEvidence.astro). Written only by a real run (LAB_WRITE_EVIDENCE=1).
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { OutcomeSchema } from '../src/runbook/schema.ts';

const Verdict = z.enum(['pass', 'fail', 'error']);

export const ConfigurationSchema = z.object({
  id: z.string(),
  layout: z.string(),
  agent: z.string(),
  hungTaskPanic: z.union([z.literal(0), z.literal(1)]),
  expected: z.enum(['completes', 'hangs', 'no-agent']),
  outcome: z.enum(['completes', 'hangs', 'error', 'no-agent']),
  /** Time until the freeze returned, or until it was declared hung. */
  durationMs: z.number(),
  frozen: z.number().nullable(),
  hungTask: z.string().nullable(),
  /** Tasks the kernel reported blocked, and where the loop device's worker waited. */
  blocked: z.array(z.string()),
  loopWorker: z.string().nullable(),
  panic: z.string().nullable(),
  /** The runbook's diagnosis on the VM just before the freeze (assess()). */
  atRisk: z.boolean().nullable(),
  /** Its outcome (absent in rows measured before there were four). */
  riskOutcome: OutcomeSchema.optional(),
  agrees: z.boolean(),
  responsive: z.boolean().nullable(),
  mountOrder: z.array(z.string()),
  note: z.string().optional(),
  /** When this row was measured (rows of a partial run are merged into the file). */
  measuredAt: z.string().optional(),
});

export const StepRunSchema = z.object({ step: z.string(), which: z.enum(['run', 'verify', 'rollback']), verdict: Verdict, note: z.string().optional() });

export const FixSchema = z.object({
  fix: z.string(),
  steps: z.array(StepRunSchema),
  atRiskBefore: z.boolean().nullable(),
  atRiskAfter: z.boolean().nullable(),
  freeze: z.enum(['completes', 'hangs', 'error', 'no-agent']),
  frozen: z.number().nullable(),
  responsive: z.boolean(),
  atRiskAfterRollback: z.boolean().nullable(),
  note: z.string().optional(),
  measuredAt: z.string().optional(),
});

export const EvidenceSchema = z.object({
  date: z.string(),
  kernel: z.string(),
  agents: z.object({ bookworm: z.string(), trixie: z.string() }),
  qemu: z.string(),
  accel: z.enum(['kvm', 'tcg']),
  accelReason: z.string(),
  simulated: z.string(),
  configurations: z.array(ConfigurationSchema),
  fixes: z.array(FixSchema),
  /** Per diagnosis step: its verdict in each configuration (by id). */
  diagnosis: z.record(z.string(), z.record(z.string(), Verdict)),
  notes: z.array(z.string()),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
export type Configuration = z.infer<typeof ConfigurationSchema>;
export type FixEvidence = z.infer<typeof FixSchema>;

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
  const same = old && old.kernel === e.kernel && old.qemu === e.qemu && old.accel === e.accel && JSON.stringify(old.agents) === JSON.stringify(e.agents);
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
