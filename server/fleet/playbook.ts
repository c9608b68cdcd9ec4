// The fleet run's playbook: the very file `./runguide export <slug> --format ansible --lang <lang>`
// writes, made by running that command (cli/export.ts): its texts are read from the runbook's
// pages and its version from package.json there, as for a user's export; the runner's layer
// (server/) imports neither. The check titles of the `start` event are read back from the
// playbook's own `rg_titles`, so the table and the playbook say the same.
import { execFile } from 'node:child_process';
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Locale } from '../../core/locales.ts';
import { diagnosisSteps } from '../../core/render.ts';
import type { Runbook } from '../../core/schema.ts';
import { projectRoot } from '../options.ts';
import { FleetInputError } from './inventory.ts';

export interface Playbook {
  /** The file, in the run's folder. */
  file: string;
  /** Its name, as the export names it (e.g. cpanel-backup-freeze-diagnosis-en.yml). */
  name: string;
  checks: { step: string; title: string }[];
}

const EXPORT_TIMEOUT_MS = 120_000;
/** The CLI runs from its sources (.ts), as `./runguide export` runs it: Node >= 22.12 strips the types, with this flag before 23.6. */
const STRIP_TYPES = (process.features as { typescript?: unknown }).typescript ? [] : ['--experimental-strip-types'];

/** The CLI's export, as argv: the command a user runs for the same file. */
export const exportArgs = (slug: string, lang: Locale) => ['export', slug, '--format', 'ansible', '--lang', lang];

/** Writes the runbook's diagnosis playbook in `lang` into `dir` (a folder of its own). */
export async function writePlaybook(
  runbook: Runbook,
  slug: string,
  lang: Locale,
  dir: string,
  env: Record<string, string>,
): Promise<Playbook> {
  const root = projectRoot();
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...STRIP_TYPES, join(root, 'cli', 'export.ts'), ...exportArgs(slug, lang).slice(1), '--output', join(dir, 'playbook.yml')],
      { cwd: root, env, timeout: EXPORT_TIMEOUT_MS, encoding: 'utf8' },
      (err, _stdout, stderr) => {
        if (!err) return resolve();
        // Exit 2: the CLI refused the options (e.g. a language the runbook is not written in).
        const words = stderr.replace(/\n\(see \.\/runguide export --help\)\n?$/, '').trim();
        if (err.code === 2) return reject(new FleetInputError(words));
        reject(new Error(`the playbook could not be exported: ${words || err.message}`));
      },
    );
    child.stdin?.end();
  });
  const text = readFileSync(join(dir, 'playbook.yml'), 'utf8');
  // Named as the export names it, so that the command shown runs the same file name.
  const said = /^# ansible-playbook -i <inventory> ([\w.-]+\.yml)$/m.exec(text)?.[1];
  const name = said ?? 'playbook.yml';
  const file = join(dir, name);
  if (said) renameSync(join(dir, 'playbook.yml'), file);
  const plays = parse(text, { customTags: [{ tag: '!unsafe', resolve: (s: string) => s }] }) as {
    vars?: { rg_titles?: Record<string, string> };
  }[];
  const titles = plays[0]?.vars?.rg_titles ?? {};
  const checks = diagnosisSteps(runbook).map((s) => ({ step: s.id, title: titles[s.id] ?? s.id }));
  return { file, name, checks };
}
