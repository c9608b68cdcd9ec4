// The drawer's "Download" link for the session's recording, shown when the runner records (it
// was started with --record). The API wants the token in a header, which a plain link cannot
// send: a click fetches the file, then saves it.
import type { TerminalStrings } from '../../i18n/terminal.ts';
import type { AlertLine } from './alert.ts';
import { authHeaders } from './token.ts';

export interface RecordingLink {
  hide(): void;
  /** Points the link at the session's recording; shown only if there is one. */
  show(session: string, recording: boolean): void;
}

export function createRecordingLink(link: HTMLAnchorElement, s: TerminalStrings, alert: AlertLine): RecordingLink {
  link.addEventListener('click', async (e) => {
    e.preventDefault();
    try {
      const res = await fetch(link.href, { headers: authHeaders() });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(await res.blob());
      a.download = link.download;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    } catch (err) {
      alert.say(`${s.downloadFailed} (${(err as Error).message})`);
    }
  });
  return {
    hide() {
      link.hidden = true;
    },
    show(session, recording) {
      link.href = `/api/sessions/${encodeURIComponent(session)}/recording.cast`;
      link.download = `runguide-${session}.cast`;
      link.hidden = !recording;
    },
  };
}
