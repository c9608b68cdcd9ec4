// The hosts API on a real server: GET /api/hosts (hosts file, ssh config, the lab, real host
// names, a malformed file), POST /api/hosts ("Add a server…"), and hosts given to startServer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../server/index.ts';
import { AddHostResponseSchema, HostsResponseSchema } from '../../core/protocol.ts';
import { raw } from '../helpers/http.ts';
import { startTestRunner, writeHostsFile, type TestRunner } from '../helpers/runner.ts';

let r: TestRunner;
beforeAll(async () => {
  r = await startTestRunner();
});
afterAll(async () => {
  await r?.stop();
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
    expect(res.hosts.map((h) => `${h.id}:${h.source}`)).toEqual([
      'local:builtin',
      'web1:hosts-file',
      'alpha:ssh-config',
      'beta:ssh-config',
      'delta:ssh-config',
    ]);

    const lab = join(r.home, '.local', 'state', 'runguide');
    mkdirSync(lab, { recursive: true });
    writeFileSync(
      join(lab, 'lab.json'),
      JSON.stringify({ host: '127.0.0.1', port: 2222, user: 'root', identityFile: '/x/key', knownHostsFile: '/x/kh' }),
    );
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
    expect(res.hosts.filter((h) => h.source !== 'lab').map((h) => h.id)).toEqual([
      'local',
      'vps-1a2b3c4d.vps.ovh.net',
      'v6',
      'as-deploy',
      'vps-ovh-prod',
      'vps_ovh.staging',
    ]);
    expect(res.hosts.find((h) => h.id === 'vps-1a2b3c4d.vps.ovh.net')!.label).toBe('root@vps-1a2b3c4d.vps.ovh.net');
    expect(res.errors).toHaveLength(2);
    expect(res.errors[0]).toMatch(/entry 2 \(evil;reboot\) is invalid, skipped/);
    expect(res.errors[1]).toMatch(/entry 5 \(two words\) is invalid, skipped/);
  });
});

describe('adding a server (POST /api/hosts)', () => {
  const post = (body: unknown, headers: Record<string, string> = r.auth) =>
    fetch(`${r.origin}/api/hosts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const file = () => join(r.home, '.config', 'runguide', 'hosts.json');

  it('appends it to hosts.json, lists it at once, and refuses duplicates, bad names and strangers', async () => {
    rmSync(file(), { force: true });
    const ok = await post({ host: 'vps-9c8d7e6f.vps.ovh.net', user: 'root', port: 22 });
    expect(ok.status).toBe(201);
    const body = AddHostResponseSchema.parse(await ok.json());
    expect(body.added).toBe('root@vps-9c8d7e6f.vps.ovh.net');
    expect(body.hosts.map((h) => h.id)).toContain('root@vps-9c8d7e6f.vps.ovh.net');
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual([
      { host: 'vps-9c8d7e6f.vps.ovh.net', user: 'root', port: 22, id: 'root@vps-9c8d7e6f.vps.ovh.net' },
    ]);
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
