// The line the cursor is on, from the end of a terminal's output: enough of a terminal to see a
// prompt ("$ ", "password: ", "(yes/no/[fingerprint])? ") without a screen model. It follows what
// shells, line editors and ssh do on one line (CR, BS, TAB, autowrap, cursor left/right/column,
// erase in line, delete/insert/erase characters) and skips every other escape sequence (colours,
// titles, modes); a sequence that moves to another line starts an empty one.

export interface CursorLine {
  /** The line, without the cells never written at its end (as xterm's translateToString(true)). */
  text: string;
  /** The line up to the cursor, blanks included: a prompt ends "$ " there. */
  beforeCursor: string;
}

// CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC strings (ended by ST), or a short escape.
const ESCAPE = /\x1b(?:\[([0-?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[ -/]*[0-~]?)/y;

/** A cell nothing was written to (or erased): blank, and trimmed at the end of the line. */
const EMPTY = '\0';

export function cursorLine(output: string, cols: number): CursorLine {
  let cells: string[] = [];
  let x = 0;
  // After the last column, the cursor stays there until the next character wraps the line.
  let wrap = false;
  let saved = 0;
  const newLine = () => {
    cells = [];
    wrap = false;
  };
  for (let i = 0; i < output.length; ) {
    const ch = output[i]!;
    const code = ch.charCodeAt(0);
    if (code === 0x1b) {
      ESCAPE.lastIndex = i;
      // Always a match: the last branch takes an ESC alone (a sequence cut short at the end).
      const m = ESCAPE.exec(output)!;
      i = ESCAPE.lastIndex;
      if (m[2] !== undefined) {
        const params = m[1]!;
        if (/^[<=>?]/.test(params)) continue; // private: modes, not the cursor
        const [p1 = 0, p2 = 0] = params.split(';').map((p) => Number(p) || 0);
        const n = Math.max(1, p1);
        switch (m[2]) {
          case 'K':
            if (p1 === 0) cells.length = Math.min(cells.length, x);
            else if (p1 === 1) for (let c = 0; c <= x && c < cells.length; c++) cells[c] = EMPTY;
            else cells = [];
            break;
          case 'C':
          case 'a':
            x = Math.min(cols - 1, x + n);
            break;
          case 'D':
            x = Math.max(0, x - n);
            break;
          case 'G':
          case '`':
            x = Math.min(cols - 1, n - 1);
            break;
          case 'P':
            cells.splice(x, n);
            break;
          case '@':
            if (x < cells.length) cells.splice(x, 0, ...Array<string>(n).fill(EMPTY));
            cells.length = Math.min(cells.length, cols);
            break;
          case 'X':
            for (let c = x; c < x + n && c < cells.length; c++) cells[c] = EMPTY;
            break;
          case 'H':
          case 'f':
            newLine();
            x = Math.min(cols - 1, Math.max(1, p2) - 1);
            break;
          case 'J':
            if (p1 === 0) cells.length = Math.min(cells.length, x);
            else newLine();
            break;
          case 'A':
          case 'B':
          case 'E':
          case 'F':
          case 'd':
            newLine();
            if (m[2] === 'E' || m[2] === 'F') x = 0;
            break;
        }
        if (m[2] !== 'm') wrap = false;
      } else if (m[0] === '\x1b7') saved = x;
      else if (m[0] === '\x1b8') x = saved;
      continue;
    }
    i++;
    if (code === 0x0d) {
      x = 0;
      wrap = false;
    } else if (code === 0x0a || code === 0x0b || code === 0x0c) newLine();
    else if (code === 0x08) {
      x = Math.max(0, x - 1);
      wrap = false;
    } else if (code === 0x09) x = Math.min(cols - 1, (Math.floor(x / 8) + 1) * 8);
    else if (code >= 0x20 && code !== 0x7f) {
      if (wrap) {
        newLine();
        x = 0;
      }
      while (cells.length < x) cells.push(EMPTY);
      cells[x] = ch;
      if (x === cols - 1) wrap = true;
      else x++;
    }
  }
  const line = cells.join('');
  const text = line.replace(/\0+$/, '').replaceAll(EMPTY, ' ');
  return { text, beforeCursor: (wrap ? line : line.slice(0, x)).replaceAll(EMPTY, ' ').padEnd(wrap ? 0 : x) };
}
