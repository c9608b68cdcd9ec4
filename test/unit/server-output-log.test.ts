// The session's output log (output-log.ts) and the replay built from it (screen-mirror.ts), against
// a real headless xterm that parsed every byte: during a flood the log keeps only the tail, and the
// screen a reconnecting tab gets is still the one the user had.
import { describe, expect, it } from 'vitest';
import xtermHeadless from '@xterm/headless';
import { MAX_LOG, OutputLog } from '../../server/output-log.ts';
import { parseLog, replayScreen } from '../../server/screen-mirror.ts';

type Term = InstanceType<typeof xtermHeadless.Terminal>;

const screen = (t: Term) => {
  const b = t.buffer.active;
  const lines: string[] = [];
  for (let i = b.viewportY; i < b.viewportY + t.rows; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
  return lines;
};

const parsed = (t: Term) => new Promise<void>((ok) => t.write('', ok));

/** The same output parsed in full, byte for byte: what the screen must look like. */
async function reference(chunks: string[], cols: number, rows: number): Promise<Term> {
  const t = new xtermHeadless.Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
  for (const c of chunks) t.write(c);
  await parsed(t);
  return t;
}

/** What the reconnecting tab shows: the replay written to a fresh terminal of the log's size. */
async function replayed(log: OutputLog): Promise<Term> {
  const t = new xtermHeadless.Terminal({ ...log.size, scrollback: 1000, allowProposedApi: true });
  t.write(await replayScreen(log));
  await parsed(t);
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

describe('output log and replay', () => {
  it('stays bounded during a flood, and the replay ends on the same screen as a full parse', async () => {
    const log = new OutputLog(80, 24);
    const chunks = ['\x1b[1;32mgreen start\x1b[0m\r\n', ...flood(100_000), 'rg$ '];
    let worst = 0;
    for (const c of chunks) {
      log.write(c);
      worst = Math.max(worst, log.kept);
    }
    expect(worst).toBeLessThanOrEqual(MAX_LOG);
    expect(log.dropped).toBeGreaterThan(4_000_000);
    const ref = await reference(chunks, 80, 24);
    const t = await replayed(log);
    expect(screen(t)).toEqual(screen(ref));
    expect(screen(t).at(-1)).toMatch(/^rg\$ ?$/);
    // The scrollback is full of the flood's last lines, in order, with no gap.
    const numbers = [...(await replayScreen(log)).matchAll(/line (\d+) of/g)].map((x) => Number(x[1]));
    expect(numbers.length).toBeGreaterThan(1000);
    expect(numbers.at(-1)).toBe(100_000);
    expect(numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1)).toBe(true);
    t.dispose();
    ref.dispose();
  });

  it('replays the modes and scroll region that were set inside dropped output', async () => {
    const log = new OutputLog(80, 30);
    // A full-screen program starts (alternate screen, cursor keys, bracketed paste, mouse, a
    // scroll region of rows 1-10), then floods: the start is dropped.
    const chunks = ['\x1b[?1049h\x1b[?1h\x1b[?2004h\x1b[?1000h\x1b[1;10r', ...flood(20_000), '\x1b[10;1Ha\nb\nc'];
    for (const c of chunks) log.write(c);
    expect(log.dropped).toBeGreaterThan(0);
    const t = await replayed(log);
    expect(t.buffer.active.type).toBe('alternate');
    expect(t.modes.applicationCursorKeysMode).toBe(true);
    expect(t.modes.bracketedPasteMode).toBe(true);
    expect(t.modes.mouseTrackingMode).toBe('vt200');
    // Inside the region, line feeds at its last row scroll it: "c" stays on row 10.
    expect(screen(t)[9]?.trim()).toBe('c');
    expect(screen(t)).toEqual(screen(await reference(chunks, 80, 30)));
    // A mode set, then reset, inside the dropped part is reset.
    const n = new OutputLog(80, 30);
    for (const c of ['\x1b[?1049h\x1b[?2004h', ...flood(10_000), '\x1b[?1049l\x1b[?2004l', ...flood(10_000, 10_001)]) n.write(c);
    expect(n.dropped).toBeGreaterThan(400_000);
    const u = await replayed(n);
    expect(u.buffer.active.type).toBe('normal');
    expect(u.modes.bracketedPasteMode).toBe(false);
    t.dispose();
    u.dispose();
  });

  it('applies a resize in order with the output around it, also once the output before it is dropped', async () => {
    const log = new OutputLog(80, 24);
    log.write('\x1b[1;70Hx at column 70, written at eighty columns\r\n');
    log.resize(40, 10);
    log.write('after');
    const ref = await reference(['\x1b[1;70Hx at column 70, written at eighty columns\r\n'], 80, 24);
    ref.resize(40, 10);
    ref.write('after');
    await parsed(ref);
    const t = await replayed(log);
    expect([t.cols, t.rows]).toEqual([40, 10]);
    // The serialize addon's "CSI 0 C" (a stray character on the line the resize wrapped) is gone.
    expect(screen(t)).toEqual(screen(await parseLog(log.snapshot())));
    expect(screen(t)).toEqual(screen(ref));
    // The resize's output gone: the log starts at the size it had.
    for (const c of flood(20_000)) log.write(c);
    expect(log.snapshot().start).toEqual({ cols: 40, rows: 10 });
    t.dispose();
    ref.dispose();
  });

  it('joins small outputs, so a long session of keystrokes costs its text, not a string each', () => {
    const log = new OutputLog(80, 24);
    for (let i = 0; i < 200_000; i++) log.write(i % 50 === 49 ? '\r\n' : 'k');
    expect(log.kept).toBeLessThanOrEqual(MAX_LOG);
    const { items } = log.snapshot();
    expect(items.length).toBeLessThan((MAX_LOG / 4096) * 2);
    expect(items.join('')).toMatch(/k{49}\r\n$/);
  });

  it('gives its tail from a line start, pieces not yet joined included', () => {
    const log = new OutputLog(80, 24);
    for (const c of flood(2000)) log.write(c);
    log.write('rg$ ');
    log.write('e');
    const tail = log.tail(1000);
    expect(tail.length).toBeLessThanOrEqual(1000);
    expect(tail).toMatch(/^line \d+ of/);
    expect(tail.endsWith('line 2000 of a flood that scrolls the screen\r\nrg$ e')).toBe(true);
  });
});
