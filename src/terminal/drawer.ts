// The terminal drawer of the dock: shown and hidden by "Open terminal" (whose label follows),
// closed by Escape outside the terminal (which keeps Escape for its programs), resized by its
// handle with the pointer or the arrow keys.
import type { TerminalStrings } from '../../i18n/terminal.ts';

export interface Drawer {
  readonly element: HTMLElement;
  readonly hidden: boolean;
  show(): void;
  /** Hides it; the focus, if it was inside, goes back to "Open terminal". */
  hide(): void;
}

export function createDrawer(dock: HTMLElement, s: TerminalStrings): Drawer {
  const drawer = dock.querySelector<HTMLElement>('.rg-drawer')!;
  const openButton = dock.querySelector<HTMLButtonElement>('.rg-open')!;

  function show() {
    drawer.hidden = false;
    openButton.setAttribute('aria-expanded', 'true');
    openButton.textContent = s.closeTerminal;
  }

  function hide() {
    const hadFocus = drawer.contains(document.activeElement);
    drawer.hidden = true;
    openButton.setAttribute('aria-expanded', 'false');
    openButton.textContent = s.openTerminal;
    if (hadFocus) openButton.focus();
  }

  drawer.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || (e.target as Element).closest('.xterm')) return;
    e.preventDefault();
    hide();
  });
  followResizeHandle(dock, drawer);

  return {
    element: drawer,
    get hidden() {
      return Boolean(drawer.hidden);
    },
    show,
    hide,
  };
}

/** The handle above the drawer sets its height, in pixels, kept between 160 and the window less 64. */
function followResizeHandle(dock: HTMLElement, drawer: HTMLElement) {
  const resize = dock.querySelector<HTMLElement>('.rg-resize')!;
  const setHeight = (px: number) => {
    const h = Math.max(160, Math.min(px, window.innerHeight - 64));
    dock.style.setProperty('--rg-drawer-height', `${h}px`);
    resize.setAttribute('aria-valuenow', String(Math.round((h / window.innerHeight) * 100)));
  };
  resize.setAttribute('aria-valuemin', '0');
  resize.setAttribute('aria-valuemax', '100');
  resize.setAttribute('aria-valuenow', '40');
  resize.addEventListener('pointerdown', (e) => {
    resize.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => setHeight(window.innerHeight - ev.clientY);
    resize.addEventListener('pointermove', move);
    resize.addEventListener('pointerup', () => resize.removeEventListener('pointermove', move), { once: true });
  });
  resize.addEventListener('keydown', (e) => {
    const step = e.key === 'ArrowUp' ? 32 : e.key === 'ArrowDown' ? -32 : 0;
    if (!step) return;
    e.preventDefault();
    setHeight(drawer.offsetHeight + step);
  });
}

/**
 * Scrolls the page so that `el` (a step's verdict) sits above the dock, once the drawer has its
 * height: scrollIntoView alone would go by a dock height that is still changing.
 */
export async function revealAboveDock(dock: HTMLElement, el: HTMLElement): Promise<void> {
  await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  const room = dock.getBoundingClientRect().top - 16;
  const r = el.getBoundingClientRect();
  const top = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
  if (r.bottom > room) window.scrollBy({ top: r.bottom - room });
  else if (r.top < top) window.scrollBy({ top: r.top - top - 16 });
}
