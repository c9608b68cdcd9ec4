// The host picker of the drawer's header: the runner's hosts by source (this machine, the lab,
// the hosts file, ~/.ssh/config), then "Add a server…". Choosing another host asks first while
// runs are in flight, then tells `switched`.
import { HostsResponseSchema, type HostEntry, type HostsResponse } from '../../core/protocol.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { fill } from '../../core/locales.ts';
import type { AlertLine } from './alert.ts';
import { createAddHostDialog } from './add-host-dialog.ts';
import { authHeaders } from './token.ts';

const HOST_GROUPS: HostEntry['source'][] = ['builtin', 'lab', 'hosts-file', 'ssh-config'];
/** The picker's last option, which opens "Add a server…" (no host id can be empty). */
const ADD_HOST = '';

export interface HostPickerDeps {
  s: TerminalStrings;
  alert: AlertLine;
  /** Whether runs are in flight: then a switch of host asks first. */
  busy(): boolean;
  /** The user chose another host. */
  switched(host: string): void;
}

export interface HostPicker {
  /** The chosen host's id. */
  value: string;
  /** What was wrong with the hosts file, '' if nothing: said again when a session is ready. */
  readonly errors: string;
  /** The chosen host as the picker names it. */
  label(): string;
  /** The host as it reads inside a sentence ("On this machine, as root"). */
  inline(): string;
  has(id: string): boolean;
  /** Asks the runner for its hosts; says so in the alert line if it cannot. */
  load(): Promise<void>;
  /** The shown host becomes the one to come back to (a declined switch, "Add a server…"). */
  keep(): void;
}

export function createHostPicker(select: HTMLSelectElement, addDialog: HTMLDialogElement, d: HostPickerDeps): HostPicker {
  const { s, alert } = d;
  let errors = '';
  const label = () => select.selectedOptions[0]?.textContent ?? select.value;
  const has = (id: string) => [...select.options].some((o) => o.value === id && o.value !== ADD_HOST);

  /** Fills the picker (keeping the choice) and says what was wrong with the hosts file. */
  function show({ hosts, errors: problems }: HostsResponse) {
    errors = problems.join('\n');
    if (errors) alert.say(errors);
    const groups = HOST_GROUPS.map((source) => {
      const entries = hosts.filter((h) => h.source === source);
      if (entries.length === 0) return undefined;
      const group = document.createElement('optgroup');
      group.label = s.hostSources[source];
      for (const h of entries) group.append(new Option(h.kind === 'local' ? s.thisMachine : h.label, h.id));
      return group;
    });
    const selected = select.value;
    select.replaceChildren(...groups.filter((g) => g !== undefined), new Option(s.addHost.option, ADD_HOST));
    if (has(selected)) select.value = selected;
  }

  async function load() {
    let list: HostsResponse;
    try {
      const res = await fetch('/api/hosts', { headers: authHeaders() });
      const parsed = HostsResponseSchema.safeParse(await res.json());
      if (!res.ok || !parsed.success) throw new Error(`HTTP ${res.status}`);
      list = parsed.data;
    } catch {
      alert.say(s.hostsUnavailable);
      return;
    }
    show(list);
  }

  // A server added is chosen at once, as if picked.
  const dialog = createAddHostDialog(addDialog, s, (answer) => {
    show(answer);
    select.value = answer.added;
    select.dispatchEvent(new Event('change'));
  });

  let current = select.value;
  select.addEventListener('change', () => {
    if (select.value === ADD_HOST) {
      select.value = current;
      dialog.open();
      return;
    }
    if (d.busy() && !window.confirm(fill(s.switchHostBusy, { host: label() }))) {
      select.value = current;
      return;
    }
    current = select.value;
    d.switched(current);
  });

  return {
    get value() {
      return select.value;
    },
    /** Chooses a host without asking (a restored session): cancelling a later switch returns here. */
    set value(id) {
      select.value = id;
      current = id;
    },
    get errors() {
      return errors;
    },
    label,
    inline: () => (select.value === 'local' ? s.localHost : label()),
    has,
    load,
    keep() {
      current = select.value;
    },
  };
}
