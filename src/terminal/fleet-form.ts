// The fleet view's form: which servers (checkboxes over the runner's hosts, grouped by where they
// come from, or a pasted Ansible inventory), how many at a time, Start and Stop.
import { FLEET_DEFAULT_FORKS, FLEET_MAX_FORKS, type FleetRequestInput } from '../../core/fleet.ts';
import { type HostEntry, HostsResponseSchema } from '../../core/protocol.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { h, uniqueId } from './fleet-dom.ts';
import { authHeaders } from './token.ts';

const HOST_GROUPS: HostEntry['source'][] = ['builtin', 'lab', 'hosts-file', 'ssh-config'];

export interface FleetForm {
  element: HTMLFormElement;
  /** Asks the runner for its hosts; says so if it cannot. */
  load(): Promise<void>;
  /** The request's hosts or inventory and forks, or null after saying what is missing. */
  read(): Pick<FleetRequestInput, 'hosts' | 'inventory' | 'forks'> | null;
  running(on: boolean): void;
  /** Says a problem under the buttons ('' clears it). */
  say(text: string): void;
}

export function createFleetForm(s: TerminalStrings, on: { start(): void; stop(): void }): FleetForm {
  const f = s.fleet;
  const radio = (value: string, text: string, checked = false) =>
    h('label', { class: 'rg-fleet-choice' }, h('input', { type: 'radio', name: 'source', value, checked }), text);
  const all = h('input', { type: 'checkbox', class: 'rg-fleet-all' });
  const list = h('div', { class: 'rg-fleet-list' }, h('label', { class: 'rg-fleet-choice' }, all, f.selectAll));
  const groups = h('div', { class: 'rg-fleet-groups' });
  list.append(groups);
  const inventoryId = uniqueId('rg-fleet-inventory');
  const inventory = h('textarea', { id: inventoryId, name: 'inventory', rows: 8, spellcheck: 'false', autocapitalize: 'off' });
  const pasted = h('p', { class: 'rg-fleet-pasted', hidden: true }, h('label', { for: inventoryId }, f.inventory), inventory);
  const forks = h('input', { type: 'number', name: 'forks', min: 1, max: FLEET_MAX_FORKS, value: FLEET_DEFAULT_FORKS, required: true });
  const start = h('button', { type: 'submit', class: 'rg-button rg-fleet-start' }, f.start);
  const stop = h('button', { type: 'button', class: 'rg-button rg-fleet-stop', hidden: true }, f.stop);
  const problem = h('p', { class: 'rg-fleet-problem', role: 'alert' });
  const form = h(
    'form',
    { class: 'rg-fleet-form' },
    h(
      'fieldset',
      {},
      h('legend', {}, f.which),
      h('p', { class: 'rg-fleet-sources' }, radio('hosts', f.fromList, true), radio('inventory', f.fromInventory)),
      list,
      pasted,
    ),
    h('p', { class: 'rg-fleet-settings' }, h('label', {}, h('span', {}, f.forks), forks), start, stop),
    problem,
  );

  const boxes = () => [...groups.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
  const source = () => (form.elements.namedItem('source') as RadioNodeList).value;
  form.addEventListener('change', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.name === 'source') {
      list.hidden = source() !== 'hosts';
      pasted.hidden = source() !== 'inventory';
    } else if (target === all) for (const b of boxes()) b.checked = all.checked;
    else if (target.type === 'checkbox') {
      const n = boxes().filter((b) => b.checked).length;
      all.checked = n > 0 && n === boxes().length;
      all.indeterminate = n > 0 && n < boxes().length;
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    on.start();
  });
  stop.addEventListener('click', () => on.stop());

  function show(hosts: HostEntry[]) {
    groups.replaceChildren(
      ...HOST_GROUPS.flatMap((src) => {
        const entries = hosts.filter((x) => x.source === src);
        if (entries.length === 0) return [];
        const items = entries.map((x) =>
          h(
            'li',
            {},
            h(
              'label',
              { class: 'rg-fleet-choice' },
              h('input', { type: 'checkbox', name: 'host', value: x.id }),
              x.kind === 'local' ? s.thisMachine : x.label,
            ),
          ),
        );
        return [h('fieldset', { class: 'rg-fleet-group' }, h('legend', {}, s.hostSources[src]), h('ul', {}, ...items))];
      }),
    );
  }

  return {
    element: form,
    async load() {
      try {
        const res = await fetch('/api/hosts', { headers: authHeaders() });
        const parsed = HostsResponseSchema.safeParse(await res.json());
        if (!res.ok || !parsed.success) throw new Error(`HTTP ${res.status}`);
        show(parsed.data.hosts);
      } catch {
        problem.textContent = s.hostsUnavailable;
      }
    },
    read() {
      problem.textContent = '';
      const n = Number(forks.value);
      if (!forks.checkValidity() || !Number.isInteger(n)) {
        forks.reportValidity();
        return null;
      }
      if (source() === 'inventory') {
        if (inventory.value.trim()) return { inventory: inventory.value, forks: n };
      } else {
        const hosts = boxes()
          .filter((b) => b.checked)
          .map((b) => b.value);
        if (hosts.length > 0) return { hosts, forks: n };
      }
      problem.textContent = f.noHosts;
      return null;
    },
    running(on) {
      const focused = document.activeElement === start || document.activeElement === stop;
      start.disabled = on;
      stop.hidden = !on;
      stop.disabled = false;
      if (focused) (on ? stop : start).focus();
    },
    say(text) {
      problem.textContent = text;
    },
  };
}
