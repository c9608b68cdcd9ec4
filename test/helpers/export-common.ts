// Shared by the export tests: the runbook, its localized texts as the CLI reads them, in-process
// exports, the CLI itself, and the verdicts this machine gives when each check is run directly.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import runbook from '../../runbooks/cpanel-backup-freeze/steps.ts';
import { readRunbookTexts } from '../../src/build/runbook-pages.ts';
import { exportRunbook, type ExportOptionsInput } from '../../export/index.ts';
import type { ExportStrings } from '../../i18n/export.ts';
import { assess, diagnosisSteps, evaluate, exampleParams, fixSteps, renderCommand } from '../../core/render.ts';
import type { Verdict } from '../../core/step-ref.ts';
import { OUTCOME_EXIT, type Distro, type FixId } from '../../core/schema.ts';
import { localeIds, type Locale } from '../../core/locales.ts';

export { runbook };

export const ROOT = join(import.meta.dirname, '..', '..');
export const texts = readRunbookTexts(ROOT, runbook.slug);
/** The locales whose MDX exists today (writers add the others). */
export const locales = localeIds.filter((l) => texts[l]);
export const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const FIXES = runbook.fixes.map((f) => f.id);
/** This machine is Debian: its commands are the `ubuntu` family's. */
export const LOCAL_DISTRO: Distro = 'ubuntu';

/** Example values for every parameter the export's steps take. */
export function paramsFor(fix: FixId | 'none', rollback = false): Record<string, string> {
  if (fix === 'none') return {};
  const steps = fixSteps(runbook, fix).filter((s) => !rollback || s.rollback);
  return Object.assign({}, ...steps.map(exampleParams));
}

export function generate(options: ExportOptionsInput) {
  return exportRunbook(runbook, texts, options, version);
}

/** `node cli/export.ts …` (what `./runguide export` runs once Node and the dependencies are there). */
export function cli(args: string[], opts: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'cli/export.ts'), ...args], { encoding: 'utf8', cwd: ROOT, ...opts });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs every diagnosis check here with bash, as the runner would, and judges it with evaluate(). */
export function localVerdicts(distro: Distro = LOCAL_DISTRO, env: NodeJS.ProcessEnv = process.env): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  for (const step of diagnosisSteps(runbook)) {
    const r = spawnSync('bash', ['-c', renderCommand(step, 'run', distro)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
    out[step.id] = evaluate(step.expect, r.status ?? -1, r.stdout);
  }
  return out;
}

/** The diagnosis exit status the script promises: 0 not at risk, 1 at risk (now or latent), 3 undecided. */
export function expectedStatus(verdicts: Record<string, Verdict>): number {
  return OUTCOME_EXIT[assess(runbook, verdicts).outcome];
}

/**
 * The verdict of each report line of a script's output, in order: "  PASS: …", "  ÉCHEC : …",
 * "  NON SUPERATO: …" (the words are the glossary's, some of them two words long).
 */
export function reportedVerdicts(stdout: string, t: ExportStrings): Verdict[] {
  const starts = (['pass', 'fail', 'error'] as const).map((v) => [`  ${t.sh[v]}${t.colon}`, v] as const);
  return stdout.split('\n').flatMap((line) => starts.filter(([start]) => line.startsWith(start)).map(([, v]) => v));
}

export type { Locale };
