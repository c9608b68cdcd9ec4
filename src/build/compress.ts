// After the build (and after Starlight's search index), writes a brotli and a gzip copy beside each
// text file of dist/ (`x.js.br`, `x.js.gz`), which the runner serves by Accept-Encoding. Computed
// once at build time at the highest levels, not per request. Files already compressed (images,
// fonts, Pagefind's index) and copies that would not be smaller are left out.
import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { PRECOMPRESSED } from '../../core/wire.ts';

const TEXT = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt', '.md', '.webmanifest', '.wasm']);
/** Below this, the headers outweigh what compression saves. */
const MIN_BYTES = 1024;

const ENCODERS: Record<(typeof PRECOMPRESSED)[number]['encoding'], (data: Buffer) => Buffer> = {
  br: (data) =>
    brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }),
  gzip: (data) => gzipSync(data, { level: constants.Z_BEST_COMPRESSION }),
};

function* textFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(path);
    else if (TEXT.has(extname(entry.name).toLowerCase()) && statSync(path).size >= MIN_BYTES) yield path;
  }
}

/** Writes the compressed copies of dist/'s text files; returns how many files got them. */
export function precompress(dist: string): number {
  let count = 0;
  for (const file of textFiles(dist)) {
    const data = readFileSync(file);
    let wrote = false;
    for (const { encoding, suffix } of PRECOMPRESSED) {
      const packed = ENCODERS[encoding](data);
      if (packed.length < data.length) {
        writeFileSync(file + suffix, packed);
        wrote = true;
      }
    }
    if (wrote) count++;
  }
  return count;
}

export function precompressSite(): AstroIntegration {
  return {
    name: 'runguide:precompress',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const n = precompress(fileURLToPath(dir));
        logger.info(`${n} files precompressed (brotli, gzip)`);
      },
    },
  };
}
