// The audit log: one JSON line per step run, appended and fsync'ed before the page is told the
// result, so a result the user saw is always on disk.
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
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

export async function appendAudit(file: string, entry: AuditEntry): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const fh = await open(file, 'a', 0o600);
  try {
    await fh.write(JSON.stringify(entry) + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
}
