// The fleet table's cells are one Tab stop: the arrow keys move between them as in a grid (the
// "roving tabindex" of WAI-ARIA's grid pattern), so a keyboard reaches the buttons below the table
// without tabbing through every check of every host. The last cell visited keeps the Tab stop.

/** Keys that move, and where: within the row (left, right, first, last) or to the row above or below. */
const MOVES = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

interface Place {
  row: number;
  col: number;
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
  const placeOf = (el: HTMLElement): Place => {
    const cell = el.closest('td, th')!;
    const tr = cell.parentElement!;
    return { row: [...body.children].indexOf(tr), col: [...tr.children].indexOf(cell) };
  };
  const stop = (el: HTMLElement | null) => {
    for (const i of items()) i.tabIndex = i === el ? 0 : -1;
    current = el;
    const cell = el?.closest('td, th');
    last = cell?.parentElement ? { tr: cell.parentElement, col: [...cell.parentElement.children].indexOf(cell) } : null;
  };

  function target(from: HTMLElement, key: string): HTMLElement | undefined {
    const here = placeOf(from);
    const placed = items().map((el) => ({ el, ...placeOf(el) }));
    const row = placed.filter((p) => p.row === here.row);
    const column = placed.filter((p) => p.col === here.col);
    switch (key) {
      case 'ArrowRight':
        return row.find((p) => p.col > here.col)?.el;
      case 'ArrowLeft':
        return row.findLast((p) => p.col < here.col)?.el;
      case 'Home':
        return row[0]?.el;
      case 'End':
        return row.at(-1)?.el;
      case 'ArrowDown':
        return column.find((p) => p.row > here.row)?.el;
      default:
        return column.findLast((p) => p.row < here.row)?.el;
    }
  }

  body.addEventListener('keydown', (e) => {
    const from = e.target;
    if (!MOVES.has(e.key) || e.altKey || e.ctrlKey || e.metaKey || !(from instanceof HTMLElement) || !from.matches(selector)) return;
    const to = target(from, e.key);
    if (!to) return;
    e.preventDefault();
    stop(to);
    to.focus();
  });
  body.addEventListener('focusin', (e) => {
    if (e.target instanceof HTMLElement && e.target.matches(selector)) stop(e.target);
  });

  return () => {
    const all = items();
    if (current && all.includes(current)) return stop(current);
    const again = last && all.find((el) => el.closest('td, th') === last!.tr.children[last!.col]);
    stop(again ?? all[0] ?? null);
  };
}
