// What an export contains: the validated options, and the steps it runs with their localized texts
// and their commands rendered by render.ts (so a script runs exactly what the page shows).
// Browser-safe: the page and the CLI build the same plan from the same inputs.
import { z } from '../core/zod.ts';
import { DISTROS, DistroSchema, FixIdSchema, type Distro, type FixId, type Runbook, type Step } from '../core/schema.ts';
import { LocaleSchema, type Locale } from '../core/locales.ts';
import { ParamError, diagnosisSteps, renderCommand } from '../core/render.ts';
import { changesSystem, fixOrder } from './sequence.ts';
import { exportStrings, type ExportStrings } from '../i18n/export.ts';
import type { Which } from '../core/step-ref.ts';

/** A problem with the requested export (unknown fix, missing parameter…): the user must change it. */
export class ExportError extends Error {
  override name = 'ExportError';
}

export const FORMATS = ['sh', 'ansible'] as const;

export const ExportOptionsSchema = z.strictObject({
  lang: z._default(LocaleSchema, 'en'),
  fix: z._default(z.enum(['none', ...FixIdSchema.options]), 'none'),
  format: z._default(z.enum(FORMATS), 'sh'),
  /** Shell scripts only: a playbook picks each host's commands from its facts. */
  distro: z.optional(DistroSchema),
  params: z._default(z.record(z.string(), z.string()), {}),
  rollback: z._default(z.boolean(), false),
});
export type ExportOptionsInput = z.input<typeof ExportOptionsSchema>;
export type ExportOptions = z.output<typeof ExportOptionsSchema>;

/** The distro a shell script targets when none is given: cPanel mostly runs on EL systems. */
export const DEFAULT_DISTRO: Distro = 'el';

/** Localized texts of one step, from the `<Step id title pass fail>` tags of the locale's MDX. */
export interface StepText {
  title: string;
  pass?: string;
  fail?: string;
}
/** Localized texts of a runbook in one locale: the MDX frontmatter title and its step tags. */
export interface RunbookTexts {
  title: string;
  steps: Record<string, StepText>;
}

export type Commands = Record<Distro, string>;

export interface PlannedStep {
  step: Step;
  /** 1-based position in the export. */
  n: number;
  title: string;
  passText: string;
  failText: string;
  /** True when the step alters the system (asks first, runs its verify, has a rollback to show). */
  changes: boolean;
  run: Commands;
  verify?: Commands;
  rollback?: Commands;
}

export interface Plan {
  runbook: Runbook;
  options: ExportOptions;
  /** The distros the export contains commands for. */
  distros: Distro[];
  strings: ExportStrings;
  texts: RunbookTexts;
  /** 'diagnosis', a fix, or a fix's rollback (steps in reverse order, only those with a rollback). */
  kind: 'diagnosis' | 'fix' | 'rollback';
  fix?: FixId;
  steps: PlannedStep[];
  /** runguide's version, named in the header. */
  version: string;
}

function renderAll(step: Step, which: Which, params: Record<string, string>): Commands {
  const values = Object.fromEntries(Object.keys(step.params).map((k) => [k, params[k]]));
  return Object.fromEntries(DISTROS.map((d) => [d, renderCommand(step, which, d, values)])) as Commands;
}

/** Validates the options against the runbook and resolves the steps; throws ExportError. */
export function planExport(
  runbook: Runbook,
  textsByLocale: Partial<Record<Locale, RunbookTexts>>,
  input: ExportOptionsInput,
  version: string,
): Plan {
  const parsed = ExportOptionsSchema.safeParse(input);
  if (!parsed.success)
    throw new ExportError(
      parsed.error.issues
        .map((i) => `${i.path.length ? `--${i.path.join('.')}: ` : ''}${i.message.replace(/^Invalid option/, 'invalid value')}`)
        .join('; '),
    );
  const options = parsed.data;
  const texts = textsByLocale[options.lang];
  if (!texts)
    throw new ExportError(
      `runbook ${runbook.slug} has no text in locale "${options.lang}" (src/content/docs/${options.lang}/${runbook.slug}.mdx)`,
    );
  if (options.format === 'ansible' && options.distro)
    throw new ExportError("--distro applies to shell scripts only: a playbook picks each host's commands from its facts");
  if (options.fix !== 'none' && !runbook.fixes.some((f) => f.id === options.fix))
    throw new ExportError(`runbook ${runbook.slug} has no fix "${options.fix}"`);
  if (options.rollback && options.fix === 'none') throw new ExportError('--rollback needs a fix (--fix <id>)');

  const fix = options.fix === 'none' ? undefined : options.fix;
  const kind = !fix ? 'diagnosis' : options.rollback ? 'rollback' : 'fix';
  let steps = !fix ? diagnosisSteps(runbook) : fixOrder(runbook, fix);
  if (kind === 'rollback') {
    steps = steps.filter((s) => s.rollback).reverse();
    if (steps.length === 0) throw new ExportError(`fix "${fix}" has no rollback commands`);
  }

  // Every given parameter must be used by a step, every parameter a step declares must be given.
  const declared = new Set(steps.flatMap((s) => Object.keys(s.params)));
  for (const name of Object.keys(options.params))
    if (!declared.has(name))
      throw new ExportError(
        `no step of this export has a parameter "${name}"${declared.size ? ` (parameters: ${[...declared].join(', ')})` : ''}`,
      );
  for (const name of declared)
    if (!(name in options.params)) throw new ExportError(`this export needs a value for parameter "${name}" (--param ${name}=<value>)`);

  const strings = exportStrings[options.lang];
  const planned = steps.map((step, i): PlannedStep => {
    const text = texts.steps[step.id];
    try {
      return {
        step,
        n: i + 1,
        // A step the locale's MDX does not describe yet keeps its id as its title.
        title: text?.title || step.id,
        passText: text?.pass || strings.sh.passDefault,
        failText: text?.fail || strings.sh.failDefault,
        changes: changesSystem(step),
        run: renderAll(step, kind === 'rollback' ? 'rollback' : 'run', options.params),
        ...(step.verify && kind !== 'rollback' ? { verify: renderAll(step, 'verify', options.params) } : {}),
        ...(step.rollback ? { rollback: renderAll(step, 'rollback', options.params) } : {}),
      };
    } catch (e) {
      if (e instanceof ParamError) throw new ExportError(e.message);
      throw e;
    }
  });
  const distros = options.format === 'sh' ? [options.distro ?? DEFAULT_DISTRO] : [...DISTROS];
  return { runbook, options, distros, strings, texts, kind, ...(fix ? { fix } : {}), steps: planned, version };
}

/** The options as CLI flags, for the header of the exported file (and for the user to re-run). */
export function optionFlags(plan: Plan): string {
  const o = plan.options;
  const flags = [`--lang ${o.lang}`, `--fix ${o.fix}`, `--format ${o.format}`];
  if (o.format === 'sh') flags.push(`--distro ${plan.distros[0]}`);
  for (const [k, v] of Object.entries(o.params).sort()) flags.push(`--param ${k}=${v}`);
  if (o.rollback) flags.push('--rollback');
  return `${plan.runbook.slug} ${flags.join(' ')}`;
}

/** What names an export: enough of a plan for the page to name a file it does not build. */
export type ExportNaming = Pick<Plan, 'kind' | 'fix' | 'distros'> & {
  runbook: Pick<Runbook, 'slug'>;
  options: Pick<ExportOptions, 'format' | 'lang'>;
};

/** The suggested file name of an export. */
export function exportFileName(plan: ExportNaming): string {
  const what = plan.kind === 'diagnosis' ? 'diagnosis' : plan.kind === 'fix' ? `fix-${plan.fix}` : `rollback-${plan.fix}`;
  const distro = plan.options.format === 'sh' ? `-${plan.distros[0]}` : '';
  const ext = plan.options.format === 'sh' ? 'sh' : 'yml';
  return `${plan.runbook.slug}-${what}-${plan.options.lang}${distro}.${ext}`;
}
