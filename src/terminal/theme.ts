// Terminal colours for Starlight's two themes. The light palette darkens the ANSI colours that
// would be unreadable on white (yellow, cyan, bright white).
import type { ITheme } from '@xterm/xterm';

const dark: ITheme = {
  background: '#17181c',
  foreground: '#e4e6eb',
  cursor: '#e4e6eb',
  cursorAccent: '#17181c',
  selectionBackground: '#4a5a7a',
};

const light: ITheme = {
  background: '#fbfbfc',
  foreground: '#1f2328',
  cursor: '#1f2328',
  cursorAccent: '#fbfbfc',
  selectionBackground: '#b6cdf2',
  black: '#1f2328',
  red: '#b3261e',
  green: '#1a7f37',
  yellow: '#7d5a00',
  blue: '#0b57d0',
  magenta: '#8e3aa8',
  cyan: '#096a75',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#116329',
  brightYellow: '#6b4b00',
  brightBlue: '#0a3fa0',
  brightMagenta: '#6e2b87',
  brightCyan: '#0a5561',
  brightWhite: '#424a53',
};

/** Starlight sets data-theme="light" | "dark" on <html>. */
export function currentTheme(): ITheme {
  return document.documentElement.dataset.theme === 'light' ? light : dark;
}

/** Dim text (ESC[2m) at a contrast that stays readable: xterm's own halves the foreground's alpha. */
export function dimColour(theme: ITheme): string {
  return theme === light ? 'rgb(31 35 40 / 0.75)' : 'rgb(228 230 235 / 0.72)';
}

/** Calls `apply` now and whenever the site's theme switches. */
export function followSiteTheme(apply: (theme: ITheme) => void): void {
  apply(currentTheme());
  new MutationObserver(() => apply(currentTheme())).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
}
