// The values the user marked secret in this tab: redacted from the reports the page writes, and
// sent to the runner, which redacts them from recordings and the audit log (core/redact.ts).
// Kept in memory only: a secret is never written to the browser's storage.
import { MIN_SECRET_LENGTH } from '../../core/redact.ts';

const values = new Set<string>();

/** The marked values, longest first. */
export function markedSecrets(): string[] {
  return [...values].sort((a, b) => b.length - a.length);
}

/** Marks a value secret; false (and nothing kept) when it is too short to redact safely. */
export function markSecret(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH) return false;
  values.add(value);
  return true;
}

export function forgetSecrets(): void {
  values.clear();
}
