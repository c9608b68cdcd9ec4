// The names of a step's run, the same on the wire, in the audit log, in a recording's marker, on the
// page and in the lab: which of the step's commands ran, and how it came out.
import { z } from './zod.ts';

/** Which command of a step: its main command, its verify, or its rollback. */
export const WhichSchema = z.enum(['run', 'verify', 'rollback']);
export type Which = z.infer<typeof WhichSchema>;

/** A finished command, judged by its expectation (render.ts `evaluate`). */
export const VerdictSchema = z.enum(['pass', 'fail', 'error']);
export type Verdict = z.infer<typeof VerdictSchema>;

const Id = z.string().check(z.regex(/^[a-z][a-z0-9-]*$/), z.maxLength(64));

/** One command of one step of one runbook: what every message about a run names. */
export const StepRefSchema = z.object({ runbook: Id, step: Id, which: WhichSchema });
export type StepRef = z.infer<typeof StepRefSchema>;
