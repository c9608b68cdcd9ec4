// The server's screen mirror (screen-mirror.ts) on a real headless xterm: during a flood it keeps
// only the tail of the output unparsed, and the screen it replays is still the one the user had.
import { describe, expect, it } from 'vitest';
import xtermHeadless from '@xterm/headless';
import { MAX_BACKLOG, ScreenMirror } from '../../server/screen-mirror.ts';

type Term = InstanceType<typeof xtermHeadless.Terminal>;

const screen = (t: Term) => {
  const b = t.buffer.active;
  const lines: string[] = [];
  for (let i = b.viewportY; i < b.viewportY + t.rows; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
  return lines;
};

/** The same output parsed in full, byte for byte: what the screen must look like. */
async function reference(chunks: string[], cols: number, rows: number): Promise<Term> {
  const t = new xtermHeadless.Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
  for (const c of chunks) t.write(c);
  await new Promise<void>((ok) => t.write('', ok));
  return t;
}

/** `seq`-like output in PTY-sized chunks (4 KiB), as a flood arrives. */
function flood(lines: number, from = 1): string[] {
  let text = '';
  for (let i = from; i < from + lines; i++) text += `line ${i} of a flood that scrolls the screen\r\n`;
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 4096) chunks.push(text.slice(i, i + 4096));
  return chunks;
}

describe('screen mirror', () => {
  it('keeps its unparsed backlog bounded during a flood, and ends on the same screen as a full parse', async () => {
    const m = new ScreenMirror(80, 24);
    const chunks = ['\x1b[1;32mgreen start\x1b[0m\r\n', ...flood(100_000), 'rg$ '];
    let worst = 0;
    for (const c of chunks) {
      m.write(c);
      worst = Math.max(worst, m.backlog);
    }
    // The queue, plus what was handed to xterm before the flood was recognised (16 KiB), plus a read.
    expect(worst).toBeLessThanOrEqual(MAX_BACKLOG + (16 << 10) + 2 * 4096);
    // Most of the ~5 MB was never parsed.
    expect(m.dropped).toBeGreaterThan(4_000_000);
    await m.settled();
    const ref = await reference(chunks, 80, 24);
    expect(screen(m.term)).toEqual(screen(ref));
    expect(screen(m.term).at(-1)).toMatch(/^rg\$ ?$/);
    // The scrollback is full of the flood's last lines, in order, with no gap.
    const replay = await m.serialize();
    const numbers = [...replay.matchAll(/line (\d+) of/g)].map((x) => Number(x[1]));
    expect(numbers.length).toBeGreaterThan(1000);
    expect(numbers.at(-1)).toBe(100_000);
    expect(numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1)).toBe(true);
    m.dispose();
    ref.dispose();
  });

  it('replays the modes and scroll region that were set inside dropped output', async () => {
    const m = new ScreenMirror(80, 30);
    // A full-screen program starts (alternate screen, cursor keys, bracketed paste, mouse, a
    // scroll region of rows 1-10), then floods: the start is dropped unparsed.
    const chunks = ['\x1b[?1049h\x1b[?1h\x1b[?2004h\x1b[?1000h\x1b[1;10r', ...flood(20_000), '\x1b[10;1Ha\nb\nc'];
    for (const c of chunks) m.write(c);
    expect(m.dropped).toBeGreaterThan(0);
    await m.settled();
    const t = m.term;
    expect(t.buffer.active.type).toBe('alternate');
    expect(t.modes.applicationCursorKeysMode).toBe(true);
    expect(t.modes.bracketedPasteMode).toBe(true);
    expect(t.modes.mouseTrackingMode).toBe('vt200');
    // Inside the region, line feeds at its last row scroll it: "c" stays on row 10.
    expect(screen(t)[9]?.trim()).toBe('c');
    expect(screen(t)).toEqual(screen(await reference(chunks, 80, 30)));
    // A mode set, then reset, inside the dropped part is reset.
    const n = new ScreenMirror(80, 30);
    for (const c of ['\x1b[?1049h\x1b[?2004h', ...flood(10_000), '\x1b[?1049l\x1b[?2004l', ...flood(10_000, 10_001)]) n.write(c);
    await n.settled();
    expect(n.dropped).toBeGreaterThan(400_000);
    expect(n.term.buffer.active.type).toBe('normal');
    expect(n.term.modes.bracketedPasteMode).toBe(false);
    m.dispose();
    n.dispose();
  });

  it('applies a resize in order with the output around it', async () => {
    const m = new ScreenMirror(80, 24);
    m.write('\x1b[1;70Hx at column 70, written at eighty columns\r\n');
    m.resize(40, 10);
    m.write('after');
    await m.settled();
    expect([m.term.cols, m.term.rows]).toEqual([40, 10]);
    const ref = new xtermHeadless.Terminal({ cols: 80, rows: 24, scrollback: 1000, allowProposedApi: true });
    ref.write('\x1b[1;70Hx at column 70, written at eighty columns\r\n');
    await new Promise<void>((ok) => ref.write('', ok));
    ref.resize(40, 10);
    ref.write('after');
    await new Promise<void>((ok) => ref.write('', ok));
    expect(screen(m.term)).toEqual(screen(ref));
    m.dispose();
    ref.dispose();
  });

  it('parses the end of a flood on its own once the terminal is quiet, without anyone asking', async () => {
    const m = new ScreenMirror(80, 24);
    for (const c of [...flood(20_000), 'rg$ echo hi\r\nhi\r\nrg$ ']) m.write(c);
    expect(m.backlog).toBeGreaterThan(100_000);
    await expect.poll(() => m.backlog, { timeout: 10_000 }).toBe(0);
    // Read synchronously, as the step runner does before typing (cursorLine).
    const b = m.term.buffer.active;
    expect(b.getLine(b.baseY + b.cursorY)?.translateToString(true)).toMatch(/^rg\$ ?$/);
    m.dispose();
  });
});
