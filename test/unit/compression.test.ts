// Which precompressed copy a request gets, by its Accept-Encoding (RFC 9110 §12.5.3).
import { describe, expect, it } from 'vitest';
import { pickEncoding } from '../../server/compression.ts';

const both = () => true;
const pick = (header: string | undefined, exists: (e: { encoding: string }) => boolean = both) =>
  pickEncoding(header, exists)?.encoding ?? null;

describe('pickEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.4, gzip;q=0.8', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['br;q=0', null],
    ['identity', null],
    ['deflate, zstd', null],
    ['', null],
  ])('%j → %s', (header, expected) => {
    expect(pick(header)).toBe(expected);
  });

  it('no header: the file itself; a copy that is missing is never chosen', () => {
    expect(pick(undefined)).toBeNull();
    expect(pick('br, gzip', (e) => e.encoding === 'gzip')).toBe('gzip');
    expect(pick('br', (e) => e.encoding === 'gzip')).toBeNull();
  });
});
