// The fleet request's bounds and the command they give: forks default to 10 and never pass 50,
// whoever builds the command; host variables that may hold a secret never leave the runner.
import { describe, expect, test } from 'vitest';
import { atRiskInventory, FLEET_VERDICTS, FleetRequestSchema } from '../../core/fleet.ts';
import { playbookArgv, shownCommand } from '../../server/fleet/command.ts';
import { parseInventoryList, publicVars } from '../../server/fleet/inventory.ts';

const base = { runbook: 'cpanel-backup-freeze', lang: 'en', hosts: ['web1'] };

describe('fleet request', () => {
  test('forks: 10 by default, 1..50, whole numbers only', () => {
    expect(FleetRequestSchema.parse(base).forks).toBe(10);
    expect(FleetRequestSchema.parse({ ...base, forks: 50 }).forks).toBe(50);
    for (const forks of [0, 51, 2.5, -1, '10']) expect(FleetRequestSchema.safeParse({ ...base, forks }).success, String(forks)).toBe(false);
  });

  test('exactly one of hosts and inventory; no empty list, no unknown field', () => {
    expect(FleetRequestSchema.safeParse({ ...base, inventory: 'web1\n' }).success).toBe(false);
    expect(FleetRequestSchema.safeParse({ runbook: base.runbook, lang: 'en' }).success).toBe(false);
    expect(FleetRequestSchema.safeParse({ ...base, hosts: [] }).success).toBe(false);
    expect(FleetRequestSchema.safeParse({ ...base, command: 'rm -rf /' }).success).toBe(false);
    expect(FleetRequestSchema.safeParse({ ...base, hosts: Array(501).fill('h') }).success).toBe(false);
    expect(FleetRequestSchema.safeParse({ ...base, hosts: undefined, inventory: 'x'.repeat(256 * 1024 + 1) }).success).toBe(false);
    expect(FleetRequestSchema.safeParse({ runbook: base.runbook, lang: 'en', inventory: '[web]\nweb1\n' }).success).toBe(true);
  });

  test('the command carries the forks asked for, and refuses more than 50 even past the schema', () => {
    expect(playbookArgv('/x/inventory', '/x/p.yml', FleetRequestSchema.parse(base).forks)).toEqual([
      'ansible-playbook',
      '-i',
      '/x/inventory',
      '/x/p.yml',
      '--forks',
      '10',
    ]);
    expect(playbookArgv('/x/i', '/x/p.yml', 3).slice(-2)).toEqual(['--forks', '3']);
    expect(() => playbookArgv('/x/i', '/x/p.yml', 51)).toThrow(/forks/);
    expect(() => shownCommand('/x/i', 'p.yml', 0)).toThrow(/forks/);
    expect(shownCommand('/tmp/runguide-fleet-a/inventory.json', 'diag en.yml', 7)).toBe(
      "ansible-playbook -i inventory.json 'diag en.yml' --forks 7",
    );
  });
});

describe('host variables', () => {
  test('passwords, secrets, tokens and vault values are left out; the rest become strings', () => {
    const vars = publicVars({
      ansible_host: '10.0.0.1',
      ansible_port: 2222,
      ansible_password: 'hunter2',
      ansible_become_password: 'x',
      ansible_ssh_pass: 'x',
      ansible_become_pass: 'x',
      db_secret: 'x',
      API_TOKEN: 'x',
      vaulted: { __ansible_vault: '$ANSIBLE_VAULT;1.1;AES256\n…' },
      tags: ['a', 'b'],
    });
    expect(vars).toEqual({ ansible_host: '10.0.0.1', ansible_port: '2222', tags: '["a","b"]' });
  });

  test("ansible-inventory's list: hosts of every group (also those without variables), sorted", () => {
    const inv = parseInventoryList(
      JSON.stringify({
        _meta: { hostvars: { web1: { ansible_port: 22, ansible_password: 'p' } } },
        all: { children: ['ungrouped', 'web'] },
        web: { hosts: ['web2', 'web1'] },
        ungrouped: { hosts: ['db'] },
      }),
    );
    expect(inv).toEqual({ hosts: ['db', 'web1', 'web2'], vars: { db: {}, web1: { ansible_port: '22' }, web2: {} } });
  });
});

describe('at-risk inventory', () => {
  test('both kinds of risk, with their variables, in the group runguide_at_risk; nobody else', () => {
    const rows = FLEET_VERDICTS.map((verdict, i) => ({ host: `h${i}-${verdict}`, verdict, vars: { ansible_port: String(2200 + i) } }));
    expect(JSON.parse(atRiskInventory(rows))).toEqual({
      all: {
        children: {
          runguide_at_risk: { hosts: { 'h0-at-risk': { ansible_port: '2200' }, 'h1-at-risk-latent': { ansible_port: '2201' } } },
        },
      },
    });
  });
});
