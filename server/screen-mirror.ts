// The screen a reconnecting tab gets replayed: the session's output log (output-log.ts) parsed by
// a headless xterm built for the occasion, serialized with the serialize addon (as VS Code does),
// then thrown away. Nothing parses output while no tab reconnects, and the headless xterm's code is
// loaded at the first replay only.
import type { Terminal } from '@xterm/headless';
import type { LogSnapshot, OutputLog } from './output-log.ts';

/** The replayed scrollback, in lines: what the panel's own terminal keeps. */
const SCROLLBACK = 1000;

/** A headless xterm that has parsed the snapshot (the caller disposes of it). */
export async function parseLog({ start, items }: LogSnapshot): Promise<Terminal> {
  const { default: xtermHeadless } = await import('@xterm/headless');
  const term = new xtermHeadless.Terminal({ cols: start.cols, rows: start.rows, scrollback: SCROLLBACK, allowProposedApi: true });
  for (const item of items) {
    // xterm parses writes in order, in its own time slices; a write's callback runs once it is
    // parsed, so a resize there applies between the output before it and the output after.
    if (typeof item === 'string') term.write(item);
    else term.write('', () => term.resize(item.cols, item.rows));
  }
  await new Promise<void>((ok) => term.write('', ok));
  return term;
}

/** The screen and scrollback as escape sequences, from everything the log holds when called. */
export async function replayScreen(log: OutputLog): Promise<string> {
  // Taken now, not after the imports: output arriving meanwhile goes to the tab after the replay.
  const snapshot = log.snapshot();
  const [term, { default: xtermSerialize }] = await Promise.all([parseLog(snapshot), import('@xterm/addon-serialize')]);
  try {
    const serializer = new xtermSerialize.SerializeAddon();
    term.loadAddon(serializer as never);
    // The addon writes "CSI 0 C" (and D) meaning "do not move", but a terminal moves one column
    // on 0: after a resize had wrapped a line, the replay showed a stray character. Drop them.
    return serializer.serialize().replace(/\x1b\[0[ABCD]/g, '');
  } finally {
    term.dispose();
  }
}
