// The session with the runner: one Connection at a time (a new one replaces the old), its state in
// the drawer's header, and its id kept with the tab so that a reload reattaches. It handles the
// messages about the session itself (ready, exit) and says errors; the rest go to `message`.
import type { Terminal } from '@xterm/xterm';
import type { ClientMessage } from '../../core/protocol.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { fill } from '../../core/locales.ts';
import type { AlertLine } from './alert.ts';
import { Connection, type ConnectionState, type ServerMessage } from './connection.ts';
import type { HostPicker } from './host-picker.ts';
import type { RecordingLink } from './recording-link.ts';
import { markedSecrets } from './secrets.ts';
import { SESSION_KEY } from './session-key.ts';

/** loader.ts reads it too: a tab that has it reopens the panel on load. */

export interface SessionDeps {
  term: Terminal;
  stateText: HTMLElement;
  hosts: Pick<HostPicker, 'label' | 'errors'>;
  alert: AlertLine;
  recording: RecordingLink;
  s: TerminalStrings;
  /** Every message but ready and exit; an error is said in the alert line first. */
  message(m: ServerMessage): void;
  /** A new connection replaced the old one: what ran on the old one will not finish. */
  replaced(): void;
  /** The connection is lost (closed, retrying, runner stopped); `problem` says why. */
  lost(problem: string): void;
}

export interface Session {
  /** Whether a connection was ever made (the first open of the drawer makes it). */
  readonly started: boolean;
  send(m: ClientMessage): void;
  /** Connects to `host`, replacing any connection; `resume` reattaches to a session. */
  connect(host: string, resume?: string): void;
  /** Resolves once connected (connecting to `host` if nothing is under way); false if it fails. */
  connected(host: string): Promise<boolean>;
  /** The session this tab had before a reload, if any. */
  saved(): { session: string; host: string } | undefined;
  /** Starting over: no session to come back to after a reload. */
  forgetSaved(): void;
}

export function createSession(d: SessionDeps): Session {
  const { term, stateText, hosts, alert, s } = d;
  let conn: Connection | undefined;
  let connState: ConnectionState = 'closed';
  let waiters: ((ok: boolean) => void)[] = [];

  function connect(host: string, resume?: string) {
    conn?.close();
    d.replaced();
    d.recording.hide();
    term.reset();
    // Events of a replaced connection (a host switch) must not touch the new one.
    const c: Connection = new Connection(
      host,
      {
        state: (st) => c === conn && onState(st),
        output: (text, written) => (c === conn ? term.write(text, written) : undefined),
        message: (m) => c === conn && onMessage(m),
        reattaching: () => c === conn && term.reset(), // the runner replays the screen
      },
      () => ({ cols: term.cols, rows: term.rows }),
      resume,
    );
    conn = c;
    c.start();
  }

  function onState(state: ConnectionState) {
    connState = state;
    const text =
      state === 'open'
        ? fill(s.state.connected, { host: hosts.label() })
        : state === 'connecting'
          ? fill(s.state.connecting, { host: hosts.label() })
          : state === 'reconnecting'
            ? s.state.reconnecting
            : state === 'stopped'
              ? s.state.stopped
              : stateText.dataset.ended
                ? fill(s.state.ended, { host: hosts.label() })
                : s.state.offline;
    stateText.textContent = text;
    if (state === 'stopped') alert.say(s.runnerStopped);
    if (state === 'open' || state === 'closed' || state === 'stopped') {
      for (const w of waiters) w(state === 'open');
      waiters = [];
    }
    if (state === 'closed' || state === 'reconnecting' || state === 'stopped') {
      // The runner's own words (shown in the alert) say more than "Not connected".
      alert.problem = alert.text || text;
      d.lost(alert.problem);
    }
  }

  function onMessage(m: ServerMessage) {
    switch (m.type) {
      case 'ready':
        delete stateText.dataset.ended;
        alert.say(hosts.errors); // what was wrong with the hosts file stays said
        sessionStorage.setItem(SESSION_KEY, JSON.stringify({ session: m.session, host: m.host }));
        d.recording.show(m.session, m.recording);
        // A new session, or the runner's after a reconnect: it redacts what this tab still holds.
        for (const value of markedSecrets()) conn?.send({ type: 'secret', value });
        return;
      case 'exit':
        stateText.dataset.ended = 'true';
        sessionStorage.removeItem(SESSION_KEY);
        term.write(`\r\n\x1b[2m[${fill(s.state.ended, { host: hosts.label() })}]\x1b[0m\r\n`);
        return;
      case 'error':
        if (m.code === 'declined') return; // our own Cancel: the step already says so
        alert.say(fill(s.serverError, { message: m.message }));
        break;
    }
    d.message(m);
  }

  return {
    get started() {
      return conn !== undefined;
    },
    send: (m) => void conn?.send(m),
    connect,
    connected(host) {
      if (conn?.connected) return Promise.resolve(true);
      if (!conn || connState === 'closed' || connState === 'stopped') connect(host);
      return new Promise((resolve) => waiters.push(resolve));
    },
    saved() {
      try {
        const v = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
        return typeof v?.session === 'string' && typeof v?.host === 'string' ? v : undefined;
      } catch {
        return undefined;
      }
    },
    forgetSaved: () => sessionStorage.removeItem(SESSION_KEY),
  };
}
