// The step module contract: malformed runbooks are refused at load, bad parameter values can never
// become a command, and verdicts and the at-risk assessment follow the module's expectations.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineRunbook, distroFamily, type Distro, type RunbookInput } from '../../core/schema.ts';
import { adviceAfter, assess, evaluate, ParamError, renderCommand, findStep } from '../../core/render.ts';
import { runbooks } from '../../runbooks/index.ts';

const rb = runbooks['cpanel-backup-freeze']!;

function minimal(over: Partial<RunbookInput> = {}): RunbookInput {
  return {
    slug: 'demo',
    source: { url: 'https://example.org/g', licence: 'CC BY-NC-SA 4.0', licenceUrl: 'https://example.org/l' },
    fixes: [{ id: 'agent', maintenanceWindow: false }],
    risk: { now: [['agent-running']] },
    recommend: 'agent',
    steps: [
      { id: 'check', factor: 'agent-running', risk: 'read-only', root: false, run: 'true', expect: { pass: { exit: [0] } } },
      {
        id: 'apply',
        fix: 'agent',
        risk: 'changes',
        root: true,
        run: 'true',
        expect: { pass: { exit: [0] } },
        verify: { run: 'true', expect: { pass: { exit: [0] } } },
      },
    ],
    ...over,
  };
}

describe('defineRunbook', () => {
  it('accepts a well-formed runbook', () => {
    expect(defineRunbook(minimal()).steps).toHaveLength(2);
  });

  it('refuses duplicate step ids', () => {
    const steps = minimal().steps;
    expect(() => defineRunbook(minimal({ steps: [...steps, steps[0]!] }))).toThrow(/duplicate step id check/);
  });

  it('refuses a change step outside a fix and one without verify', () => {
    const [check, apply] = minimal().steps;
    expect(() => defineRunbook(minimal({ steps: [{ ...check!, risk: 'changes' }, apply!] }))).toThrow(
      /only a fix's steps may change the system/,
    );
    const { verify: _, ...noVerify } = apply!;
    expect(() => defineRunbook(minimal({ steps: [check!, noVerify] }))).toThrow(/needs a verify/);
  });

  it('refuses an undeclared placeholder and an unused parameter', () => {
    const [check, apply] = minimal().steps;
    expect(() => defineRunbook(minimal({ steps: [check!, { ...apply!, run: 'usermod {{user}}' }] }))).toThrow(
      /\{\{user\}\} is not a declared parameter/,
    );
    const param = { pattern: /^[a-z]+$/, example: 'alice', maxLength: 16 };
    expect(() => defineRunbook(minimal({ steps: [check!, { ...apply!, params: { user: param } }] }))).toThrow(
      /parameter user is never used/,
    );
  });

  it('refuses a parameter pattern that is not anchored', () => {
    const [check, apply] = minimal().steps;
    const param = { pattern: /[a-z]+/, example: 'alice', maxLength: 16 };
    expect(() => defineRunbook(minimal({ steps: [check!, { ...apply!, run: 'id {{user}}', params: { user: param } }] }))).toThrow(
      /anchored/,
    );
  });

  it('refuses an at-risk rule naming a factor no step checks', () => {
    expect(() => defineRunbook(minimal({ risk: { now: [['agent-running']], latent: [['freeze-order']] } }))).toThrow(/no step checks/);
  });
});

describe('ifVerifyFails: what a failed verify calls for', () => {
  const [check, apply] = minimal().steps;
  const verifyWithFail = { run: 'true', expect: { pass: { exit: [0] }, fail: { exit: [1] } } };

  it("defaults to 'rollback', and takes 'restart' on a change step whose verify can fail", () => {
    expect(defineRunbook(minimal()).steps[1]!.ifVerifyFails).toBe('rollback');
    const rb2 = defineRunbook(minimal({ steps: [check!, { ...apply!, verify: verifyWithFail, ifVerifyFails: 'restart' }] }));
    expect(rb2.steps[1]!.ifVerifyFails).toBe('restart');
  });

  it("refuses another value, and 'restart' where it could never apply", () => {
    expect(() => defineRunbook(minimal({ steps: [check!, { ...apply!, ifVerifyFails: 'reboot' as 'restart' }] }))).toThrow(/ifVerifyFails/);
    // The verify has no fail expectation: it can only pass or err.
    expect(() => defineRunbook(minimal({ steps: [check!, { ...apply!, ifVerifyFails: 'restart' }] }))).toThrow(
      /needs a change step whose verify has a fail/,
    );
    expect(() => defineRunbook(minimal({ steps: [{ ...check!, ifVerifyFails: 'restart' }, apply!] }))).toThrow(/needs a change step/);
  });

  it("adviceAfter: a restart only for the verify's fail of such a step; a rollback for any other failed change", () => {
    const remove = findStep(rb, 'securetmp-remove')!;
    expect(remove.ifVerifyFails).toBe('restart');
    expect(adviceAfter(remove, 'verify', 'fail')).toBe('restart');
    expect(adviceAfter(remove, 'verify', 'error')).toBe('rollback'); // not applied, or a reboot did not help
    expect(adviceAfter(remove, 'run', 'error')).toBe('rollback'); // a command failed
    expect(adviceAfter(remove, 'verify', 'pass')).toBeNull();
    expect(adviceAfter(remove, 'rollback', 'error')).toBeNull();
    // Every other change step keeps the rollback; checks get no advice.
    for (const s of rb.steps.filter((x) => x.id !== 'securetmp-remove'))
      expect(adviceAfter(s, 'verify', 'fail'), s.id).toBe(s.risk === 'read-only' ? null : 'rollback');
  });
});

describe('renderCommand', () => {
  const step = findStep(rb, 'shell-user')!;

  it('substitutes a valid parameter', () => {
    expect(renderCommand(step, 'run', 'el', { user: 'alice' })).toContain('whmapi1 modifyacct user=alice shell=/bin/bash)');
    expect(renderCommand(step, 'rollback', 'ubuntu', { user: 'bob2' })).toContain('/var/lib/runguide/shell-before.bob2');
  });

  it.each([['alice; rm -rf /'], ['$(id)'], ['Alice'], ['a b'], [''], ['x'.repeat(17)], ['../etc']])(
    'refuses %j before any command exists',
    (bad) => {
      expect(() => renderCommand(step, 'run', 'el', { user: bad })).toThrow(ParamError);
    },
  );

  it('refuses a missing or unknown parameter', () => {
    expect(() => renderCommand(step, 'run', 'el', {})).toThrow(/required/);
    expect(() => renderCommand(step, 'run', 'el', { user: 'alice', shell: 'sh' })).toThrow(/no parameter "shell"/);
  });

  it('picks the distro variant', () => {
    const v = findStep(rb, 'agent-version')!;
    expect(renderCommand(v, 'run', 'el')).toContain('rpm -q');
    expect(renderCommand(v, 'run', 'ubuntu')).toContain('dpkg-query');
  });
});

describe('distro families', () => {
  it('reads the family from os-release ID and ID_LIKE words, EL first', () => {
    expect(distroFamily(['almalinux', 'rhel', 'centos', 'fedora'])).toBe('el');
    expect(distroFamily(['cloudlinux'])).toBe('el');
    expect(distroFamily(['debian'])).toBe('ubuntu');
    expect(distroFamily(['linuxmint', 'ubuntu', 'debian'])).toBe('ubuntu');
    expect(distroFamily(['ubuntu', 'rhel'])).toBe('el');
    expect(distroFamily(['arch'])).toBeNull();
    expect(distroFamily([])).toBeNull();
  });
});

describe('agent-version on a host without its package tool', () => {
  // The check's verdict for a PATH holding only the given stand-ins of rpm/dpkg-query (neither
  // can report an installed qemu-guest-agent on this machine): bash builtins need nothing else.
  const root = mkdtempSync(join(tmpdir(), 'runguide-agent-version-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const step = findStep(rb, 'agent-version')!;
  let n = 0;
  const verdict = (distro: Distro, stubs: Record<string, string> = {}) => {
    const bin = join(root, String(n++));
    mkdirSync(bin);
    for (const [name, body] of Object.entries(stubs)) {
      writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    }
    const r = spawnSync('/bin/bash', ['-c', renderCommand(step, 'run', distro)], { encoding: 'utf8', env: { PATH: bin } });
    return evaluate(step.expect, r.status ?? -1, r.stdout);
  };

  it('gives an error, not "not installed", when rpm or dpkg-query is missing', () => {
    expect(verdict('el')).toBe('error');
    expect(verdict('ubuntu')).toBe('error');
  });

  it('still passes when the package is not installed, and fails on an old agent', () => {
    expect(verdict('el', { rpm: 'echo "package qemu-guest-agent is not installed"; exit 1' })).toBe('pass');
    expect(verdict('el', { rpm: 'printf 8.2.0' })).toBe('fail');
    expect(verdict('el', { rpm: 'printf 10.1.0' })).toBe('pass');
    expect(verdict('ubuntu', { 'dpkg-query': 'echo "dpkg-query: no packages found matching qemu-guest-agent" >&2; exit 1' })).toBe('pass');
    // dpkg-query's answer to the check's -f '${db:Status-Status} ${Version}'.
    expect(verdict('ubuntu', { 'dpkg-query': 'printf "installed 1:8.2.2+ds-0ubuntu1"' })).toBe('fail');
    expect(verdict('ubuntu', { 'dpkg-query': 'printf "installed 1:10.0.2+ds-2"' })).toBe('pass');
    // Removed but not purged: only its configuration files are left, nothing can run.
    expect(verdict('ubuntu', { 'dpkg-query': 'printf "config-files 1:8.2.2+ds-0ubuntu1"' })).toBe('pass');
  });
});

describe('evaluate and assess', () => {
  const expectation = { pass: { exit: [0] }, fail: { exit: [1] } };

  it('maps exit codes to pass, fail and error', () => {
    expect(evaluate(expectation, 0, '')).toBe('pass');
    expect(evaluate(expectation, 1, '')).toBe('fail');
    expect(evaluate(expectation, 127, 'command not found')).toBe('error');
  });

  it('requires the stdout pattern when one is given', () => {
    const e = { pass: { exit: [0], stdout: /result: 1/ } };
    expect(evaluate(e, 0, 'metadata:\n  result: 1\n')).toBe('pass');
    expect(evaluate(e, 0, 'metadata:\n  result: 0\n')).toBe('error');
  });

  it('finds the host at risk only when every condition group has a failed factor', () => {
    const atRisk = {
      'agent-running': 'fail',
      'agent-enabled': 'pass',
      'agent-version': 'fail',
      'freeze-order': 'fail',
      'tmp-loop': 'fail',
      'virtfs-users': 'fail',
    } as const;
    expect(assess(rb, atRisk)).toMatchObject({ outcome: 'at-risk', atRisk: true, recommend: 'agent' });
    // The mounts are safe now, but VirtFS will mount after the loop /tmp.
    expect(assess(rb, { ...atRisk, 'freeze-order': 'pass' })).toMatchObject({
      outcome: 'at-risk-latent',
      atRisk: true,
      recommend: 'agent',
    });
    expect(assess(rb, { ...atRisk, 'freeze-order': 'pass', 'virtfs-users': 'pass' })).toMatchObject({
      outcome: 'not-at-risk',
      atRisk: false,
      recommend: null,
    });
    // The agent masked: neither running nor enabled.
    expect(assess(rb, { ...atRisk, 'agent-running': 'pass', 'agent-enabled': 'pass' }).outcome).toBe('not-at-risk');
    // A check that could not run leaves the verdict open rather than calling the host safe.
    expect(assess(rb, { ...atRisk, 'freeze-order': 'error', 'virtfs-users': 'pass' }).outcome).toBe('undecided');
    // One factor of a group passed, the other was never checked: still open.
    expect(assess(rb, { ...atRisk, 'agent-running': 'pass', 'agent-enabled': undefined }).outcome).toBe('undecided');
  });
});
