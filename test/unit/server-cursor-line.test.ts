// The cursor's line (cursor-line.ts) against a real headless xterm fed the same bytes: prompts as
// bash, zsh, readline, OpenSSH and sudo draw them (colours, titles, bracketed paste, cursor moves).
import { describe, expect, it } from 'vitest';
import xtermHeadless from '@xterm/headless';
import { cursorLine } from '../../server/cursor-line.ts';

/** xterm's own answer: the cursor's line, and the line up to the cursor. */
async function xtermLine(output: string, cols: number): Promise<{ text: string; beforeCursor: string }> {
  const t = new xtermHeadless.Terminal({ cols, rows: 10, allowProposedApi: true });
  await new Promise<void>((ok) => t.write(output, ok));
  const b = t.buffer.active;
  const line = b.getLine(b.baseY + b.cursorY)!;
  const r = { text: line.translateToString(true), beforeCursor: line.translateToString(false).slice(0, b.cursorX) };
  t.dispose();
  return r;
}

const CASES: [string, string][] = [
  [
    'Debian root prompt, colours, title and bracketed paste',
    '\x1b]0;root@vps-1a2b3c4d: ~\x07\x1b[?2004h\x1b[01;31mroot@vps-1a2b3c4d\x1b[00m:\x1b[01;34m~\x1b[00m# ',
  ],
  ['a user prompt after output', 'total 0\r\n\x1b[?2004hdebian@vps-1a2b3c4d:~$ '],
  [
    'ssh asking for a password',
    "\r\nWarning: Permanently added 'vps-1a2b3c4d.vps.ovh.net' (ED25519) to the list of known hosts.\r\nroot@vps-1a2b3c4d.vps.ovh.net's password: ",
  ],
  [
    'ssh asking about a host key',
    'ED25519 key fingerprint is SHA256:abc.\r\nAre you sure you want to continue connecting (yes/no/[fingerprint])? ',
  ],
  ['readline: a typed word rubbed out', 'rg$ systemctl\b\b\b\b\b\b\b\x1b[K'],
  ['readline: Ctrl-E Ctrl-U', 'rg$ half-typed\r\x1b[Crg$ \x1b[K'],
  ['zsh: a right prompt, then the cursor back', '\r\x1b[0m\x1b[27m\x1b[24m\x1b[Jroot@vps % \x1b[K\x1b[60C~/work\x1b[66D'],
  ['a line longer than the terminal wraps', `rg$ echo ${'x'.repeat(100)}`],
  ['exactly the width: the cursor waits at the last column', 'y'.repeat(40)],
  ['tabs and a carriage return overwriting', 'a\tb\tc\rXY'],
  ['cursor to a column, delete and insert characters', 'abcdefgh\x1b[3G\x1b[2P\x1b[2@Z'],
  ['sudo asking for a password', '[sudo] password for debian: '],
];

describe('cursor line', () => {
  for (const [name, output] of CASES)
    it(`reads the line as xterm does: ${name}`, async () => {
      expect(cursorLine(output, 40)).toEqual(await xtermLine(output, 40));
    });

  it('starts an empty line when the cursor moves to another row (it keeps no screen)', () => {
    expect(cursorLine('\x1b[2J\x1b[5;10Hhello\x1b[5;3H', 40)).toEqual({ text: '', beforeCursor: '  ' });
  });

  it('sees the prompt a step waits for, and not a half-drawn one', () => {
    expect(cursorLine('\x1b[?2004hroot@vps:~# ', 80).beforeCursor).toMatch(/[$#%>❯] $/);
    expect(cursorLine('\x1b[?2004hroot@vps:~# \x1b', 80).beforeCursor).toMatch(/[$#%>❯] $/);
    expect(cursorLine('Last login: Tue Dec  1\r\n', 80).beforeCursor).not.toMatch(/[$#%>❯] $/);
  });
});
