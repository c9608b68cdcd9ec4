// The terminal itself: xterm.js and its add-ons in the site's colours, opened in the drawer's
// screen on first use. What is typed goes to `send`; it knows nothing of hosts or runs.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import type { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
// As text, injected on load: a CSS file imported by a lazily loaded script is not emitted here.
import xtermCss from '@xterm/xterm/css/xterm.css?inline';
import type { ClientMessage } from '../../core/protocol.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { dimColour, followSiteTheme } from './theme.ts';
import { terminalKeys } from './terminal-keys.ts';

/** Input goes out in pieces of at most this many characters (a paste can be large). */
const INPUT_CHUNK = 65536;

export interface TerminalView {
  readonly term: Terminal;
  /** The search add-on, loaded at the first search: most sessions never search. */
  search(): Promise<SearchAddon>;
  /** Opens xterm in the screen, once: it measures itself, so the drawer must be visible. */
  mount(): void;
  /** Fits the terminal's rows and columns to the screen. */
  fit(): void;
}

export function createTerminalView(
  screen: HTMLElement,
  drawer: HTMLElement,
  s: TerminalStrings,
  send: (m: ClientMessage) => void,
): TerminalView {
  const style = document.createElement('style');
  style.dataset.rg = 'xterm';
  style.textContent = xtermCss;
  document.head.append(style);

  const term = new Terminal({
    cursorBlink: true,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: 14,
    // At line height 1 the DOM renderer clips the underscore of some monospace fonts below the
    // row: `kernel.hung_task_panic` read as `kernel.hung task panic`.
    lineHeight: 1.2,
    scrollback: 5000,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  let search: Promise<SearchAddon> | null = null;
  const loadSearch = () =>
    (search ??= import('@xterm/addon-search').then(({ SearchAddon }) => {
      const addon = new SearchAddon();
      term.loadAddon(addon);
      return addon;
    }));
  term.loadAddon(new WebLinksAddon());
  followSiteTheme((theme) => {
    term.options.theme = theme;
    screen.style.setProperty('--rg-term-bg', theme.background ?? '');
    screen.style.setProperty('--rg-term-dim', dimColour(theme));
  });

  let mounted = false;
  function mount() {
    if (mounted) return;
    mounted = true;
    term.open(screen);
    // For `bench/browser-bench.ts` and the console, as ttyd's page has `window.term`: the instance.
    // xterm's DOM renderer draws: WebGL measured worse for keystrokes (bench/README.md, browser).
    (screen as HTMLElement & { rgTerm?: Terminal }).rgTerm = term;
    // The focusable part of xterm: name it in the page's language, and point it at the key hints.
    term.textarea?.setAttribute('aria-label', s.terminal);
    term.textarea?.setAttribute('aria-describedby', 'rg-keyboard-hint');
    fit.fit();
    term.onData((data) => {
      for (let i = 0; i < data.length; i += INPUT_CHUNK) send({ type: 'input', data: data.slice(i, i + INPUT_CHUNK) });
    });
    term.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows }));
    new ResizeObserver(() => {
      if (!drawer.hidden) fit.fit();
    }).observe(screen);
    term.attachCustomKeyEventHandler(terminalKeys(term));
  }

  return { term, search: loadSearch, mount, fit: () => fit.fit() };
}
