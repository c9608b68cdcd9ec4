// A real server starts and ends processes all the time (cron, mail, PHP workers). A check that lists
// /proc must not print an error when a process ends between the listing and the read: in the fix
// script that stray line on stderr made a passing run look broken (seen in CI, export-shell-fix).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { exampleParams, renderCommand } from '../../core/render.ts';
import type { Step } from '../../core/schema.ts';
import { LOCAL_DISTRO, runbook } from '../helpers/export-common.ts';

// The read-only commands that walk /proc: every check's run and every fix step's verify.
const walkers = runbook.steps
  .flatMap((step: Step) =>
    (step.fix ? (['verify'] as const) : (['run'] as const)).map((which) => ({
      name: `${step.id} (${which})`,
      command: step.fix && !step.verify ? '' : renderCommand(step, which, LOCAL_DISTRO, exampleParams(step)),
    })),
  )
  .filter((w) => w.command.includes('/proc/[0-9]*'));

// Each round of the walk meets processes that end under it: on this 2-core machine one walk in two
// did with the old redirection order, so 30 rounds leave the race no chance to hide.
const ROUNDS = 30;
let churn: ChildProcess;

beforeAll(() => {
  churn = spawn('bash', ['-c', 'while :; do /bin/true; done'], { stdio: 'ignore' });
});
afterAll(() => {
  churn.kill('SIGKILL');
});

describe('checks that list processes, while processes come and go', () => {
  test('there are such commands (agent-running, agent-version, the mask verify)', () => {
    expect(walkers.map((w) => w.name)).toEqual(
      expect.arrayContaining(['agent-running (run)', 'agent-version (run)', 'agent-mask (verify)']),
    );
  });
  for (const { name, command } of walkers)
    test(`${name} prints nothing on stderr`, () => {
      const loop = `for i in $(seq ${ROUNDS}); do ( ${command}\n) >/dev/null; done`;
      const r = spawnSync('bash', ['-c', loop], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(r.stderr.split('\n').filter((l) => l.includes('/proc/'))).toEqual([]);
    });
});
