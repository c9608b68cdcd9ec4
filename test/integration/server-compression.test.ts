// The built site, compressed at build time, served by what the browser accepts: brotli, gzip or
// the file itself, always the same bytes once decoded, never encoded twice.
import { request } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRunner, type TestRunner } from '../helpers/runner.ts';

const DIST = join(import.meta.dirname, '../../dist');
let r: TestRunner;
beforeAll(async () => {
  r = await startTestRunner();
});
afterAll(async () => {
  await r?.stop();
});

/** A GET (or HEAD) with exactly these headers, and the body's raw bytes. */
function get(path: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: r.port, path, method, headers: { host: `127.0.0.1:${r.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

const PAGE = '/en/cpanel-backup-freeze/';
const pageFile = join(DIST, 'en/cpanel-backup-freeze/index.html');

describe('compressed site', () => {
  it('the build wrote brotli and gzip copies of every page, script and stylesheet, smaller and decoding to the file', () => {
    const text = [...files(DIST)].filter((f) => ['.html', '.js', '.css'].includes(extname(f)) && statSync(f).size >= 1024);
    expect(text.length).toBeGreaterThan(20);
    for (const f of text) {
      const original = readFileSync(f);
      const br = readFileSync(`${f}.br`);
      const gz = readFileSync(`${f}.gz`);
      expect(br.length, f).toBeLessThan(original.length);
      expect(brotliDecompressSync(br).equals(original), f).toBe(true);
      expect(gunzipSync(gz).equals(original), f).toBe(true);
    }
  });

  it('sends brotli to a browser that takes it, gzip to one that takes only gzip, the file to the others', async () => {
    const original = readFileSync(pageFile);
    const cases: [string | undefined, string | undefined][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['gzip;q=1, br;q=0', 'gzip'],
      ['*;q=0.5', 'br'],
      ['identity', undefined],
      ['br;q=0, gzip;q=0', undefined],
      [undefined, undefined],
    ];
    for (const [accept, encoding] of cases) {
      const res = await get(PAGE, accept === undefined ? {} : { 'accept-encoding': accept });
      expect(res.status, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBe(encoding);
      expect(res.headers.vary, accept).toBe('Accept-Encoding');
      expect(Number(res.headers['content-length']), accept).toBe(res.body.length);
      const decoded = encoding === 'br' ? brotliDecompressSync(res.body) : encoding === 'gzip' ? gunzipSync(res.body) : res.body;
      expect(decoded.equals(original), accept).toBe(true);
      // The page's security headers come with every encoding.
      expect(res.headers['content-security-policy'], accept).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    }
  });

  it('compresses the terminal panel for the browser, keeps hashed assets immutable, HEAD sends no body', async () => {
    const html = readFileSync(pageFile, 'utf8');
    const asset = /\/_astro\/[^"']+\.js/.exec(html)![0];
    const res = await get(asset, { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const head = await get(asset, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-length']).toBe(res.headers['content-length']);
    expect(head.body.length).toBe(0);
  });

  it('the 404 page is compressed too; files the build did not compress go as they are', async () => {
    const missing = await get('/en/no-such-page/', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(missing.body).equals(readFileSync(join(DIST, '404.html')))).toBe(true);
    const icon = await get('/favicon.svg', { 'accept-encoding': 'br' });
    expect(icon.status).toBe(200);
    expect(icon.headers['content-encoding']).toBeUndefined();
    expect(icon.body.equals(readFileSync(join(DIST, 'favicon.svg')))).toBe(true);
  });
});
