// The runner's HTTP side on a real server: token, Host and Origin checks, static files, language
// redirect, path traversal, the hosts API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startServer, BindError } from '../server/index.ts';
import { AddHostResponseSchema, HostsResponseSchema, RunnerInfoSchema } from '../core/protocol.ts';
import { startTestRunner, writeHostsFile, type TestRunner } from './helpers/runner.ts';

/** A raw request: fetch() would normalise the path and refuse to set Host. */
function raw(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

function wsStatus(url: string, opts: WebSocket.ClientOptions): Promise<number> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, opts);
    ws.on('open', () => {
      ws.close();
      ok(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      ok(res.statusCode!);
      res.resume();
    });
    ws.on('error', (e) => (/Unexpected server response/.test(e.message) ? undefined : fail(e)));
  });
}

let r: TestRunner;
beforeAll(async () => {
  r = await startTestRunner();
});
afterAll(async () => {
  await r?.stop();
});

describe('token', () => {
  it('refuses the API without the token in an Authorization header (401), and accepts it there only', async () => {
    expect((await raw(r.port, '/api/runner')).status).toBe(401);
    expect((await raw(r.port, '/api/hosts', { authorization: 'Bearer wrong' })).status).toBe(401);
    // Not in a cookie, not in the query: those would leak (every port of 127.0.0.1, logs, history).
    expect((await raw(r.port, '/api/hosts', { cookie: `runguide_token_${r.port}=${r.token}` })).status).toBe(401);
    expect((await raw(r.port, `/api/hosts?token=${r.token}`)).status).toBe(401);
    const ok = await raw(r.port, '/api/runner', r.auth);
    expect(ok.status).toBe(200);
    expect(RunnerInfoSchema.parse(JSON.parse(ok.body)).hosts.map((h) => h.id)).toContain('local');
  });

  it('sets no cookie, whatever the URL carries', async () => {
    for (const path of [`/en/?token=${r.token}`, '/', '/en/', '/api/runner']) {
      const res = await raw(r.port, path, { ...r.auth, 'accept-language': 'en' });
      expect(res.headers['set-cookie'], path).toBeUndefined();
    }
  });

  it('serves the docs without a token but never /api', async () => {
    expect((await raw(r.port, '/en/')).status).toBe(200);
    expect((await raw(r.port, '/api/sessions')).status).toBe(401);
  });

  it('refuses the WebSocket without the token (401) or from another origin (403)', async () => {
    const url = `ws://127.0.0.1:${r.port}/api/term`;
    const origin = r.origin;
    expect(await wsStatus(url, { origin })).toBe(401);
    expect(await wsStatus(url, { origin, headers: { cookie: `runguide_token_${r.port}=${r.token}` } })).toBe(401);
    expect(await wsStatus(`${url}?token=${r.token}`, { origin })).toBe(401);
    expect(await wsStatus(url, { origin: 'http://evil.example', headers: r.auth })).toBe(403);
    expect(await wsStatus(url, { headers: r.auth })).toBe(403); // no Origin at all
    expect(await wsStatus(url, { origin, headers: r.auth })).toBe(101);
  });
});

describe('Host header (DNS rebinding)', () => {
  it('accepts loopback names with the right port only', async () => {
    for (const host of [`127.0.0.1:${r.port}`, `localhost:${r.port}`, `[::1]:${r.port}`])
      expect((await raw(r.port, '/api/runner', { ...r.auth, host })).status, host).toBe(200);
    for (const host of [`evil.example:${r.port}`, `127.0.0.1:1`, 'localhost', `127.0.0.1.evil.example:${r.port}`])
      expect((await raw(r.port, '/api/runner', { ...r.auth, host })).status, host).toBe(403);
    expect((await raw(r.port, '/en/', { host: `rebind.example:${r.port}` })).status).toBe(403);
    expect(await wsStatus(`ws://127.0.0.1:${r.port}/api/term`, { origin: `http://evil.example:${r.port}`, headers: { ...r.auth, host: `evil.example:${r.port}` } })).toBe(403);
  });
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
    const hasIndex = existsSync(join(import.meta.dirname, '../dist/index.html'));
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
    const css = readdirSync(join(import.meta.dirname, '../dist/_astro')).find((f) => f.endsWith('.css'));
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

describe('hosts', () => {
  it('lists hosts-file entries, ssh config aliases and the lab, and reports a malformed file', async () => {
    const get = async () => HostsResponseSchema.parse(JSON.parse((await raw(r.port, '/api/hosts', r.auth)).body));
    writeHostsFile(r.home, [{ id: 'web1', host: '203.0.113.5', user: 'root', port: 2200 }]);
    mkdirSync(join(r.home, '.ssh'), { recursive: true });
    writeFileSync(join(r.home, '.ssh', 'config'), 'Host alpha beta *.wild\n  User x\nInclude more.conf\nHost !neg gamma?\n');
    writeFileSync(join(r.home, '.ssh', 'more.conf'), 'Host delta\n');
    let res = await get();
    expect(res.errors).toEqual([]);
    expect(res.hosts.map((h) => `${h.id}:${h.source}`)).toEqual(['local:builtin', 'web1:hosts-file', 'alpha:ssh-config', 'beta:ssh-config', 'delta:ssh-config']);

    const lab = join(r.home, '.local', 'state', 'runguide');
    mkdirSync(lab, { recursive: true });
    writeFileSync(join(lab, 'lab.json'), JSON.stringify({ host: '127.0.0.1', port: 2222, user: 'root', identityFile: '/x/key', knownHostsFile: '/x/kh' }));
    res = await get();
    expect(res.hosts.find((h) => h.id === 'lab')).toMatchObject({ kind: 'ssh', source: 'lab' });

    writeHostsFile(r.home, [{ id: 'web1', host: '-oProxyCommand=evil' }]);
    res = await get();
    expect(res.errors.join('\n')).toMatch(/hosts file .*hosts\.json: entry 1 \(-oProxyCommand=evil\) is invalid/);
    expect(res.hosts.map((h) => h.id)).toContain('local');
    expect(res.hosts.map((h) => h.id)).not.toContain('web1');
    writeHostsFile(r.home, '[{"id": "web1",');
    res = await get();
    expect(res.errors.join('\n')).toMatch(/not valid JSON/);
    expect(r.logs.join('\n')).toMatch(/not valid JSON/);
    // The server keeps serving.
    expect((await raw(r.port, '/api/runner', r.auth)).status).toBe(200);
  });
});

describe('real host names', () => {
  it("takes every name OpenSSH takes (OVHcloud's, IPv6, user@host, aliases with hyphens), and keeps the good entries beside a bad one", async () => {
    const get = async () => HostsResponseSchema.parse(JSON.parse((await raw(r.port, '/api/hosts', r.auth)).body));
    writeHostsFile(r.home, [
      { host: 'vps-1a2b3c4d.vps.ovh.net', user: 'root' },
      { id: 'bad', host: 'evil;reboot' },
      { id: 'v6', host: '2001:db8::10', port: 2222 },
      { id: 'as-deploy', host: 'deploy@vps-5e6f7a8b.vps.ovh.net' },
      { id: 'spaced', host: 'two words' },
    ]);
    mkdirSync(join(r.home, '.ssh'), { recursive: true });
    writeFileSync(join(r.home, '.ssh', 'config'), 'Host vps-ovh-prod vps_ovh.staging\n  HostName vps-1a2b3c4d.vps.ovh.net\n');
    const res = await get();
    expect(res.hosts.filter((h) => h.source !== 'lab').map((h) => h.id)).toEqual(['local', 'vps-1a2b3c4d.vps.ovh.net', 'v6', 'as-deploy', 'vps-ovh-prod', 'vps_ovh.staging']);
    expect(res.hosts.find((h) => h.id === 'vps-1a2b3c4d.vps.ovh.net')!.label).toBe('root@vps-1a2b3c4d.vps.ovh.net');
    expect(res.errors).toHaveLength(2);
    expect(res.errors[0]).toMatch(/entry 2 \(evil;reboot\) is invalid, skipped/);
    expect(res.errors[1]).toMatch(/entry 5 \(two words\) is invalid, skipped/);
  });
});

describe('adding a server (POST /api/hosts)', () => {
  const post = (body: unknown, headers: Record<string, string> = r.auth) =>
    fetch(`${r.origin}/api/hosts`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const file = () => join(r.home, '.config', 'runguide', 'hosts.json');

  it('appends it to hosts.json, lists it at once, and refuses duplicates, bad names and strangers', async () => {
    rmSync(file(), { force: true });
    const ok = await post({ host: 'vps-9c8d7e6f.vps.ovh.net', user: 'root', port: 22 });
    expect(ok.status).toBe(201);
    const body = AddHostResponseSchema.parse(await ok.json());
    expect(body.added).toBe('root@vps-9c8d7e6f.vps.ovh.net');
    expect(body.hosts.map((h) => h.id)).toContain('root@vps-9c8d7e6f.vps.ovh.net');
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual([{ host: 'vps-9c8d7e6f.vps.ovh.net', user: 'root', port: 22, id: 'root@vps-9c8d7e6f.vps.ovh.net' }]);
    expect((await post({ host: 'vps-9c8d7e6f.vps.ovh.net', user: 'root' })).status).toBe(409);
    expect((await post({ host: '-oProxyCommand=x' })).status).toBe(400);
    expect((await post({ host: 'a', extra: 1 })).status).toBe(400);
    expect((await post({ host: 'vps-1.example' }, {})).status).toBe(401);
    expect((await post({ host: 'vps-1.example' }, { ...r.auth, origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toHaveLength(1);
  });

  it('never overwrites a hosts file it cannot read', async () => {
    writeHostsFile(r.home, '[{"host": "kept",');
    const res = await post({ host: 'vps-2.example' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/correct it by hand first/);
    expect(readFileSync(file(), 'utf8')).toBe('[{"host": "kept",');
    rmSync(file(), { force: true });
  });
});

describe('programmatic hosts', () => {
  it('lists hosts given to startServer, and refuses a malformed one', async () => {
    const s = await startTestRunner({ hosts: [{ id: 'vm', host: '127.0.0.1', port: 2222, user: 'root' }] });
    try {
      const res = HostsResponseSchema.parse(await (await fetch(`${s.origin}/api/hosts`, { headers: s.auth })).json());
      expect(res.hosts).toContainEqual({ id: 'vm', label: 'root@127.0.0.1:2222', kind: 'ssh', source: 'hosts-file' });
    } finally {
      await s.stop();
    }
    await expect(startServer({ port: 0, hosts: [{ id: 'vm', host: '-oProxyCommand=x' }], log: () => {} })).rejects.toThrow(/host/);
  });
});

describe('binding', () => {
  it('refuses any non-loopback address, and says to forward a port over SSH instead', async () => {
    await expect(startServer({ port: 0, host: '0.0.0.0', log: () => {} })).rejects.toBeInstanceOf(BindError);
    await expect(startServer({ port: 0, host: '192.0.2.1', log: () => {} })).rejects.toThrow(/ssh -L 4321:127\.0\.0\.1:4321/);
    await expect(startServer({ port: 0, host: '192.0.2.1', allowRemote: true, log: () => {} } as never)).rejects.toBeInstanceOf(BindError);
  });

  it('answers on the other loopback address it was bound to, at the URL it prints', async () => {
    const s = await startServer({ port: 0, host: '127.0.0.2', log: () => {}, env: { ...process.env, HOME: r.home } });
    try {
      const url = new URL(s.url);
      expect(url.host).toBe(`127.0.0.2:${s.port}`);
      const page = await new Promise<number>((ok, fail) =>
        request({ host: '127.0.0.2', port: s.port, path: '/en/', headers: { host: url.host } }, (res) => {
          res.resume();
          ok(res.statusCode!);
        })
          .on('error', fail)
          .end(),
      );
      expect(page).toBe(200);
      const api = await fetch(`${url.origin}/api/runner`, { headers: { authorization: `Bearer ${s.token}` } });
      expect(api.status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
