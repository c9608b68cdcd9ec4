// The sections of bench/README.md that a benchmark rewrites at each run: the text between its two
// markers is replaced, the rest of the file kept. One writer for the results, page-load and browser
// sections.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const README = join(new URL('.', import.meta.url).pathname, 'README.md');

/** Puts `body` between the `start` and `end` markers; says so and leaves the file alone without them. */
export function writeReadmeSection(start: string, end: string, body: string, file = README): void {
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) {
    console.error(`bench: ${file} has no ${start} … ${end} section; left alone`);
    return;
  }
  writeFileSync(file, `${text.slice(0, a + start.length)}\n${body}${text.slice(b)}`);
}
