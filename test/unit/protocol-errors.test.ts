// The error codes of the terminal protocol: ErrorCodeSchema (core/protocol.ts), the table of
// server/PROTOCOL.md and the server's source name the same codes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodeSchema } from '../../core/protocol.ts';

const SERVER = join(import.meta.dirname, '..', '..', 'server');
const codes = [...ErrorCodeSchema.options].sort();

/** The codes of the "Error codes" table of PROTOCOL.md. */
function documented(): string[] {
  const doc = readFileSync(join(SERVER, 'PROTOCOL.md'), 'utf8');
  const start = doc.indexOf('#### Error codes');
  expect(start).toBeGreaterThan(0);
  const section = doc.slice(start, doc.indexOf('\n#', start + 1));
  return [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]!).sort();
}

describe('error codes', () => {
  it('PROTOCOL.md documents every code of ErrorCodeSchema, and no other', () => {
    expect(codes.length).toBeGreaterThan(20);
    expect(documented()).toEqual(codes);
  });

  it('the server sends every code of ErrorCodeSchema (none is left over)', () => {
    const source = readdirSync(SERVER)
      .filter((f) => f.endsWith('.ts') && f !== 'client.ts')
      .map((f) => readFileSync(join(SERVER, f), 'utf8'))
      .join('\n');
    const unused = codes.filter((c) => !source.includes(`'${c}'`));
    expect(unused).toEqual([]);
  });
});
