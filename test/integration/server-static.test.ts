// The built site as the runner serves it, on a real server: the language redirect, content types
// and 404 page, redirects that stay on this site, and nothing outside dist/ (symlinks, traversal).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/index.ts';
import { raw } from '../helpers/http.ts';
import { startTestRunner, type TestRunner } from '../helpers/runner.ts';

let r: TestRunner;
beforeAll(async () => {
  r = await startTestRunner();
});
afterAll(async () => {
  await r?.stop();
});

describe('static site', () => {
  it('redirects / to the browser language', async () => {
    const cases: [string, string][] = [
      ['pt-PT,pt;q=0.9', '/pt-pt/'],
      ['pt-BR', '/pt-pt/'],
      ['de-DE,de;q=0.9,en;q=0.8', '/de/'],
      ['pl;q=0.5, fr;q=0.8', '/fr/'],
      ['ja, it;q=0.1', '/it/'],
    ];
    for (const [lang, where] of cases) {
      const res = await raw(r.port, '/', { 'accept-language': lang });
      expect(res.status, lang).toBe(302);
      expect(res.headers.location, lang).toBe(where);
    }
    expect((await raw(r.port, '/?q=freeze', { 'accept-language': 'fr' })).headers.location).toBe('/fr/?q=freeze');
    // No language of the site: dist/index.html if the build has one, else the default locale.
    const hasIndex = existsSync(join(import.meta.dirname, '../../dist/index.html'));
    for (const lang of ['ja', '']) {
      const res = await raw(r.port, '/', lang ? { 'accept-language': lang } : {});
      expect(res.status, lang).toBe(hasIndex ? 200 : 302);
      if (!hasIndex) expect(res.headers.location).toBe('/en/');
    }
  });

  it('serves pages and assets with their content types, and 404.html', async () => {
    const page = await raw(r.port, '/en/cpanel-backup-freeze/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const css = readdirSync(join(import.meta.dirname, '../../dist/_astro')).find((f) => f.endsWith('.css'));
    if (css) expect((await raw(r.port, `/_astro/${css}`)).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw(r.port, '/en/cpanel-backup-freeze')).headers.location).toBe('/en/cpanel-backup-freeze/');
    const missing = await raw(r.port, '/en/no-such-page/');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(missing.body).toMatch(/<html/i);
  });

  it('redirects within this site only: "/.//en" is not "//en/", another host', async () => {
    for (const path of ['/.//en', '//en', '/./en', '/en/../en']) {
      const res = await raw(r.port, path);
      if (res.status !== 301) continue;
      expect(res.headers.location, path).toBe('/en/');
    }
    expect((await raw(r.port, '/.//en')).status).toBe(301);
  });

  it('never follows a symlink out of dist/', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'runguide-dist-'));
    writeFileSync(join(dist, 'index.html'), '<p>ok</p>');
    mkdirSync(join(dist, 'en'));
    writeFileSync(join(dist, 'en', 'index.html'), '<p>en</p>');
    symlinkSync('/etc', join(dist, 'x'));
    symlinkSync('/etc/passwd', join(dist, 'en', 'p.txt'));
    const s = await startServer({ port: 0, dist, log: () => {}, env: { ...process.env, HOME: r.home } });
    try {
      expect((await raw(s.port, '/en/')).status).toBe(200);
      for (const path of ['/x/passwd', '/x/hostname', '/en/p.txt', '/x/']) {
        const res = await raw(s.port, path);
        expect(res.status, path).toBe(404);
        expect(res.body, path).not.toMatch(/root:x:0:0/);
      }
    } finally {
      await s.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('never serves a file outside dist/', async () => {
    for (const path of [
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/en/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/..%5c..%5cetc%5cpasswd',
      '/%00/etc/passwd',
      '/%E0%A4%A',
      '/../package.json',
      '/..%2fpackage.json',
    ]) {
      const res = await raw(r.port, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/root:x:0:0|"name": "runguide"/);
    }
  });
});
