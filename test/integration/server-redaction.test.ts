// Redaction by value on a real runner with --record, over a real WebSocket, with a real bash:
// planted secrets printed by commands, typed at the prompt key by key, cut between two reads, in
// a private key file, in colour, and values marked secret through the `secret` message (one of
// them a step's parameter) never reach the bytes of the recording or of the audit log, nor the
// server's log lines, while ordinary output does reach the recording.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type RunnerClient } from '../../server/client.ts';
import { MAX_SECRETS } from '../../core/protocol.ts';
import { startTestRunner, type TestRunner } from '../helpers/runner.ts';

const MARKED = 'Zq7-marked-Vx91';
/** Marked too, and given as the `user` parameter of a step (whose pattern wants [a-z][a-z0-9]*). */
const PARAM = 'zqsecretuser7';
const KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAq1fakeKeyBodyLineOneForTheRedactionTestOnlyAAAAAAAAA',
  'Proc-Type: 4,ENCRYPTED',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  '-----END RSA PRIVATE KEY-----',
];
/** Every planted value: none of these bytes may be in a file the runner writes. */
const PLANTED = [
  'hunter2',
  'S3cr3tDb9',
  'BearerTok-4f8a2c',
  MARKED,
  PARAM,
  'MIIEowIBAAKCAQEAq1fakeKeyBody',
  'b3BlbnNzaC1rZXktdjEAAAAABG5v',
  'ENCRYPTED',
  'RSA PRIVATE',
];

let r: TestRunner;
beforeAll(async () => {
  r = await startTestRunner({ record: true });
  writeFileSync(join(r.home, 'key.pem'), `${KEY.join('\n')}\n`);
});
afterAll(async () => {
  await r?.stop();
});

const state = () => join(r.home, '.local/state/runguide');
const recordingOf = (c: RunnerClient) => readFileSync(join(state(), 'recordings', `${c.session}.cast`));
const auditLog = () => readFileSync(join(state(), 'audit.jsonl'));
/** What a recording's output events show, joined: a value cut between two events is whole here. */
const shown = (cast: Buffer) =>
  cast
    .toString()
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((e) => e[1] === 'o')
    .map((e) => e[2])
    .join('');
/** The planted values in a file's bytes (JSON leaves these as they are) or in what its replay shows. */
const found = (bytes: Buffer, replay = '') => PLANTED.filter((v) => bytes.includes(Buffer.from(v)) || replay.includes(v));

/** Types `text` one key at a time, as a person does, each key's echo seen before the next. */
async function typeSlowly(c: RunnerClient, text: string): Promise<void> {
  const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (let i = 1; i <= text.length; i++) {
    c.input(text[i - 1]!);
    await c.waitForText(new RegExp(`[#$] ${literal(text.slice(0, i).trimEnd())}$`, 'm'));
  }
}

describe('planted secrets in a recorded session', () => {
  it('reach neither the recording, nor the audit log, nor the log lines; ordinary output does', async () => {
    const c = await connect(r.origin, r.token, { cols: 100, rows: 30 });
    expect(c.ready.recording).toBe(true);
    await c.waitForText(/\S*[#$]\s*$/m);
    c.send({ type: 'secret', value: MARKED });
    c.send({ type: 'secret', value: PARAM });

    c.input('echo "password=hunter2"; echo "ordinary-$((6*7))"\r');
    await c.waitForText(/^ordinary-42$/m);
    c.input('cat key.pem; echo "Authorization: Bearer BearerTok-4f8a2c"\r');
    await c.waitForText(/^Authorization: Bearer BearerTok-4f8a2c$/m);
    // Typed key by key, each key's echo a read of its own; `:` runs nothing.
    await typeSlowly(c, ': mysql -u root -pS3cr3tDb9');
    c.input('\r');
    await c.waitForText(/-pS3cr3tDb9\n(?:.*\n)*\S*[#$]\s*$/m);
    // The marked value printed in two writes a moment apart (two reads of the terminal), in colour.
    c.input(`printf 'half:${MARKED.slice(0, 6)}'; sleep 0.3; printf '${MARKED.slice(6)}:end\\n'; printf '\\033[31m${MARKED}\\033[0m\\n'\r`);
    await c.waitForText(new RegExp(`^half:${MARKED}:end$`, 'm'));

    // A step whose command contains a marked value: the audit line and its mark have it redacted.
    const res = await c.run('cpanel-backup-freeze', 'shell-release-virtfs', { which: 'verify', params: { user: PARAM } });
    expect(res.verdict).toBe('pass');
    c.input('echo "done-$((7*6))"\r');
    await c.waitForText(/^done-42\n\S*[#$]\s*$/m);

    // Before the shell ends, what is recorded so far has none of them either.
    const live = await fetch(`${r.origin}/api/sessions/${c.session}/recording.cast`, { headers: r.auth });
    const sofar = Buffer.from(await live.arrayBuffer());
    expect(found(sofar, shown(sofar))).toEqual([]);

    c.input('exit\r');
    await c.next((m) => m.type === 'exit');
    const cast = recordingOf(c);
    const audit = auditLog();
    expect(found(cast, shown(cast))).toEqual([]);
    expect(found(audit)).toEqual([]);
    expect(r.logs.filter((l) => PLANTED.some((v) => l.includes(v)))).toEqual([]);

    // What is left is the ordinary output, and where each secret was, [redacted].
    const text = cast.toString();
    expect(text).toContain('ordinary-42');
    expect(text).toContain('done-42');
    expect(text).toContain('password=[redacted]');
    expect(text).toContain('Authorization: [redacted]');
    expect(text).toContain('-p[redacted]');
    expect(text).toContain('half:[redacted]:end');
    expect(text).toContain('\\u001b[31m[redacted]\\u001b[0m');
    const line = JSON.parse(audit.toString().trim().split('\n').at(-1)!);
    expect(line).toMatchObject({ step: 'shell-release-virtfs', which: 'verify', verdict: 'pass' });
    expect(line.command).toContain("' /home/virtfs/[redacted]/'");
    const marks = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((e) => e[1] === 'm');
    expect(marks.map((e) => JSON.parse(e[2]))).toEqual([line]);
  });

  it('keeps the marked values across a reconnect; a value marked later counts from then on', async () => {
    const a = await connect(r.origin, r.token);
    await a.waitForText(/\S*[#$]\s*$/m);
    a.input('echo "early-Wq3-later-marked"\r');
    await a.waitForText(/^early-Wq3-later-marked$/m);
    a.send({ type: 'secret', value: MARKED });
    await a.close();
    const b = await connect(r.origin, r.token, { resume: a.session });
    b.send({ type: 'secret', value: 'Wq3-later-marked' });
    b.input(`echo "again ${MARKED}"; echo "now Wq3-later-marked"\r`);
    await b.waitForText(/^now Wq3-later-marked\n\S*[#$]\s*$/m);
    b.input('exit\r');
    await b.next((m) => m.type === 'exit');
    const text = recordingOf(b).toString();
    expect(text).not.toContain(MARKED);
    expect(text).toContain('again [redacted]');
    expect(text).toContain('now [redacted]');
    // Not retroactive: written before it was marked, it stays (the panel's dialog says so).
    expect(text).toContain('early-Wq3-later-marked');
  });

  it('refuses a value too short, on several lines, or beyond the limit, without repeating it', async () => {
    const c = await connect(r.origin, r.token);
    for (const value of ['abc', 'two\nlines-Qp8']) {
      const since = c.messages.length;
      c.send({ type: 'secret', value });
      const err = await c.next((m) => m.type === 'error', 10_000, since);
      expect(err).toMatchObject({ code: 'bad-message', fatal: false });
      expect(JSON.stringify(err)).not.toContain('lines-Qp8');
    }
    for (let i = 0; i < MAX_SECRETS; i++) c.send({ type: 'secret', value: `value-${i}-Lm5` });
    const since = c.messages.length;
    c.send({ type: 'secret', value: 'one-too-many-Lm5' });
    const err = await c.next((m) => m.type === 'error', 10_000, since);
    expect(err).toMatchObject({ code: 'secret-limit', fatal: false });
    expect(JSON.stringify(err)).not.toContain('one-too-many');
    // The connection stays usable, and what was kept is redacted.
    c.input('echo "value-63-Lm5 one-too-many-Lm5"\r');
    await c.waitForText(/^value-63-Lm5 one-too-many-Lm5$/m);
    c.input('exit\r');
    await c.next((m) => m.type === 'exit');
    const text = recordingOf(c).toString();
    expect(text).toContain('[redacted] one-too-many-Lm5');
    expect(text).not.toContain('value-63-Lm5');
  });
});
