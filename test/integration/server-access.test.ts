// Who may talk to the runner, on a real server: the token, the Host header (DNS rebinding), the
// WebSocket's Origin, and the loopback-only binding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startServer, BindError } from '../../server/index.ts';
import { RunnerInfoSchema } from '../../core/protocol.ts';
import { raw } from '../helpers/http.ts';
import { startTestRunner, type TestRunner } from '../helpers/runner.ts';

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
    expect(
      await wsStatus(`ws://127.0.0.1:${r.port}/api/term`, {
        origin: `http://evil.example:${r.port}`,
        headers: { ...r.auth, host: `evil.example:${r.port}` },
      }),
    ).toBe(403);
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
