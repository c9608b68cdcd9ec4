// The fleet table's cells are one Tab stop: the arrow keys move between them as in a grid (the
// "roving tabindex" of WAI-ARIA's grid pattern), so a keyboard reaches the buttons below the table
// without tabbing through every check of every host. The last cell visited keeps the Tab stop.

/** Keys that move, and where: within the row (left, right, first, last) or to the row above or below. */
const MOVES = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** An element's cell: its row and its column in that row. */
function cellOf(el: Element): { tr: Element; col: number } {
  const cell = el.closest('td, th')!;
  const tr = cell.parentElement!;
  return { tr, col: [...tr.children].indexOf(cell) };
}

/**
 * Makes the elements of `body` that match `selector` one Tab stop, moved by the arrow keys.
 * Returns what to call after rows were filled or reordered: it keeps exactly one Tab stop.
 */
export function roveFocus(body: HTMLElement, selector: string): () => void {
  let current: HTMLElement | null = null;
  // Where the Tab stop was: a row filled anew keeps its <tr>, so the stop stays in its cell.
  let last: { tr: Element; col: number } | null = null;
  const items = () => [...body.querySelectorAll<HTMLElement>(selector)];
  const stop = (el: HTMLElement | null, all = items()) => {
    for (const i of all) i.tabIndex = i === el ? 0 : -1;
    current = el;
    last = el && cellOf(el);
  };

  function target(from: HTMLElement, key: string): HTMLElement | undefined {
    // In document order: rows top to bottom, each row's cells left to right.
    const placed = items().map((el) => ({ el, ...cellOf(el) }));
    const i = placed.findIndex((p) => p.el === from);
    const here = placed[i]!;
    const [before, after] = [placed.slice(0, i), placed.slice(i + 1)];
    const inRow = (p: { tr: Element }) => p.tr === here.tr;
    const inColumn = (p: { col: number }) => p.col === here.col;
    switch (key) {
      case 'ArrowRight':
        return after.find(inRow)?.el;
      case 'ArrowLeft':
        return before.findLast(inRow)?.el;
      case 'Home':
        return placed.find(inRow)?.el;
      case 'End':
        return placed.findLast(inRow)?.el;
      case 'ArrowDown':
        return after.find(inColumn)?.el;
      default:
        return before.findLast(inColumn)?.el;
    }
  }

  body.addEventListener('keydown', (e) => {
    const from = e.target;
    if (!MOVES.has(e.key) || e.altKey || e.ctrlKey || e.metaKey || !(from instanceof HTMLElement) || !from.matches(selector)) return;
    const to = target(from, e.key);
    if (!to) return;
    e.preventDefault();
    to.focus(); // focusin moves the Tab stop
  });
  body.addEventListener('focusin', (e) => {
    if (e.target instanceof HTMLElement && e.target.matches(selector)) stop(e.target);
  });

  return () => {
    const all = items();
    if (current && all.includes(current)) return stop(current, all);
    const again = last && all.find((el) => el.closest('td, th') === last!.tr.children[last!.col]);
    stop(again ?? all[0] ?? null, all);
  };
}
