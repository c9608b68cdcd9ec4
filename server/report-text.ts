// A step's output as the page's report gets it: plain text, redacted on the runner before it is
// sent (the page redacts it again with the values the user marked), then cut to what a `result`
// carries. Redacted first: a cut must never leave half a private key where its rule cannot see it.
import { REPORT_TEXT_MAX } from '../core/protocol.ts';
import { redact } from '../core/redact.ts';

export function reportText(plain: string): string {
  const text = redact(plain).replace(/[\r\n]+$/, '');
  return text.length > REPORT_TEXT_MAX ? `${text.slice(0, REPORT_TEXT_MAX - 1)}…` : text;
}
