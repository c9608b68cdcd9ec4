// The echo of the runner's typed line is taken out of what the user sees, and nothing else is.
import { describe, expect, it } from 'vitest';
import { EchoHold, withoutEcho } from '../../server/echo-hold.ts';
import { markedCommand } from '../../server/shell-marks.ts';

const { line } = markedCommand('echo hi', 'N0NCE', { label: 'runguide: rb/step' });
const mark = '\x1b]133;P;N0NCE\x07';
/** What bash's readline prints for a typed line at `cols` columns: wraps with " \r" at the margin. */
const readlineEcho = (text: string, cols: number, col: number) => {
  let out = '';
  for (const ch of text.replace(/^[\x00-\x1f]+/, '').replace(/\r$/, '')) {
    out += ch;
    if (++col === cols) {
      out += ' \r';
      col = 0;
    }
  }
  return `${out}\r\n`;
};

describe('withoutEcho', () => {
  it('removes a wrapped echo and the line break after it, keeps the prompt', () => {
    const prompt = '\x1b[?2004hroot@vps:~# ';
    const raw = `${prompt}\x07${readlineEcho(line, 40, 12)}\x1b[?2004l\r`;
    expect(withoutEcho(raw, line)).toBe(prompt);
  });

  it('removes both echoes of a line typed before the shell read it, and keeps the prompt between', () => {
    const tty = `^E^U${line.slice(2, -1)}\r\n`;
    const raw = `${tty}root@vps:~# ${readlineEcho(line, 80, 12)}`;
    expect(withoutEcho(raw, line)).toBe('root@vps:~# ');
  });

  it('keeps output that is not the echo, before and after it', () => {
    const raw = `typed-42\r\nroot@vps:~# ${readlineEcho(line, 80, 12)}late job done\r\n`;
    expect(withoutEcho(raw, line)).toBe('typed-42\r\nroot@vps:~# late job done\r\n');
  });

  it('leaves output without the echo untouched, including a partial echo', () => {
    const raw = `root@vps:~# ${line.slice(2, 30)}`;
    expect(withoutEcho(raw, line)).toBe(raw);
  });
});

describe('EchoHold', () => {
  it('shows nothing until the mark, however the stream is split, then what follows it', () => {
    const stream = `root@vps:~# ${readlineEcho(line, 40, 12)}${mark}\x1b[2mrunguide: rb/step\x1b[0m\r\n`;
    for (const size of [1, 3, 7, 64]) {
      const hold = new EchoHold('N0NCE', line);
      let shown = '';
      for (let i = 0; i < stream.length; i += size) {
        const part = hold.take(stream.slice(i, i + size));
        if (!hold.done) expect(part).toBe('');
        shown += part;
      }
      expect(shown).toBe('root@vps:~# \x1b[2mrunguide: rb/step\x1b[0m\r\n');
    }
  });

  it('gives back what it held, without the echo, when no mark comes', () => {
    const hold = new EchoHold('N0NCE', line);
    expect(hold.take(`less> ${readlineEcho(line, 80, 6)}`)).toBe('');
    expect(hold.release()).toBe('less> ');
    expect(hold.take('more')).toBe('more');
  });

  it('does not take a foreign mark for its own', () => {
    const hold = new EchoHold('N0NCE', line);
    expect(hold.take('\x1b]133;P;OTHER\x07x')).toBe('');
    expect(hold.done).toBe(false);
  });
});
