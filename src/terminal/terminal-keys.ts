// How the terminal shares the keyboard with the page. Escape goes to the program (vi needs it);
// Escape then Tab leaves the terminal, as in editors that keep Tab for themselves. Ctrl+Shift+C/V
// copy and paste, like desktop terminals.
import type { Terminal } from '@xterm/xterm';

/** xterm's custom key handler: false leaves the key to the browser. */
export function terminalKeys(term: Terminal): (e: KeyboardEvent) => boolean {
  let escaped = false;
  return (e) => {
    if (e.type !== 'keydown') return true;
    if (e.key === 'Tab' && escaped) {
      escaped = false;
      return false; // not handled by xterm: the browser moves the focus
    }
    escaped = e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.metaKey;
    if (e.ctrlKey && e.shiftKey && (e.key === 'C' || e.key === 'c')) {
      e.preventDefault();
      const text = term.getSelection();
      if (text) void navigator.clipboard?.writeText(text);
      return false;
    }
    // Not handled by xterm: the browser's own paste event fills the terminal.
    if (e.ctrlKey && e.shiftKey && (e.key === 'V' || e.key === 'v')) return false;
    return true;
  };
}
