// A session's life on a real server with a real shell: reattaching replays the screen, the grace
// period ends every process, a stalled browser cannot make the server grow, recordings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import xtermHeadless from '@xterm/headless';
import { connect } from '../../server/client.ts';
import { sessionMembers } from '../../server/session-processes.ts';
import { openFds, processesNamed, sleep, startTestRunner, type TestRunner } from '../helpers/runner.ts';

const GRACE_MS = 1500;
let r: TestRunner;
beforeAll(async () => {
  r = await startTestRunner({ graceMs: GRACE_MS, record: true });
});
afterAll(async () => {
  await r?.stop();
});

/** Running, i.e. neither gone nor a zombie waiting for its (new) parent to reap it. */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('reconnect', () => {
  it('reattaches within the grace period and replays the screen', async () => {
    const a = await connect(r.origin, r.token, { cols: 90, rows: 20 });
    a.input('export RG_KEPT=kept-$((2+3)); printf "\\033[1;33mcolour-line\\033[0m\\n"\r');
    await a.waitForText(/^colour-line\n\S+[#$]\s*$/m);
    await a.flush();
    await a.close();
    const b = await connect(r.origin, r.token, { cols: 90, rows: 20, resume: a.session });
    expect(b.ready).toMatchObject({ resumed: true, session: a.session, host: 'local' });
    await b.waitForText(/^colour-line$/m);
    await b.flush();
    expect(b.screenText()).toBe(a.screenText());
    // Same shell: its variables survived.
    b.input('echo "var=$RG_KEPT"\r');
    await b.waitForText(/var=kept-5/);
    await b.close();
    // A tab of another size: the screen is replayed, then the terminal takes the new size.
    const c = await connect(r.origin, r.token, { cols: 70, rows: 15, resume: a.session });
    await c.waitForText(/var=kept-5/);
    c.input('stty size\r');
    await c.waitForText(/^15 70$/m);
    await c.close();
  });

  it('replays the screen after a flood bigger than what the output log keeps', async () => {
    const a = await connect(r.origin, r.token, { cols: 80, rows: 24 });
    const session = r.sessions.get(a.session)!;
    // About 2.6 MB: the log drops most of it and keeps the tail.
    a.input('seq 1 400000; echo "flood-$((6*7))"\r');
    await a.waitForText(/^flood-42\n\S*[#$]\s*$/m, 120_000);
    await a.flush();
    await a.close();
    expect(session.log.dropped).toBeGreaterThan(1_000_000);
    const b = await connect(r.origin, r.token, { cols: 80, rows: 24, resume: a.session });
    await b.waitForText(/^flood-42$/m);
    await b.flush();
    expect(b.screenText()).toBe(a.screenText());
    expect(b.screenText()).toMatch(/^399979\n/);
    // The shell answers as before.
    b.input('echo "still-$((8*8))"\r');
    await b.waitForText(/^still-64$/m);
    await b.close();
  });

  it('ends every process of the session after the grace period, leaving no fd behind', async () => {
    const fdsBefore = openFds();
    const a = await connect(r.origin, r.token);
    const session = r.sessions.get(a.session)!;
    const leader = session.pty.pid;
    // A background job (its own process group under job control) and a foreground one.
    a.input('sleep 3601 & echo "bg=$!"\r');
    await a.waitForText(/bg=\d+/);
    const bg = Number(/bg=(\d+)/.exec(a.allText())![1]);
    a.input('sleep 3602\r');
    await expect.poll(() => sessionMembers(leader).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const members = sessionMembers(leader);
    expect(members).toContain(bg);
    await a.close();
    // Still there during the grace period…
    await sleep(GRACE_MS / 3);
    expect(alive(leader)).toBe(true);
    // …and all gone after it.
    await expect.poll(() => sessionMembers(leader), { timeout: 15_000 }).toEqual([]);
    for (const pid of members) expect(alive(pid), `pid ${pid}`).toBe(false);
    await expect.poll(() => r.sessions.get(a.session), { timeout: 10_000 }).toBeUndefined();
    await expect.poll(() => openFds(), { timeout: 10_000 }).toBeLessThanOrEqual(fdsBefore);
    // Too late to resume.
    await expect(connect(r.origin, r.token, { resume: a.session })).rejects.toThrow(/unknown-session/);
  });
});

describe('step timeout', () => {
  it('interrupts a command that outlives its timeout, and the shell stays usable', async () => {
    const a = await connect(r.origin, r.token);
    const session = r.sessions.get(a.session)!;
    const res = await session.exec('sleep 3604; echo never', { timeoutMs: 1000 });
    expect(res).toMatchObject({ timedOut: true, exitCode: null });
    await expect
      .poll(() => processesNamed('sleep').filter((p) => sessionMembers(session.pty.pid).includes(p)), { timeout: 10_000 })
      .toEqual([]);
    const ok = await session.exec('echo fine; exit 3', { timeoutMs: 30_000 });
    expect(ok).toMatchObject({ timedOut: false, exitCode: 3 });
    expect(ok.output).toMatch(/fine/);
    // Ctrl-C from the user ends the step, not the wrapper: the result comes at once, with 130.
    const running = session.exec('echo started-$((3*3)); sleep 3605', { timeoutMs: 60_000 });
    await a.waitForText(/started-9/);
    a.input('\x03');
    expect(await running).toMatchObject({ timedOut: false, exitCode: 130 });
    // The terminal echoes again (the payload was read with echo off).
    a.input('echo "echo-$((4*4))"\r');
    await a.waitForText(/^echo-16$/m);
    await a.close();
  });
});

describe('flow control', () => {
  it('stays bounded under a flood with a stalled client, and Ctrl-C still stops it', async () => {
    const a = await connect(r.origin, r.token, { ack: false });
    const session = r.sessions.get(a.session)!;
    a.input('exec 2>&1; yes runguide-flood-line\r');
    await a.waitForText(/runguide-flood-line/);
    const rss0 = process.memoryUsage().rss;
    await sleep(3000);
    // The PTY is paused: the client got about the high-water mark, not megabytes.
    expect(session.paused).toBe(true);
    expect(a.received).toBeLessThan(400_000);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(150 << 20);
    const yesPids = () => sessionMembers(session.pty.pid).filter((p) => processesNamed('yes').includes(p));
    expect(yesPids().length).toBe(1);
    a.input('\x03');
    await expect.poll(yesPids, { timeout: 10_000 }).toEqual([]);
    a.resumeAcks();
    a.input('echo after-$((5*5))\r');
    await a.waitForText(/after-25/, 30_000);
    expect(session.paused).toBe(false);
    await a.close();
  });
});

/** Replays an asciicast's output and resize events into a fresh headless terminal. */
function replay(cast: string): Promise<{ header: Record<string, unknown>; events: [number, string, string][]; screen: string }> {
  const [first, ...rest] = cast.trim().split('\n');
  const header = JSON.parse(first!);
  const events = rest.map((l) => JSON.parse(l) as [number, string, string]);
  const term = new xtermHeadless.Terminal({ cols: header.width, rows: header.height, allowProposedApi: true });
  for (const [, code, data] of events) {
    if (code === 'o') term.write(data);
    if (code === 'r') {
      const [cols, rows] = data.split('x').map(Number);
      term.resize(cols!, rows!);
    }
  }
  return new Promise((ok) =>
    term.write('', () => {
      const b = term.buffer.active;
      const lines: string[] = [];
      for (let i = b.viewportY; i < b.viewportY + term.rows; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
      ok({ header, events, screen: lines.join('\n').replace(/\s+$/, '') });
    }),
  );
}

describe('recording', () => {
  it('without --record (the default) keeps no recording and offers none', async () => {
    const plain = await startTestRunner();
    try {
      const a = await connect(plain.origin, plain.token);
      expect(a.ready.recording).toBe(false);
      await a.waitForText(/[#$]\s*$/);
      a.input('echo not-kept\r');
      await a.waitForText(/not-kept\n/);
      const resp = await fetch(`${plain.origin}/api/sessions/${a.session}/recording.cast`, { headers: plain.auth });
      expect(resp.status).toBe(404);
      expect(existsSync(join(plain.home, '.local/state/runguide/recordings'))).toBe(false);
      await a.close();
    } finally {
      await plain.stop();
    }
  });

  it('records asciicast v2 whose replay shows the live screen, with step marks and without no-echo input', async () => {
    const a = await connect(r.origin, r.token, { cols: 80, rows: 24 });
    expect(a.ready.recording).toBe(true);
    await a.waitForText(/[#$]\s*$/);
    a.input('read -r -s -p \'Password: \' pw; echo; echo "len=${#pw}"\r');
    // The prompt itself, alone on its line (not the echo of the command that prints it).
    await a.waitForText(/^Password: ?$/m);
    a.input('hunter2-Sekr1t\r');
    await a.waitForText(/len=14/);
    a.resize(100, 30);
    const res = await a.run('cpanel-backup-freeze', 'panic-on-hang');
    expect(res.verdict).toBe('pass');
    a.input('printf "\\033[32mgreen\\033[0m done-%s\\n" $((7*6))\r');
    await a.waitForText(/green done-42\n\S.*[#$]\s*$/);
    await sleep(300); // let the prompt's last bytes settle
    await a.flush();

    const unauth = await fetch(`${r.origin}/api/sessions/${a.session}/recording.cast`);
    expect(unauth.status).toBe(401);
    const resp = await fetch(`${r.origin}/api/sessions/${a.session}/recording.cast`, { headers: r.auth });
    expect(resp.status).toBe(200);
    expect(resp.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.cast"$/);
    const cast = await resp.text();
    const { header, events, screen } = await replay(cast);
    expect(header).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(typeof header.timestamp).toBe('number');
    for (const [t, code, data] of events) {
      expect(typeof t).toBe('number');
      expect(['o', 'r', 'm']).toContain(code);
      expect(typeof data).toBe('string');
    }
    expect(events.map((e) => e[0])).toEqual([...events.map((e) => e[0])].sort((x, y) => x - y));
    expect(events.some(([, c, d]) => c === 'r' && d === '100x30')).toBe(true);
    const marks = events.filter(([, c]) => c === 'm').map(([, , d]) => JSON.parse(d));
    expect(marks).toEqual([expect.objectContaining({ step: 'panic-on-hang', verdict: 'pass', exitCode: 0 })]);
    expect(screen).toBe(a.screenText());
    expect(cast).toContain('len=14');
    expect(cast).not.toContain('hunter2-Sekr1t');
    await a.close();
  });
});
