// The runner attacked over real sockets, as reviewers of local web terminals (Jupyter Server,
// VS Code Server, ttyd, wetty) attack them: a pipelined run, half-open and idle connections,
// unbounded input, prototype names. Each case failed on the runner before its fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect as tcpConnect, type Socket } from 'node:net';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pty from 'node-pty';
import { connect } from '../../server/client.ts';
import { MarkWatcher, markedCommand, newNonce, NO_PAYLOAD_EXIT } from '../../server/shell-marks.ts';
import type { ServerMessage } from '../../core/protocol.ts';
import { evaluate, findStep, renderCommand } from '../../core/render.ts';
import { runbooks } from '../../runbooks/index.ts';
import { startTestRunner, type TestRunner } from '../helpers/runner.ts';
import { sessionMembers } from '../../server/session-processes.ts';

const comm = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};

const RB = 'cpanel-backup-freeze';
type ErrorMessage = Extract<ServerMessage, { type: 'error' }>;
let r: TestRunner;
beforeAll(async () => {
  r = await startTestRunner({ maxSessions: 4, graceMs: 500 });
});
afterAll(async () => {
  await r?.stop();
});

const auditLines = (): { step: string; verdict: string; exitCode: number | null }[] => {
  try {
    return readFileSync(join(r.home, '.local/state/runguide/audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } catch {
    return [];
  }
};

describe('a pipelined run', () => {
  it('two runs in one TCP write: the second is refused as busy; the verdict and the audit line are the first step’s own', async () => {
    const c = await connect(r.origin, r.token);
    try {
      // Once the distribution is known, a run's first await comes right after its busy check.
      await c.run(RB, 'virtfs-mounts');
      const audited = auditLines().length;
      const since = c.messages.length;
      const run = (step: string) => JSON.stringify({ type: 'run', runbook: RB, step, which: 'run', params: {} });
      // Both frames leave in one write, so the runner reads them in one go.
      const socket = (c.ws as unknown as { _socket: Socket })._socket;
      socket.cork();
      c.ws.send(run('agent-channel'));
      c.ws.send(run('virtfs-mounts'));
      socket.uncork();
      const refused = (await c.next((m) => m.type === 'error', 60_000, since)) as ErrorMessage;
      expect(refused).toMatchObject({ code: 'busy', run: { step: 'virtfs-mounts' } });
      const result = await c.next((m) => m.type === 'result', 60_000, since);
      expect(
        c.messages
          .slice(since)
          .filter((m) => m.type === 'started')
          .map((m) => (m as { step: string }).step),
      ).toEqual(['agent-channel']);
      // The verdict is what the step's own command gives here.
      const step = findStep(runbooks[RB]!, 'agent-channel')!;
      const direct = spawnSync('bash', ['-c', renderCommand(step, 'run', 'ubuntu')], { encoding: 'utf8' });
      expect(result).toMatchObject({
        step: 'agent-channel',
        verdict: evaluate(step.expect, direct.status!, direct.stdout),
        exitCode: direct.status,
      });
      const lines = auditLines().slice(audited);
      expect(lines.map((l) => [l.step, l.exitCode])).toEqual([['agent-channel', direct.status]]);
      // The terminal is not left waiting for a payload: the next step runs at once.
      expect(await c.run(RB, 'virtfs-mounts')).toMatchObject({ verdict: 'pass', exitCode: 0 });
    } finally {
      await c.close();
    }
  });
});

/**
 * The runner's own connected sockets on its port: /proc/net/tcp lines whose local port is the
 * runner's, not listening, with an inode (a socket some process still holds; one the runner closed
 * lingers in FIN-WAIT-2 with inode 0).
 */
function runnerSockets(port: number): number {
  let n = 0;
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(f, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const local = parseInt(cols[1]!.split(':')[1]!, 16);
      if (local === port && cols[3] !== '0A' && cols[9] !== '0') n++;
    }
  }
  return n;
}

describe('connections that never finish', () => {
  const upgrade = (port: number, extra = '') =>
    `GET /api/term HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
    `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

  it('300 refused upgrades whose clients keep their half open: the runner lets go of every socket', async () => {
    const sockets: Socket[] = [];
    const answered: Promise<string>[] = [];
    for (let i = 0; i < 300; i++) {
      const s = tcpConnect({ host: '127.0.0.1', port: r.port, allowHalfOpen: true });
      let answer = '';
      s.on('data', (d) => (answer += d));
      s.on('error', () => {});
      answered.push(new Promise((ok) => s.on('end', () => ok(answer))));
      s.write(upgrade(r.port));
      sockets.push(s);
    }
    try {
      for (const a of await Promise.all(answered)) expect(a).toMatch(/^HTTP\/1\.1 401 Unauthorized/);
      // The clients still hold their sockets open; the runner must hold none of its own.
      await expect.poll(() => runnerSockets(r.port), { timeout: 10_000 }).toBe(0);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });

  it('an upgrade whose headers never end is cut off (408), and its socket let go', async () => {
    const s = tcpConnect({ host: '127.0.0.1', port: r.port, allowHalfOpen: true });
    s.on('error', () => {});
    let answer = '';
    s.on('data', (d) => (answer += d));
    const ended = new Promise<void>((ok) => s.on('end', () => ok()));
    s.write(`GET /api/term HTTP/1.1\r\nHost: 127.0.0.1:${r.port}\r\n`);
    try {
      await ended; // the runner's header timeout; the test's own timeout says if it never comes
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      await expect.poll(() => runnerSockets(r.port), { timeout: 10_000 }).toBe(0);
    } finally {
      s.destroy();
    }
  }, 40_000);
});

describe('input to a terminal that reads nothing', () => {
  it('is bounded (the rest is refused with input-full), and Ctrl-C still interrupts at once', async () => {
    const c = await connect(r.origin, r.token);
    try {
      // The sleeps of this session only: other tests run their own.
      const shell = r.sessions.get(c.session)!.pty.pid;
      const sleeps = () => sessionMembers(shell).filter((pid) => comm(pid) === 'sleep').length;
      c.input('sleep 120\r');
      await expect.poll(sleeps, { timeout: 20_000 }).toBe(1);
      const since = c.messages.length;
      const chunk = 'x'.repeat(65_536);
      for (let i = 0; i < 1024; i++) c.input(chunk); // 64 MiB typed at a program that reads nothing
      const full = (await c.next((m) => m.type === 'error', 60_000, since)) as ErrorMessage;
      expect(full.code).toBe('input-full');
      expect(full.fatal).toBe(false);
      c.input('\x03');
      // The shell is back: a command typed now runs, and the sleep is gone.
      c.input('echo interrupted-$((6*7))\r');
      await c.waitForText(/interrupted-42/, 20_000);
      expect(sleeps()).toBe(0);
    } finally {
      await c.close();
    }
  }, 120_000);
});

describe('names that are also Object.prototype’s', () => {
  it('are unknown runbooks and unknown parameters, never internal errors', async () => {
    const c = await connect(r.origin, r.token);
    try {
      const errorFor = async (frame: string) => {
        const since = c.messages.length;
        c.ws.send(frame);
        return ((await c.next((m) => m.type === 'error', 10_000, since)) as ErrorMessage).code;
      };
      for (const name of ['constructor', 'hasownproperty', 'tostring'])
        expect(await errorFor(JSON.stringify({ type: 'run', runbook: name, step: 'tmp-loop' })), name).toBe('unknown-runbook');
      for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty'])
        expect(await errorFor(`{"type":"run","runbook":"${RB}","step":"tmp-loop","params":{"${name}":"x"}}`), name).toBe('bad-params');
      // Not a parameter name at all (they start with a letter): refused before any lookup.
      expect(await errorFor(`{"type":"run","runbook":"${RB}","step":"tmp-loop","params":{"__proto__":"x"}}`)).toBe('bad-message');
    } finally {
      await c.close();
    }
  });
});

describe('the payload exchange', () => {
  // The typed wrapper line of shell-marks.ts, in a real bash on a real PTY: it runs only a payload
  // that carries its own run's nonce.
  async function typeAndAnswer(answer: (payload: string, nonce: string) => string): Promise<number> {
    const nonce = newNonce();
    const { line, payload } = markedCommand('echo ran-$((40+2)); exit 7', nonce);
    const p = pty.spawn('bash', ['--norc', '--noprofile'], {
      cols: 200,
      rows: 24,
      env: { PATH: process.env.PATH!, TERM: 'xterm-256color', PS1: '$ ' },
    });
    try {
      const w = new MarkWatcher(nonce, () => p.write(answer(payload!, nonce)));
      p.onData((d) => w.feed(d));
      p.write(line);
      await expect.poll(() => w.done, { timeout: 20_000 }).toBe(true);
      return w.exitCode!;
    } finally {
      p.kill();
    }
  }

  it('runs its own payload', async () => {
    expect(await typeAndAnswer((payload) => payload)).toBe(7);
  });

  it('runs nothing when the line it reads is another run’s payload', async () => {
    const other = newNonce();
    expect(await typeAndAnswer((payload, nonce) => payload.replace(nonce, other))).toBe(NO_PAYLOAD_EXIT);
    expect(await typeAndAnswer((payload, nonce) => payload.slice(nonce.length + 1))).toBe(NO_PAYLOAD_EXIT);
  });
});
