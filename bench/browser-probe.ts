// The in-page half of `./runguide bench browser`: a probe on the page's xterm.js instance (the
// panel's, or ttyd's `window.term`) that times, inside the page, from a keydown to the first
// animation frame after its effect is in xterm's buffer. Installed by `page.evaluate`, so the
// function below must stay self-contained (it is sent as source text, without its closure).
import type { Page } from 'playwright-core';

export type PageKind = 'runner' | 'ttyd';

/** A burst as the page saw it: all times in ms of the page's clock. */
export interface BurstSample {
  /** Keydown of Enter → the first animation frame after `BENCH_END` is in the buffer. */
  ms: number;
  /** rAF intervals from the keydown to that frame (the frame loop runs only meanwhile). */
  intervals: number[];
}

/** Runs in the page. Everything it keeps is on `window.__bench`. */
function install(kind: PageKind): void {
  type T = {
    buffer: {
      active: {
        baseY: number;
        cursorY: number;
        cursorX: number;
        getLine(y: number): { translateToString(trim: boolean): string } | undefined;
      };
    };
    cols: number;
    rows: number;
    onWriteParsed(f: () => void): void;
  };
  const w = window as unknown as Record<string, unknown>;
  const term = (kind === 'ttyd' ? w.term : (document.querySelector('.rg-screen') as unknown as { rgTerm: T }).rgTerm) as T;
  const buf = () => term.buffer.active;
  // The cursor as one number: a character echoed anywhere moves it (cursorX may equal cols).
  const pos = () => (buf().baseY + buf().cursorY) * (term.cols + 1) + buf().cursorX;
  const line = (dy: number) =>
    buf()
      .getLine(buf().baseY + buf().cursorY + dy)
      ?.translateToString(true) ?? '';
  const B = {
    mode: 'idle' as 'idle' | 'echo' | 'burst',
    echoes: [] as number[],
    key: null as { t0: number; p0: number } | null,
    burst: null as { t0: number; seen: number; t1: number; frames: number[] } | null,
    wake: () => {},
    cols: () => term.cols,
    rows: () => term.rows,
    tail: (n: number) =>
      Array.from({ length: n }, (_, i) => line(i - n + 1))
        .join('\n')
        .trimEnd(),
  };
  w.__bench = B;
  const frames = () => {
    const b = B.burst!;
    requestAnimationFrame((ts) => {
      b.frames.push(ts);
      if (!b.t1) frames();
    });
  };
  addEventListener(
    'keydown',
    () => {
      // Captured before xterm's own handler on its textarea sees the key.
      const t0 = performance.now();
      if (B.mode === 'echo') B.key = { t0, p0: pos() };
      else if (B.mode === 'burst' && B.burst && !B.burst.t0) {
        B.burst.t0 = t0;
        frames();
      }
    },
    true,
  );
  term.onWriteParsed(() => {
    const k = B.key;
    if (k && pos() !== k.p0) {
      B.key = null;
      // xterm asked for its render frame while parsing: this callback runs after it, in that frame.
      requestAnimationFrame(() => {
        B.echoes.push(performance.now() - k.t0);
        B.wake();
      });
    }
    const b = B.burst;
    if (b?.t0 && !b.seen && (line(-1).endsWith('BENCH_END') || line(0).endsWith('BENCH_END'))) {
      b.seen = performance.now();
      requestAnimationFrame(() => {
        b.t1 = performance.now();
        B.wake();
      });
    }
  });
}

/** Resolves in the page once `done()` holds, checked at each wake-up; rejects after `cap` ms. */
function until(page: Page, what: 'echo' | 'burst', n: number, cap: number): Promise<void> {
  return page.evaluate(
    ({ what, n, cap }) =>
      new Promise<void>((ok, fail) => {
        const B = (window as unknown as { __bench: { echoes: number[]; burst: { t1: number } | null; wake: () => void } }).__bench;
        const done = () => (what === 'echo' ? B.echoes.length >= n : !!B.burst?.t1);
        if (done()) return ok();
        const timer = setTimeout(() => fail(new Error(`no ${what} ${n} within ${cap} ms`)), cap);
        B.wake = () => {
          if (!done()) return;
          clearTimeout(timer);
          ok();
        };
      }),
    { what, n, cap },
  );
}

export const installProbe = (page: Page, kind: PageKind) => page.evaluate(install, kind);

/** Waits (polling, capped) until the last `lines` lines of the screen satisfy `test` (a regex source). */
export async function waitForTail(page: Page, re: RegExp, cap: number, lines = 3): Promise<void> {
  await page.waitForFunction(
    ({ src, lines }) => new RegExp(src).test((window as unknown as { __bench: { tail(n: number): string } }).__bench.tail(lines)),
    { src: re.source, lines },
    { polling: 50, timeout: cap },
  );
}

/** Types `line` without Enter and waits until its end is echoed. */
export async function typeLine(page: Page, line: string, cap: number): Promise<void> {
  await page.keyboard.type(line);
  const end = line.slice(-12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await waitForTail(page, new RegExp(`${end}$`), cap);
}

/** Runs a burst command already typed: Enter, then the wait for `BENCH_END` on screen. */
export async function burst(page: Page, cap: number): Promise<BurstSample> {
  await page.evaluate(() => {
    const B = (window as unknown as { __bench: { mode: string; burst: unknown } }).__bench;
    B.burst = { t0: 0, seen: 0, t1: 0, frames: [] };
    B.mode = 'burst';
  });
  await page.keyboard.press('Enter');
  await until(page, 'burst', 0, cap);
  return page.evaluate(() => {
    const B = (window as unknown as { __bench: { mode: string; burst: { t0: number; t1: number; frames: number[] } } }).__bench;
    B.mode = 'idle';
    const f = B.burst.frames;
    return { ms: B.burst.t1 - B.burst.t0, intervals: f.slice(1).map((t, i) => t - f[i]!) };
  });
}

/** `count` keystrokes, one at a time, each waited for; returns the keydown → painted echo times. */
export async function echoes(page: Page, count: number, capEach: number): Promise<number[]> {
  const before = await page.evaluate(() => {
    const B = (window as unknown as { __bench: { mode: string; echoes: number[] } }).__bench;
    B.mode = 'echo';
    return B.echoes.length;
  });
  for (let i = 1; i <= count; i++) {
    await page.keyboard.press('x');
    await until(page, 'echo', before + i, capEach);
  }
  return page.evaluate((from) => {
    const B = (window as unknown as { __bench: { mode: string; echoes: number[] } }).__bench;
    B.mode = 'idle';
    return B.echoes.slice(from);
  }, before);
}

/** The page's frame interval at rest: the median of `n` rAF intervals (capped at 5 s). */
export function frameBudget(page: Page, n = 30): Promise<number> {
  return page.evaluate(
    (n) =>
      new Promise<number>((ok) => {
        const ts: number[] = [];
        const stop = setTimeout(() => ok(1000 / 60), 5000);
        const tick = (t: number) => {
          ts.push(t);
          if (ts.length <= n) return void requestAnimationFrame(tick);
          clearTimeout(stop);
          const iv = ts
            .slice(1)
            .map((x, i) => x - ts[i]!)
            .sort((a, b) => a - b);
          ok(iv[Math.floor(iv.length / 2)]!);
        };
        requestAnimationFrame(tick);
      }),
    n,
  );
}
