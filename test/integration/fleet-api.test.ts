// The fleet API's refusals and its clean-up, over real HTTP, with real ansible-playbook, ssh and
// sshd: a host that answers, one whose key is not known (ssh would ask: nobody can answer), and a
// tarpit that takes the TCP connection and never speaks SSH (a run that stays busy until stopped).
import { createServer, type Server, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { alive, hostRows, playbookProcesses, postFleet, readEvents, runProcesses, runSsh, startFleet } from '../helpers/fleet.ts';
import { startTestRunner, tempHome, writeHostsFile, type TestRunner } from '../helpers/runner.ts';
import { startSshd, type Sshd } from '../helpers/sshd.ts';

const runbook = 'cpanel-backup-freeze';
let sshd: Sshd;
let tarpit: Server;
const held = new Set<Socket>();
let r: TestRunner;

beforeAll(async () => {
  sshd = await startSshd();
  tarpit = createServer((s) => {
    held.add(s);
    s.on('close', () => held.delete(s));
  });
  await new Promise<void>((ok) => tarpit.listen(0, '127.0.0.1', ok));
  const home = tempHome();
  const empty = join(home.home, 'empty_known_hosts');
  writeFileSync(empty, '');
  writeHostsFile(home.home, [
    sshd.hostsEntry('box'),
    { ...sshd.hostsEntry('stranger'), knownHostsFile: empty },
    { ...sshd.hostsEntry('slow'), port: (tarpit.address() as { port: number }).port },
  ]);
  r = await startTestRunner({ home });
});
afterAll(async () => {
  await r?.stop();
  for (const s of held) s.destroy();
  tarpit?.close();
  await sshd?.stop();
});

/** The run's ansible-playbook, once it runs, and its folder. */
async function playbookOf(): Promise<{ pid: number; argv: string[]; dir: string }> {
  await expect.poll(() => playbookProcesses().length, { timeout: 60_000 }).toBeGreaterThan(0);
  return playbookProcesses()[0]!;
}

describe('refusals', () => {
  test('no token: 401, for every fleet endpoint', async () => {
    expect((await postFleet(r, { runbook, lang: 'en', hosts: ['box'] }, { authorization: 'Bearer wrong' })).status).toBe(401);
    const events = await fetch(`${r.origin}/api/fleet/00000000-0000-0000-0000-000000000000/events`);
    expect(events.status).toBe(401);
  });

  test('an unknown host id, too many forks, both hosts and an inventory, an unknown runbook: 400 naming it', async () => {
    const unknown = await postFleet(r, { runbook, lang: 'en', hosts: ['box', 'nowhere'] });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toContain('nowhere');
    const forks = await postFleet(r, { runbook, lang: 'en', hosts: ['box'], forks: 51 });
    expect(forks.status).toBe(400);
    expect((await forks.json()).error).toMatch(/forks/);
    expect((await postFleet(r, { runbook, lang: 'en', hosts: ['box'], inventory: 'box\n' })).status).toBe(400);
    const rb = await postFleet(r, { runbook: 'no-such-runbook', lang: 'en', hosts: ['box'] });
    expect(rb.status).toBe(400);
    expect((await rb.json()).error).toContain('no-such-runbook');
    expect((await fetch(`${r.origin}/api/fleet/00000000-0000-0000-0000-000000000000/events`, { headers: r.auth })).status).toBe(404);
    expect(playbookProcesses()).toEqual([]);
  });

  test("a broken inventory: 400 with ansible-inventory's own words", async () => {
    const res = await postFleet(r, { runbook, lang: 'en', inventory: '[web\nbox ansible_host=127.0.0.1\n' });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toContain('ansible-inventory refused the inventory');
    expect(error).toMatch(/Unable to parse|No inventory was parsed/);
    const empty = await postFleet(r, { runbook, lang: 'en', inventory: '[web]\n' });
    expect(empty.status).toBe(400);
  });
});

describe('runs', () => {
  test("a host whose key is unknown ends unreachable with ssh's words (no prompt waits); forks as asked", async () => {
    const run = await startFleet(r, { runbook, lang: 'en', hosts: ['stranger', 'box'], forks: 3 });
    const events = await readEvents(r, run);
    const start = events[0]!;
    expect(start).toMatchObject({ type: 'start', hosts: ['box', 'stranger'], forks: 3 });
    expect(start.type === 'start' && start.command).toMatch(
      /^ansible-playbook -i inventory\.json cpanel-backup-freeze-diagnosis-en\.yml --forks 3$/,
    );
    const rows = Object.fromEntries(hostRows(events).map((h) => [h.host, h]));
    expect(rows.stranger).toMatchObject({ verdict: 'unreachable' });
    expect(rows.stranger!.message).toMatch(/Host key verification failed/);
    // The real sshd on this machine: a verdict of the runbook, its ten checks before it.
    expect(['at-risk', 'at-risk-latent', 'not-at-risk', 'undecided']).toContain(rows.box!.verdict);
    const boxEvents = events.filter((e) => 'host' in e && e.host === 'box');
    expect(boxEvents.map((e) => e.type)).toEqual([...Array(10).fill('check'), 'host']);
    expect(rows.box!.vars).toMatchObject({ ansible_host: '127.0.0.1', ansible_port: String(sshd.port), ansible_user: sshd.user });
    expect(events.at(-1)).toMatchObject({ type: 'done', stopped: false });
  }, 600_000);

  test('the command runs with the forks asked for; stop ends ansible-playbook and its ssh; at most two runs at once', async () => {
    const run = await startFleet(r, { runbook, lang: 'en', hosts: ['slow', 'box'], forks: 4 });
    const { pid, argv, dir } = await playbookOf();
    expect(argv.slice(-2)).toEqual(['--forks', '4']);
    // ssh waits on the tarpit for its banner: the run is busy.
    await expect.poll(() => runSsh(dir).length, { timeout: 60_000 }).toBeGreaterThan(0);
    const second = await startFleet(r, { runbook, lang: 'en', hosts: ['slow'] });
    const third = await postFleet(r, { runbook, lang: 'en', hosts: ['box'] });
    expect(third.status).toBe(429);
    const before = [pid, ...runProcesses(dir)];
    const stopped = await fetch(`${r.origin}/api/fleet/${run}/stop`, { method: 'POST', headers: r.auth });
    expect(stopped.status).toBe(200);
    expect(before.filter(alive)).toEqual([]);
    expect(runProcesses(dir)).toEqual([]);
    const events = await readEvents(r, run);
    expect(events.at(-1)).toMatchObject({ type: 'done', stopped: true });
    await fetch(`${r.origin}/api/fleet/${second}/stop`, { method: 'POST', headers: r.auth });
    expect(playbookProcesses()).toEqual([]);
  }, 300_000);

  test('the server closing stops its fleet runs: their readers get done, nothing is left running', async () => {
    const home = tempHome();
    writeHostsFile(home.home, [{ ...sshd.hostsEntry('slow'), port: (tarpit.address() as { port: number }).port }]);
    const other = await startTestRunner({ home });
    const run = await startFleet(other, { runbook, lang: 'en', hosts: ['slow'] });
    const { pid, dir } = await playbookOf();
    await expect.poll(() => runSsh(dir).length, { timeout: 60_000 }).toBeGreaterThan(0);
    let reading = () => {};
    const started = new Promise<void>((ok) => (reading = ok));
    const events = readEvents(other, run, (e) => {
      if (e.type === 'start') reading();
    });
    await started;
    const before = [pid, ...runProcesses(dir)];
    await other.stop();
    expect((await events).at(-1)).toMatchObject({ type: 'done', stopped: true });
    expect(before.filter(alive)).toEqual([]);
    expect(runProcesses(dir)).toEqual([]);
  }, 300_000);
});
