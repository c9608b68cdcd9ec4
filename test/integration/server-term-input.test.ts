// The terminal WebSocket on a real server with a real shell: bad input never breaks the
// connection, refusals are named, and the limits (frame size, sessions) hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, RunnerError, type RunnerClient } from '../../server/client.ts';
import type { ServerMessage } from '../../core/protocol.ts';
import { startTestRunner, type TestRunner } from '../helpers/runner.ts';
import { stillWorks } from '../helpers/term.ts';

const RB = 'cpanel-backup-freeze';
let r: TestRunner;
let c: RunnerClient;
beforeAll(async () => {
  r = await startTestRunner({ maxSessions: 3, graceMs: 500 });
  c = await connect(r.origin, r.token);
});
afterAll(async () => {
  await c?.close();
  await r?.stop();
});

async function errorFor(client: RunnerClient, frame: string | Buffer): Promise<Extract<ServerMessage, { type: 'error' }>> {
  const since = client.messages.length;
  client.ws.send(frame);
  return (await client.next((m) => m.type === 'error', 10_000, since)) as Extract<ServerMessage, { type: 'error' }>;
}

describe('bad input', () => {
  it('answers each bad frame with an error and keeps the connection usable', async () => {
    const cases: [string | Buffer, string][] = [
      ['{not json', 'bad-json'],
      [JSON.stringify({ type: 'launch-missiles' }), 'bad-message'],
      [JSON.stringify({ type: 'resize', cols: '80', rows: 24 }), 'bad-message'],
      [JSON.stringify({ type: 'input', data: 42 }), 'bad-message'],
      [JSON.stringify({ type: 'input', data: 'x', extra: 1 }), 'bad-message'],
      [JSON.stringify({ type: 'ack', chars: -5 }), 'bad-message'],
      [JSON.stringify([1, 2]), 'bad-message'],
      [Buffer.from([1, 2, 3]), 'bad-message'],
      [JSON.stringify({ type: 'run', runbook: 'no-such-runbook', step: 'x' }), 'unknown-runbook'],
      [JSON.stringify({ type: 'run', runbook: RB, step: 'no-such-step' }), 'unknown-step'],
      [JSON.stringify({ type: 'run', runbook: RB, step: '../../etc' }), 'bad-message'],
      [JSON.stringify({ type: 'run', runbook: RB, step: 'shell-user', params: {} }), 'bad-params'],
      [JSON.stringify({ type: 'run', runbook: RB, step: 'shell-user', params: { user: 'x; rm -rf /' } }), 'bad-params'],
      [JSON.stringify({ type: 'run', runbook: RB, step: 'tmp-loop', params: { user: 'alice' } }), 'bad-params'],
      [JSON.stringify({ type: 'run', runbook: RB, step: 'tmp-loop', which: 'rollback' }), 'no-command'],
      [JSON.stringify({ type: 'confirm', runId: 'nope', accept: true }), 'unknown-run'],
      [JSON.stringify({ type: 'open', host: 'local', cols: 80, rows: 24 }), 'already-open'],
    ];
    for (const [frame, code] of cases) {
      const e = await errorFor(c, frame);
      expect(e.code, String(frame)).toBe(code);
      expect(e.fatal).toBe(false);
      expect(e.message.length).toBeGreaterThan(5);
    }
    expect(c.closed).toBeNull();
    await stillWorks(c);
  });

  it('names the refused run, so the page marks the right step', async () => {
    const e = await errorFor(
      c,
      JSON.stringify({ type: 'run', runbook: RB, step: 'shell-user', which: 'verify', params: { user: 'Bad User' } }),
    );
    expect(e).toMatchObject({ code: 'bad-params', run: { runbook: RB, step: 'shell-user', which: 'verify' } });
  });

  it('refuses an unknown host with a clear message, and accepts a good open afterwards', async () => {
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(`${r.origin.replace('http', 'ws')}/api/term`, { origin: r.origin, headers: r.auth });
    const got: ServerMessage[] = [];
    ws.on('message', (d, bin) => !bin && got.push(JSON.parse(String(d))));
    await new Promise((ok) => ws.once('open', ok));
    ws.send(JSON.stringify({ type: 'input', data: 'ls\r' }));
    ws.send(JSON.stringify({ type: 'open', host: 'nowhere', cols: 80, rows: 24 }));
    ws.send(JSON.stringify({ type: 'open', host: 'local', cols: 80, rows: 24, resume: 'deadbeef' }));
    ws.send(JSON.stringify({ type: 'open', host: 'local', cols: 80, rows: 24 }));
    await expect
      .poll(() => got.map((m) => (m.type === 'error' ? m.code : m.type)), { timeout: 20_000 })
      .toEqual(['not-open', 'unknown-host', 'unknown-session', 'ready']);
    expect((got[1] as { message: string }).message).toMatch(/Unknown host "nowhere"; known hosts: local/);
    ws.close();
  });

  it('closes the socket with 1009 on a frame over 1 MiB', async () => {
    const big = await connect(r.origin, r.token);
    big.ws.send(JSON.stringify({ type: 'input', data: 'x'.repeat((1 << 20) + 10) }));
    await expect.poll(() => big.closed?.code, { timeout: 10_000 }).toBe(1009);
  });

  it('refuses sessions beyond the limit with a clear message', async () => {
    const small = await startTestRunner({ maxSessions: 2 });
    try {
      const open = [await connect(small.origin, small.token), await connect(small.origin, small.token)];
      const err = await connect(small.origin, small.token).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RunnerError);
      expect((err as RunnerError).code).toBe('session-limit');
      expect((err as RunnerError).message).toMatch(/limit is 2/);
      // The sessions already open are unaffected.
      for (const x of open) await stillWorks(x);
    } finally {
      await small.stop();
    }
  });
});
