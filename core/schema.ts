// The typed step module: the one description of a runbook's commands that the site, the runner,
// the exporters and the lab all read. Prose lives in the MDX of each locale; commands live here only.
import { z } from './zod.ts';
import type { Which } from './step-ref.ts';

/**
 * Distribution families whose commands can differ. `el`: AlmaLinux, CloudLinux, Rocky Linux (RPM);
 * `ubuntu`: Ubuntu, and Debian (dpkg/apt), which the lab VM runs.
 */
export const DISTROS = ['el', 'ubuntu'] as const;
export const DistroSchema = z.enum(DISTROS);
export type Distro = z.infer<typeof DistroSchema>;

/**
 * The /etc/os-release ID and ID_LIKE words of each family, in order of precedence (a word of an
 * earlier family wins). The runner detects a host's family with them; an exported script refuses a
 * host of another family with them.
 */
export const DISTRO_WORDS: Record<Distro, readonly string[]> = {
  el: ['rhel', 'centos', 'fedora', 'almalinux', 'rocky', 'cloudlinux', 'ol'],
  ubuntu: ['ubuntu', 'debian'],
};

/** A host's family from its lower-case os-release ID and ID_LIKE words; null when unknown. */
export function distroFamily(words: readonly string[]): Distro | null {
  return DISTROS.find((d) => words.some((w) => DISTRO_WORDS[d].includes(w))) ?? null;
}

/** read-only: safe on a production host; changes: alters the system; disruptive: may interrupt service. */
export const RiskSchema = z.enum(['read-only', 'changes', 'disruptive']);
export type Risk = z.infer<typeof RiskSchema>;

const ID = /^[a-z][a-z0-9-]*$/;
const PLACEHOLDER = /\{\{([a-z][a-zA-Z0-9]*)\}\}/g;

/** A command: one bash text for every distro, or one per distro family. `{{name}}` marks a parameter. */
const Text = z.string().check(z.minLength(1));
export const CommandSchema = z.union([Text, z.strictObject({ el: Text, ubuntu: Text })]);
export type Command = z.infer<typeof CommandSchema>;

/**
 * A parameter's value must match `pattern` in full, and the pattern may only admit characters that
 * need no quoting in bash: a command built from a bad value cannot exist, it is refused before.
 */
export const SAFE_VALUE = /^[A-Za-z0-9._-]+$/;
export const ParamSchema = z
  .strictObject({
    pattern: z.instanceof(RegExp),
    /** A valid value, used in the page's rendering, in tests and in shellcheck runs. */
    example: z.string(),
    maxLength: z.int().check(z.positive(), z.maximum(64)),
  })
  .check(
    z.refine(
      (p) => p.pattern.source.startsWith('^') && p.pattern.source.endsWith('$'),
      'a parameter pattern must be anchored with ^ and $',
    ),
    z.refine(
      (p) => p.pattern.test(p.example) && SAFE_VALUE.test(p.example),
      'the example must match the pattern and contain only shell-safe characters',
    ),
  );
export type Param = z.infer<typeof ParamSchema>;

/** A match on a finished command: exit code in `exit`, and if given, stdout matching `stdout`. */
export const MatchSchema = z.strictObject({
  exit: z.array(z.int().check(z.minimum(0), z.maximum(255))).check(z.minLength(1)),
  stdout: z.optional(z.instanceof(RegExp)),
});
export type Match = z.infer<typeof MatchSchema>;

/**
 * What a run means. `pass` is the healthy outcome (for a check: this risk factor is absent; for a
 * change: it was applied). `fail` is the outcome the check exists to catch. Anything else is `error`
 * (command missing, permission denied…), which is never read as a pass.
 */
export const ExpectSchema = z.strictObject({ pass: MatchSchema, fail: z.optional(MatchSchema) });
export type Expect = z.infer<typeof ExpectSchema>;

export const CheckSchema = z.strictObject({ run: CommandSchema, expect: ExpectSchema });

export const FixIdSchema = z.enum(['agent', 'shell', 'securetmp', 'upgrade']);
export type FixId = z.infer<typeof FixIdSchema>;

/**
 * What a change step's failed verify calls for. `rollback`: the change did not take, undo it.
 * `restart`: the change is applied but takes full effect only once the server restarts (e.g. a
 * mount still held in a service's private mount namespace), so the advice is to restart the
 * server in the maintenance window, not to undo it.
 */
export const IfVerifyFailsSchema = z.enum(['rollback', 'restart']);
export type IfVerifyFails = z.infer<typeof IfVerifyFailsSchema>;

/** Diagnosis findings the summary combines: each is what a failing check of that factor reveals. */
export const FactorSchema = z.enum([
  'agent-channel',
  'agent-running',
  'agent-enabled',
  'agent-old',
  'loop-tmp',
  'virtfs-users',
  'virtfs-mounts',
  'freeze-order',
  'past-hang',
  'panic-on-hang',
]);
export type Factor = z.infer<typeof FactorSchema>;

/**
 * A rule in conjunctive form: it holds when every group holds, and a group holds when a check of
 * one of its factors failed (found the factor). It does not hold when some group's checks all
 * passed; otherwise (a check errored or did not run) it is unknown.
 */
export const RuleSchema = z.array(z.array(FactorSchema).check(z.minLength(1))).check(z.minLength(1));
export type Rule = z.infer<typeof RuleSchema>;

/**
 * `now`: the host is at risk as it stands. `latent`: it is not yet, but becomes so by itself
 * (for this runbook: as soon as VirtFS mounts, at a user's login, mail or cron run).
 */
export const RiskRulesSchema = z.strictObject({ now: RuleSchema, latent: z.optional(RuleSchema) });
export type RiskRules = z.infer<typeof RiskRulesSchema>;

/** What a diagnosis concludes. `undecided` whenever a check the conclusion depends on could not look. */
export const OUTCOMES = ['at-risk', 'at-risk-latent', 'not-at-risk', 'undecided'] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** The exit status of a diagnosis script for each outcome (both kinds of risk exit 1). */
export const OUTCOME_EXIT: Record<Outcome, 0 | 1 | 3> = { 'at-risk': 1, 'at-risk-latent': 1, 'not-at-risk': 0, undecided: 3 };

export const StepSchema = z
  .strictObject({
    id: z.string().check(z.regex(ID)),
    /** Absent: a diagnosis step. Present: a step of that fix. */
    fix: z.optional(FixIdSchema),
    /** For diagnosis steps: the factor a `fail` reveals. */
    factor: z.optional(FactorSchema),
    risk: RiskSchema,
    root: z.boolean(),
    params: z._default(z.record(z.string().check(z.regex(/^[a-z][a-zA-Z0-9]*$/)), ParamSchema), {}),
    run: CommandSchema,
    expect: ExpectSchema,
    /** Re-checks the state a change step meant to reach. */
    verify: z.optional(CheckSchema),
    /** Undoes a change step. */
    rollback: z.optional(CommandSchema),
    /** What to advise when the verify gives `fail` (read through render.ts `adviceAfter`). */
    ifVerifyFails: z._default(IfVerifyFailsSchema, 'rollback'),
    /** Seconds before the runner gives up waiting for the step's end marker. */
    timeout: z._default(z.int().check(z.positive(), z.maximum(3600)), 60),
  })
  .check(
    z.superRefine((step, ctx) => {
      if (step.risk !== 'read-only' && !step.fix)
        ctx.addIssue({ code: 'custom', message: `step ${step.id}: only a fix's steps may change the system` });
      if (!step.fix && !step.factor)
        ctx.addIssue({ code: 'custom', message: `step ${step.id}: a diagnosis step names the factor it finds` });
      if (step.risk !== 'read-only' && !step.verify)
        ctx.addIssue({ code: 'custom', message: `step ${step.id}: a change step needs a verify` });
      // A restart is advised on the verify's `fail` only: the verify must be able to give one.
      if (step.ifVerifyFails === 'restart' && (step.risk === 'read-only' || !step.verify?.expect.fail))
        ctx.addIssue({
          code: 'custom',
          message: `step ${step.id}: ifVerifyFails: 'restart' needs a change step whose verify has a fail expectation`,
        });
      // Every placeholder must be a declared parameter, and every parameter must be used.
      const used = new Set<string>();
      for (const text of commandTexts(step)) for (const m of text.matchAll(PLACEHOLDER)) used.add(m[1]!);
      for (const name of used)
        if (!(name in step.params)) ctx.addIssue({ code: 'custom', message: `step ${step.id}: {{${name}}} is not a declared parameter` });
      for (const name of Object.keys(step.params))
        if (!used.has(name)) ctx.addIssue({ code: 'custom', message: `step ${step.id}: parameter ${name} is never used` });
    }),
  );
export type StepInput = z.input<typeof StepSchema>;
export type Step = z.output<typeof StepSchema>;

export const FixSchema = z.strictObject({
  id: FixIdSchema,
  /** Disruptive fixes want a maintenance window; the page says so. */
  maintenanceWindow: z.boolean(),
});

export const RunbookSchema = z
  .strictObject({
    slug: z.string().check(z.regex(ID)),
    /** The guide the prose derives from, credited on every locale's page and in every export. */
    source: z.strictObject({ url: z.url(), licence: z.string(), licenceUrl: z.url() }),
    fixes: z.array(FixSchema).check(z.minLength(1)),
    steps: z.array(StepSchema).check(z.minLength(1)),
    /**
     * When the host is at risk, as rules in conjunctive form (see RiskRulesSchema). Declarative,
     * so the page, the runner, the script and the playbook decide alike (render.ts `assess`).
     */
    risk: RiskRulesSchema,
    /** The fix the page recommends for a host at risk. */
    recommend: FixIdSchema,
  })
  .check(
    z.superRefine((rb, ctx) => {
      const seen = new Set<string>();
      for (const s of rb.steps) {
        if (seen.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate step id ${s.id}` });
        seen.add(s.id);
        if (s.fix && !rb.fixes.some((f) => f.id === s.fix)) ctx.addIssue({ code: 'custom', message: `step ${s.id}: unknown fix ${s.fix}` });
      }
      for (const f of rb.fixes)
        if (!rb.steps.some((s) => s.fix === f.id)) ctx.addIssue({ code: 'custom', message: `fix ${f.id} has no steps` });
      for (const factor of [...rb.risk.now, ...(rb.risk.latent ?? [])].flat())
        if (!rb.steps.some((s) => s.factor === factor))
          ctx.addIssue({ code: 'custom', message: `risk names ${factor}, which no step checks` });
      if (!rb.fixes.some((f) => f.id === rb.recommend))
        ctx.addIssue({ code: 'custom', message: `recommend names unknown fix ${rb.recommend}` });
    }),
  );
export type RunbookInput = z.input<typeof RunbookSchema>;
export type Runbook = z.output<typeof RunbookSchema>;

/** Every bash text a step can produce, for every distro: run, verify and rollback. */
export function commandTexts(step: Pick<Step, Which>): string[] {
  const all = [step.run, step.verify?.run, step.rollback].filter((c): c is Command => c !== undefined);
  return all.flatMap((c) => (typeof c === 'string' ? [c] : [c.el, c.ubuntu]));
}

/** Validates a runbook module at import time, so a malformed one fails the build and the server. */
export function defineRunbook(input: RunbookInput): Runbook {
  const parsed = RunbookSchema.safeParse(input);
  if (!parsed.success) throw new Error(`runbook ${String(input.slug)} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export { PLACEHOLDER };
