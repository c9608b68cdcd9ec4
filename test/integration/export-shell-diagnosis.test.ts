// The bash diagnosis run on this machine: its verdicts against each check run directly, its output
// shown while a step runs, and checks that find risk factors (stand-ins first in PATH).
import { describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess, diagnosisSteps } from '../../core/render.ts';
import { exportStrings, outcomeText } from '../../i18n/export.ts';
import {
  LOCAL_DISTRO,
  expectedStatus,
  generate,
  localVerdicts,
  locales,
  reportedVerdicts,
  runbook,
  texts,
} from '../helpers/export-common.ts';
import { run, scriptFolder } from '../helpers/export-shell-common.ts';

const { at, write } = scriptFolder();

describe('the diagnosis on this machine', () => {
  // Each check is run here directly with bash and judged by evaluate(); the script must reach the
  // same verdicts (systemd is not PID 1 here, so some checks honestly give "error").
  const expected = localVerdicts(LOCAL_DISTRO);
  for (const lang of locales)
    test(`${lang}: every verdict and the exit status match the checks run directly`, () => {
      const path = write(`diag-${lang}.sh`, generate({ lang, distro: LOCAL_DISTRO }).content);
      const r = run(path);
      const seen = reportedVerdicts(r.stdout, exportStrings[lang]);
      expect(seen).toEqual(diagnosisSteps(runbook).map((s) => expected[s.id]));
      expect(r.status).toBe(expectedStatus(expected));
      expect(r.stdout).toContain(`\n${outcomeText(exportStrings[lang], assess(runbook, expected).outcome)}\n`);
      for (const s of diagnosisSteps(runbook)) expect(r.stdout).toContain(texts[lang]!.steps[s.id]?.title ?? s.id);
    });
});

describe("a step's output while it runs", () => {
  // A long step (a package upgrade, a slow journal) must show its lines as they come, not only
  // once it has ended. The stand-in grep, first in PATH, holds up tmp-loop's search for tmpDSK
  // (right after the check printed what /tmp is mounted from) until the test has seen that line,
  // or for 60 s, notes when it lets go, then runs the real grep.
  test('each line of a step reaches the terminal before the step has ended', async () => {
    const bin = at('slow-bin');
    spawnSync('mkdir', ['-p', bin]);
    const go = at('slow-go');
    const ended = at('slow-ended');
    writeFileSync(
      join(bin, 'grep'),
      `#!/bin/sh\ncase "$*" in *tmpDSK*) ;; *) exec /bin/grep "$@" ;; esac\nif [ ! -e ${go} ]; then\n  i=0\n  while [ ! -e ${go} ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n  touch ${ended}\nfi\nexec /bin/grep "$@"\n`,
      { mode: 0o755 },
    );
    const path = write('diag-stream.sh', generate({ lang: 'en', distro: LOCAL_DISTRO }).content);
    const p = spawn('bash', [path], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const seenWhileRunning = await new Promise<boolean>((resolve) => {
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/Step 5\/10: .*\n {4}\/tmp: /.test(out)) {
          resolve(!existsSync(ended));
          writeFileSync(go, '');
        }
      });
      p.on('close', () => resolve(false));
    });
    await new Promise((ok) => (p.exitCode === null ? p.on('close', ok) : ok(null)));
    expect(seenWhileRunning, out).toBe(true);
    expect(out).toMatch(/ {4}\/tmp: .*\n {2}PASS: /);
  });
});

describe('the diagnosis with checks that find risk factors', () => {
  // Nothing on this machine is at risk, so no check fails here. Stand-ins first in PATH report an
  // active, enabled agent 8.2 (systemd and the agent cannot run here); they exist only in this test.
  test('failed checks are reported as such, listed under "found", and the verdict follows assess()', () => {
    const bin = at('risky-bin');
    spawnSync('mkdir', ['-p', bin]);
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    stub('systemctl', 'case "$1" in is-active) echo active ;; is-enabled) echo enabled ;; esac');
    // What dpkg-query prints for the check's -f '${db:Status-Status} ${Version}' (an installed 8.2).
    stub('dpkg-query', 'echo "installed 1:8.2.2+ds-0ubuntu1"');
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    const expected = localVerdicts(LOCAL_DISTRO, env);
    expect(Object.values(expected).filter((v) => v === 'fail').length).toBeGreaterThanOrEqual(3);
    const lang = locales.at(-1)!;
    const t = exportStrings[lang];
    const path = write(`diag-risky-${lang}.sh`, generate({ lang, distro: LOCAL_DISTRO }).content);
    const r = run(path, [], env);
    expect(reportedVerdicts(r.stdout, t)).toEqual(diagnosisSteps(runbook).map((s) => expected[s.id]));
    expect(r.status).toBe(expectedStatus(expected));
    const failed = diagnosisSteps(runbook).filter((s) => expected[s.id] === 'fail');
    expect(r.stdout).toContain(`${t.verdict.found}\n${failed.map((s) => `  - ${texts[lang]!.steps[s.id]!.title}\n`).join('')}`);
    for (const s of failed) expect(r.stdout).toContain(`  ${t.sh.fail}${t.colon}${texts[lang]!.steps[s.id]!.fail ?? t.sh.failDefault}\n`);
  });
});
