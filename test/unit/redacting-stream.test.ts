// The recording's streaming redaction (server/redacting-stream.ts): planted secrets cut at every
// possible read boundary, typed one character at a time, inside colour codes, in a private key
// that arrives in pieces, and in a line longer than what is held, never come out of it.
import { describe, expect, test } from 'vitest';
import { REDACTED, redact } from '../../core/redact.ts';
import { HOLD_LIMIT, KEY_LIMIT, RedactingStream } from '../../server/redacting-stream.ts';

const MARKED = ['Tr0ub4dor&3x', 'pa$ word9'];
const marked = () => MARKED;

/** What the stream writes for `chunks`, end of output included. */
function through(chunks: string[], secrets: () => readonly string[] = marked): string {
  const s = new RedactingStream(secrets);
  return chunks.map((c) => s.push(c)).join('') + s.end();
}

const TEXT = [
  'rg$ echo "password=hunter2-zz"',
  'password=hunter2-zz',
  'rg$ curl -H "Authorization: Bearer abc.DEF-123_tok" https://127.0.0.1:2083/',
  '\x1b[1;31mapi_key=\x1b[0mK3y-val-77\x1b[0m and \x1b[32mTr0ub4dor&3x\x1b[0m done',
  'rg$ mysql -u root -pS3cr3tDB -e "show databases"',
  'echo pa$ word9 here',
  'ordinary line: qemu-ga running as root, pid(s): 1234',
  'rg$ ',
].join('\r\n');
const PLANTED = ['hunter2-zz', 'abc.DEF-123_tok', 'K3y-val-77', 'Tr0ub4dor&3x', 'S3cr3tDB', 'pa$ word9'];

const KEY_LINES = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBmYWtla2V5ZmFrZWtleWZha2VrZXlmYWtla2V5ZmFrZQAAAJg=',
  '-----END OPENSSH PRIVATE KEY-----',
];
const KEY_BODY = ['b3BlbnNzaC1rZXktdjEAAAAA', 'QyNTUxOQAAACBmYWtla2V5', 'OPENSSH PRIVATE'];

const leaks = (out: string, values: string[]) => values.filter((v) => out.includes(v));

describe('a secret cut between two reads', () => {
  test('at every split point, the output is what redact() makes of the whole text', () => {
    const whole = redact(TEXT, MARKED);
    expect(leaks(whole, PLANTED)).toEqual([]);
    expect(whole).toContain('ordinary line: qemu-ga running as root, pid(s): 1234');
    for (let i = 0; i <= TEXT.length; i++) {
      const out = through([TEXT.slice(0, i), TEXT.slice(i)]);
      expect(out, `split at ${i}`).toBe(whole);
    }
  });

  test('at every pair of split points around each planted value, nothing of it comes out', () => {
    for (const v of PLANTED) {
      const at = TEXT.indexOf(v);
      for (let i = at - 12; i <= at + v.length; i++)
        for (let j = i + 1; j <= at + v.length + 2; j++) {
          const out = through([TEXT.slice(0, i), TEXT.slice(i, j), TEXT.slice(j)]);
          expect(leaks(out, PLANTED), `${v} split at ${i}, ${j}`).toEqual([]);
        }
    }
  });

  test('typed one character at a time (the echo of a terminal), then Enter', () => {
    const typed = 'mysql -u root -pS3cr3tDB\r\nsshpass -p Tr0ub4dor&3x ssh root@vps\r\n';
    const out = through(['rg$ ', ...typed]);
    expect(leaks(out, PLANTED)).toEqual([]);
    expect(out).toBe(`rg$ mysql -u root -p${REDACTED}\r\nsshpass -p ${REDACTED} ssh root@vps\r\n`);
  });

  test('a value marked while its line is held is redacted from that line on', () => {
    const secrets: string[] = [];
    const s = new RedactingStream(() => secrets);
    let out = s.push('rg$ echo Kept-Out-99');
    secrets.push('Kept-Out-99');
    out += s.push('\r\nKept-Out-99\r\n') + s.end();
    expect(out).not.toContain('Kept-Out-99');
    expect(out).toBe(`rg$ echo ${REDACTED}\r\n${REDACTED}\r\n`);
  });
});

describe('a shell prompt', () => {
  test('is written as soon as it is printed, colour codes and bracketed paste included', () => {
    for (const prompt of [
      'rg$ ',
      '[root@vps ~]# ',
      '\x1b[?2004h\x1b[01;32mroot@vps\x1b[00m:\x1b[01;34m~\x1b[00m# ',
      'bash-5.2% ',
      '❯ \x1b[0m',
    ]) {
      const s = new RedactingStream(marked);
      expect(s.push(`done\r\n${prompt}`)).toBe(`done\r\n${prompt}`);
      expect(s.push('l')).toBe('');
      expect(s.push('s\r\n')).toBe('ls\r\n');
    }
  });

  test('is held when what can follow would redact it differently', () => {
    // `mysql … -p`, a header's rest of line, a marked value begun before the `$ `, mysql's own prompt.
    const cases = [
      ['mysql -u root $ ', '-pS3cr3tDB\r\n', 'S3cr3tDB'],
      ['Authorization: x $ ', 'more S3cr3tDB\r\n', 'S3cr3tDB'],
      ['echo pa$ ', 'word9\r\n', 'pa$ word9'],
      ['mysql> ', ' -pS3cr3tDB\r\n', 'S3cr3tDB'],
    ];
    for (const [held, next, value] of cases) {
      const s = new RedactingStream(marked);
      expect(s.push(held), held).toBe('');
      const out = s.push(next) + s.end();
      expect(out).toBe(redact(held + next, MARKED));
      expect(out, held).not.toContain(value);
    }
  });
});

describe('a private key block', () => {
  const text = ['before the key', ...KEY_LINES, 'after the key', ''].join('\n');

  test('arriving in pieces of every size gives one redacted line, and the lines around it', () => {
    for (const size of [1, 2, 3, 7, 16, 33, 64, 65, 200]) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      const out = through(chunks);
      expect(out, `pieces of ${size}`).toBe(`before the key\n${REDACTED}\nafter the key\n`);
    }
  });

  test('printed after a prompt, in CRLF lines, or cut off without its END line', () => {
    const crlf = `rg$ cat id_ed25519\r\n${KEY_LINES.join('\r\n')}\r\nrg$ `;
    expect(through([crlf.slice(0, 50), crlf.slice(50, 51), crlf.slice(51)])).toBe(`rg$ cat id_ed25519\r\n${REDACTED}\r\nrg$ `);
    // No END line: the rest of the output is dropped, as redact() drops the rest of a text...
    const cut = ['x', ...KEY_LINES.slice(0, 2), 'rg$ ls', 'file-a  file-b', ''].join('\n');
    expect(through([cut])).toBe(`x\n${REDACTED}\n`);
    // ...up to KEY_LIMIT: then the output is written again.
    const s = new RedactingStream();
    s.push(`${KEY_LINES[0]}\n`);
    for (let n = 0; n <= KEY_LIMIT / 64; n++) expect(s.push(`${'A'.repeat(63)}\n`)).toBe('');
    expect(s.push('visible again\n')).toBe('visible again\n');
  });

  test('on one line, BEGIN to END, is redacted like any line', () => {
    const out = through([`key: ${KEY_LINES.join(' ')} tail\nnext\n`]);
    expect(leaks(out, KEY_BODY)).toEqual([]);
    expect(out).toBe(`${REDACTED}\nnext\n`);
  });
});

describe('a line longer than what is held', () => {
  test('is written in pieces cut at a blank, before its newline, with its values redacted', () => {
    const words = Array.from({ length: 3000 }, (_, i) => (i % 97 === 5 ? 'password=hunter2-zz' : `w${i}`));
    const line = words.join(' ');
    const s = new RedactingStream(marked);
    let out = '';
    for (let i = 0; i < line.length; i += 1000) out += s.push(line.slice(i, i + 1000));
    const early = out;
    out += s.push('\r\n') + s.end();
    expect(early.length).toBeGreaterThan(HOLD_LIMIT / 2);
    expect(out).not.toContain('hunter2');
    expect(out).toBe(redact(`${line}\r\n`));
  });

  test('without a blank is cut at the limit', () => {
    const s = new RedactingStream(marked);
    const first = s.push('#'.repeat(HOLD_LIMIT + 10));
    expect(first).toBe('#'.repeat(HOLD_LIMIT));
    expect(s.end()).toBe('#'.repeat(10));
  });

  test('never splits a character made of two UTF-16 units', () => {
    const s = new RedactingStream();
    const first = s.push(`${'x'.repeat(HOLD_LIMIT - 1)}😀tail`);
    expect(first).toBe('x'.repeat(HOLD_LIMIT - 1));
    expect(s.end()).toBe('😀tail');
  });
});
