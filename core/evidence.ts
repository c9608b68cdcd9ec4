// The lab's results as the site shows them (runbooks/<slug>/lab-evidence.json): what each
// configuration did under a real freeze, what the diagnosis said of it, and what each fix changed.
// Written by the lab (lab/evidence.ts), read by the page (src/components/LabEvidence.astro).
import { z } from './zod.ts';
import { OutcomeSchema } from './schema.ts';
import { VerdictSchema, WhichSchema } from './step-ref.ts';

export const ConfigurationSchema = z.object({
  id: z.string(),
  layout: z.string(),
  agent: z.string(),
  hungTaskPanic: z.union([z.literal(0), z.literal(1)]),
  expected: z.enum(['completes', 'hangs', 'no-agent']),
  outcome: z.enum(['completes', 'hangs', 'error', 'no-agent']),
  /** Time until the freeze returned, or until it was declared hung. */
  durationMs: z.number(),
  frozen: z.nullable(z.number()),
  hungTask: z.nullable(z.string()),
  /** Tasks the kernel reported blocked, and where the loop device's worker waited. */
  blocked: z.array(z.string()),
  loopWorker: z.nullable(z.string()),
  panic: z.nullable(z.string()),
  /** The runbook's diagnosis on the VM just before the freeze (assess()). */
  atRisk: z.nullable(z.boolean()),
  /** Its outcome (absent in rows measured before there were four). */
  riskOutcome: z.optional(OutcomeSchema),
  agrees: z.boolean(),
  responsive: z.nullable(z.boolean()),
  mountOrder: z.array(z.string()),
  note: z.optional(z.string()),
  /** When this row was measured (rows of a partial run are merged into the file). */
  measuredAt: z.optional(z.string()),
});

export const StepRunSchema = z.object({ step: z.string(), which: WhichSchema, verdict: VerdictSchema, note: z.optional(z.string()) });

export const FixSchema = z.object({
  fix: z.string(),
  steps: z.array(StepRunSchema),
  atRiskBefore: z.nullable(z.boolean()),
  atRiskAfter: z.nullable(z.boolean()),
  freeze: z.enum(['completes', 'hangs', 'error', 'no-agent']),
  frozen: z.nullable(z.number()),
  responsive: z.boolean(),
  atRiskAfterRollback: z.nullable(z.boolean()),
  note: z.optional(z.string()),
  measuredAt: z.optional(z.string()),
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
  diagnosis: z.record(z.string(), z.record(z.string(), VerdictSchema)),
  notes: z.array(z.string()),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
export type Configuration = z.infer<typeof ConfigurationSchema>;
export type FixEvidence = z.infer<typeof FixSchema>;
