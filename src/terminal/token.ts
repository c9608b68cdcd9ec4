// The runner's token of this start, for this tab only. `./runguide start` prints it in the URL's
// fragment (#token=…), which the browser never sends anywhere; a script on every page moves it
// into sessionStorage, which belongs to this origin (scheme, host and port), and out of the
// address bar. It then travels in an Authorization header and in the WebSocket's subprotocols.
// Not a cookie: a cookie for 127.0.0.1 reaches every port of 127.0.0.1, so any local web server
// the user visits would receive it.

import { TERM_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../core/wire.ts';

export const TOKEN_KEY = 'runguide:token';

/** The inline script every page runs first (the site's <head>; the runner allows it by hash). */
export const CAPTURE_SCRIPT = `(() => {
  const m = /^#token=([0-9a-f]{16,128})$/.exec(location.hash);
  if (!m) return;
  sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, m[1]);
  history.replaceState(history.state, '', location.pathname + location.search);
})();`;

export function runnerToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Headers for the runner's API: the token, when this tab has one. */
export function authHeaders(): Record<string, string> {
  const token = runnerToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The subprotocols to open /api/term with. */
export function termProtocols(): string[] {
  const token = runnerToken();
  return token ? [TERM_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token] : [TERM_PROTOCOL];
}

export type RunnerState = 'ready' | 'unauthorized' | 'absent';

/** Whether this page is served by the runner, and whether this tab may use it. */
export async function detectRunner(): Promise<RunnerState> {
  try {
    const res = await fetch('/api/runner', { headers: { accept: 'application/json', ...authHeaders() }, cache: 'no-store' });
    // A static host may answer any path with a page: only the runner's JSON counts.
    if (res.ok) return (await res.json().catch(() => null))?.version === 1 ? 'ready' : 'absent';
    return res.status === 401 || res.status === 403 ? 'unauthorized' : 'absent';
  } catch {
    return 'absent'; // no server behind this page (a static web host, a file), or it stopped
  }
}
