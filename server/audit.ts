// The audit log: one JSON line per step run, appended and fsync'ed before the page is told the
// result, so a result the user saw is always on disk. Its text is redacted first (core/redact.ts):
// a step's parameter may be a value the user marked secret, a command may carry a password.
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redact } from '../core/redact.ts';
import type { StepRef, Verdict } from '../core/step-ref.ts';

/** One run, as the log keeps it and as a recording's marker repeats it: the step, then what came of it. */
export interface AuditEntry extends StepRef {
  time: string;
  session: string;
  host: string;
  command: string;
  exitCode: number | null;
  verdict: Verdict;
  durationMs: number;
  /** Only for a root step in a non-root session: whether sudo ran it. */
  sudo?: 'ran' | 'refused';
}

/**
 * Every text field of `entry` redacted, field by field: redacting the JSON line instead could let
 * a rule that takes the rest of a line (`Authorization: …`) eat the fields after it.
 */
export function redactEntry(entry: AuditEntry, secrets: readonly string[]): AuditEntry {
  const fields = Object.entries(entry).map(([k, v]) => [k, typeof v === 'string' ? redact(v, secrets) : v]);
  return Object.fromEntries(fields) as AuditEntry;
}

/** Appends `entry`, redacted; returns what was written, for the recording's mark to repeat. */
export async function appendAudit(file: string, entry: AuditEntry, secrets: readonly string[]): Promise<AuditEntry> {
  const written = redactEntry(entry, secrets);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const fh = await open(file, 'a', 0o600);
  try {
    await fh.write(JSON.stringify(written) + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
  return written;
}
