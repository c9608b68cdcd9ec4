// A fleet run's inventory: written from the panel's host ids (hosts.json entries, ~/.ssh/config
// aliases, the lab, this machine), or pasted by the user; either way read back through the real
// `ansible-inventory --list`, whose refusal is what the user is shown, and whose host variables,
// passwords left out, go with each host's row (for the at-risk inventory).
import { execFile } from 'node:child_process';
import type { ResolvedHost } from '../hosts.ts';

/** A request the user must change (HTTP 400). */
export class FleetInputError extends Error {}

export interface Inventory {
  /** Inventory names, sorted. */
  hosts: string[];
  /** Each host's variables as `ansible-inventory --list` resolves them, secrets left out. */
  vars: Record<string, Record<string, string>>;
}

/** Single-quoted for the shlex split ansible applies to ansible_ssh_extra_args. */
const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`);

/** The variables that make ansible reach a host as the runner's own ssh does. */
function hostVars(h: ResolvedHost): Record<string, string | number> {
  if (h.kind === 'local') return { ansible_connection: 'local', ansible_python_interpreter: '{{ ansible_playbook_python }}' };
  const t = h.target;
  if (!t) throw new Error(`host ${h.id} has no ssh target`);
  // An alias of ~/.ssh/config: ansible's ssh reads that file as ssh does; the name is the host.
  if (h.source === 'ssh-config') return {};
  const extra = [
    ...(t.identityFile ? ['-o', 'IdentitiesOnly=yes'] : []),
    ...(t.knownHostsFile ? ['-o', quote(`UserKnownHostsFile=${t.knownHostsFile}`)] : []),
  ];
  return {
    ansible_host: t.host,
    ...(t.user ? { ansible_user: t.user } : {}),
    ...(t.port ? { ansible_port: t.port } : {}),
    ...(t.identityFile ? { ansible_ssh_private_key_file: t.identityFile } : {}),
    ...(extra.length ? { ansible_ssh_extra_args: extra.join(' ') } : {}),
  };
}

/** A YAML inventory (as JSON) of the hosts the panel lists under these ids; unknown ids refused. */
export function inventoryFromHosts(ids: readonly string[], known: readonly ResolvedHost[]): string {
  const hosts: Record<string, Record<string, string | number>> = {};
  const unknown: string[] = [];
  for (const id of ids) {
    const h = known.find((k) => k.id === id);
    if (h) hosts[id] = hostVars(h);
    else unknown.push(id);
  }
  if (unknown.length) throw new FleetInputError(`Unknown host id(s): ${unknown.join(', ')} (GET /api/hosts lists them)`);
  return `${JSON.stringify({ all: { hosts } }, null, 2)}\n`;
}

/** Variable names that may hold a secret: never sent to the page, never in a saved inventory. */
const SECRET = /pass|secret|token|vault/i;

/** A host's variables as strings, secrets and vault-encrypted values left out. */
export function publicVars(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (SECRET.test(k) || v === null || v === undefined) continue;
    if (typeof v === 'object' && '__ansible_vault' in v) continue;
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** Folds `ansible-inventory --list` output: every group's hosts, and the hostvars. */
export function parseInventoryList(json: string): Inventory {
  const data = JSON.parse(json) as Record<string, { hosts?: string[]; hostvars?: Record<string, Record<string, unknown>> }>;
  const names = new Set<string>();
  for (const [group, body] of Object.entries(data)) if (group !== '_meta') for (const h of body.hosts ?? []) names.add(h);
  const hostvars = data._meta?.hostvars ?? {};
  for (const h of Object.keys(hostvars)) names.add(h);
  const hosts = [...names].sort();
  return { hosts, vars: Object.fromEntries(hosts.map((h) => [h, publicVars(hostvars[h] ?? {})])) };
}

const LIST_TIMEOUT_MS = 120_000;

/** `ansible-inventory -i file --list`: the hosts and their variables, or its words when it refuses. */
export function readInventory(file: string, env: Record<string, string>, cwd: string): Promise<Inventory> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'ansible-inventory',
      ['-i', file, '--list'],
      { env, cwd, timeout: LIST_TIMEOUT_MS, maxBuffer: 64 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          const words = stderr.trim() || err.message;
          return reject(new FleetInputError(`ansible-inventory refused the inventory:\n${words.replaceAll(file, 'inventory')}`));
        }
        try {
          const inv = parseInventoryList(stdout);
          if (!inv.hosts.length) return reject(new FleetInputError('The inventory lists no hosts'));
          resolve(inv);
        } catch (e) {
          reject(new Error(`ansible-inventory printed no inventory: ${(e as Error).message}`));
        }
      },
    );
    child.stdin?.end();
  });
}
