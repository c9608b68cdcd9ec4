// Every command the site shows is valid bash: `bash -n` and real shellcheck, for each distro variant
// of run, verify and rollback, with the schema's example parameter values substituted. And a bad
// parameter value never becomes a command.
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { runbooks } from '../../runbooks/index.ts';
import { exampleParams, ParamError, renderCommand } from '../../core/render.ts';
import { DISTROS } from '../../core/schema.ts';

type Which = 'run' | 'verify' | 'rollback';
const cases = Object.values(runbooks).flatMap((rb) =>
  rb.steps.flatMap((step) =>
    (['run', 'verify', 'rollback'] as Which[])
      .filter((w) => w === 'run' || (w === 'verify' ? step.verify : step.rollback))
      .flatMap((which) =>
        DISTROS.map((distro) => ({
          name: `${rb.slug} ${step.id} ${which} (${distro})`,
          text: renderCommand(step, which, distro, exampleParams(step)),
        })),
      ),
  ),
);

describe('the commands of every runbook', () => {
  test('pass bash -n', () => {
    const problems = cases.flatMap(({ name, text }) => {
      const r = spawnSync('bash', ['-n'], { input: text, encoding: 'utf8' });
      return r.status === 0 ? [] : [`${name}: ${r.stderr.trim()}`];
    });
    expect(cases.length).toBeGreaterThan(0);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('pass shellcheck (bash dialect, all severities)', () => {
    const version = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
    expect(version.status, 'shellcheck is not installed (apt-get install shellcheck)').toBe(0);
    const problems = cases.flatMap(({ name, text }) => {
      const r = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', '-'], { input: text, encoding: 'utf8' });
      return r.status === 0 ? [] : [`${name}:\n${r.stdout.trim()}\n--- command ---\n${text}`];
    });
    expect(problems, problems.join('\n\n')).toEqual([]);
  });

  test('shellcheck does catch a broken command (the check is live)', () => {
    const r = spawnSync('shellcheck', ['--shell=bash', '-'], { input: 'rm -rf $dir/*\n', encoding: 'utf8' });
    expect(r.status).not.toBe(0);
  });

  test('refuse a bad parameter value before any command exists', () => {
    const withParams = Object.values(runbooks).flatMap((rb) => rb.steps.filter((s) => Object.keys(s.params).length));
    expect(withParams.length, 'no step has parameters').toBeGreaterThan(0);
    const bad = ['', 'alice; reboot', '$(id)', '`id`', 'a b', "o'neil", 'Alice', '-rf', 'x'.repeat(65), '../etc', 'a\nb'];
    for (const step of withParams)
      for (const name of Object.keys(step.params))
        for (const value of bad)
          for (const distro of DISTROS)
            expect(
              () => renderCommand(step, 'run', distro, { ...exampleParams(step), [name]: value }),
              `${step.id}: ${name}=${JSON.stringify(value)}`,
            ).toThrow(ParamError);
  });
});
