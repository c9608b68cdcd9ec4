// Content negotiation for the site's files: the build wrote brotli and gzip copies beside them
// (src/build/compress.ts); a request gets the best one its Accept-Encoding takes (RFC 9110 §12.5.3).
import { PRECOMPRESSED } from '../core/wire.ts';

export type Encoding = (typeof PRECOMPRESSED)[number];

/** The q-value of each coding an Accept-Encoding header names (`*` included). */
function qualities(header: string): Map<string, number> {
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const value = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name, value === undefined ? 1 : Number(value));
  }
  return q;
}

/**
 * The precompressed copy to send, among those that exist, or null for the file itself. The highest
 * q-value wins; on a tie, brotli (the smaller) before gzip. `q=0` refuses a coding.
 */
export function pickEncoding(header: string | undefined, exists: (e: Encoding) => boolean): Encoding | null {
  if (!header) return null;
  const q = qualities(header);
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const e of PRECOMPRESSED) {
    const value = q.get(e.encoding) ?? q.get('*') ?? 0;
    if (value > bestQ && exists(e)) {
      best = e;
      bestQ = value;
    }
  }
  return best;
}
