// The terminal's renderer: xterm.js's WebGL renderer when the browser gives a WebGL2 context, its
// DOM renderer otherwise, and again the DOM renderer if the WebGL context is lost (a GPU reset, too
// many contexts). The add-on is fetched after the terminal opens, so the terminal's code on open
// does not grow; until then, and whenever WebGL fails, the DOM renderer draws.
import type { Terminal } from '@xterm/xterm';

/** Which renderer draws, on the screen element: `data-renderer="webgl"` or `"dom"`. */
export async function preferWebgl(term: Terminal, screen: HTMLElement): Promise<void> {
  screen.dataset.renderer = 'dom';
  try {
    const { WebglAddon } = await import('@xterm/addon-webgl');
    const addon = new WebglAddon();
    addon.onContextLoss(() => {
      // Disposing the add-on hands the screen back to xterm's DOM renderer.
      addon.dispose();
      screen.dataset.renderer = 'dom';
    });
    term.loadAddon(addon); // throws when there is no WebGL2
    screen.dataset.renderer = 'webgl';
  } catch {
    // No WebGL2 (or the chunk did not load): the DOM renderer stays.
  }
}
