// Fleet diagnosis on the wire: the page asks the runner to run a runbook's exported diagnosis
// playbook over several hosts with ansible-playbook, and reads each host's results as they come
// (POST /api/fleet, GET /api/fleet/<run>/events as ndjson). See server/PROTOCOL.md.
import { z } from './zod.ts';
import { LocaleSchema } from './locales.ts';
import { FixIdSchema, OUTCOMES } from './schema.ts';
import { VerdictSchema } from './step-ref.ts';

export const FLEET_MAX_HOSTS = 500;
export const FLEET_MAX_INVENTORY = 256 * 1024;
export const FLEET_MAX_FORKS = 50;
export const FLEET_DEFAULT_FORKS = 10;
/** How many fleet runs may run at once (a third one is refused with 429). */
export const FLEET_MAX_RUNS = 2;
/** The group of atRiskInventory(), for `ansible-playbook -l` or a fix playbook's `hosts:`. */
export const AT_RISK_GROUP = 'runguide_at_risk';

const HostId = z.string().check(z.minLength(1), z.maxLength(128));

export const FleetRequestSchema = z
  .strictObject({
    /** A runbook slug. */
    runbook: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/), z.maxLength(64)),
    /** The playbook's language: the page's. */
    lang: LocaleSchema,
    /** Host ids as GET /api/hosts lists them. */
    hosts: z.optional(z.array(HostId).check(z.minLength(1), z.maxLength(FLEET_MAX_HOSTS))),
    /** A pasted Ansible inventory, INI or YAML. */
    inventory: z.optional(z.string().check(z.minLength(1), z.maxLength(FLEET_MAX_INVENTORY))),
    forks: z._default(z.int().check(z.minimum(1), z.maximum(FLEET_MAX_FORKS)), FLEET_DEFAULT_FORKS),
  })
  .check(z.refine((r) => (r.hosts === undefined) !== (r.inventory === undefined), 'give either hosts or an inventory, not both'));
export type FleetRequest = z.infer<typeof FleetRequestSchema>;
export type FleetRequestInput = z.input<typeof FleetRequestSchema>;

/** A host's row: the runbook's four outcomes, or the host could not be reached. */
export const FLEET_VERDICTS = [...OUTCOMES, 'unreachable'] as const;
export const FleetVerdictSchema = z.enum(FLEET_VERDICTS);
export type FleetVerdict = z.infer<typeof FleetVerdictSchema>;

const Vars = z.record(z.string(), z.string());

export const FleetEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    run: z.string(),
    runbook: z.string(),
    /** Inventory names, sorted. */
    hosts: z.array(z.string()),
    /** The diagnosis steps, in order, titles in the request's language. */
    checks: z.array(z.object({ step: z.string(), title: z.string() })),
    /** The ansible-playbook command line as a user would type it. */
    command: z.string(),
    forks: z.int(),
  }),
  z.object({
    type: z.literal('check'),
    host: z.string(),
    step: z.string(),
    verdict: VerdictSchema,
    /** The last line the check printed, at most 300 characters. */
    output: z.string().check(z.maxLength(300)),
    /** The check's stdout and stderr, at most 8 KiB, redacted. */
    text: z.string(),
    /** The command the host ran (its family's), redacted: what a report quotes. */
    command: z.optional(z.string()),
  }),
  z.object({
    type: z.literal('host'),
    host: z.string(),
    verdict: FleetVerdictSchema,
    /** Step ids whose check found its factor (failed). */
    found: z.array(z.string()),
    /** assess().recommend. */
    fix: z.nullable(FixIdSchema),
    /** Why, for unreachable and undecided; '' otherwise. */
    message: z.string(),
    /** The host's inventory variables (never passwords), for the at-risk inventory. */
    vars: Vars,
  }),
  z.object({ type: z.literal('done'), exitCode: z.nullable(z.int()), stopped: z.boolean() }),
  /** The run could not go on (ansible-playbook died, its output was not understood). */
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type FleetEvent = z.infer<typeof FleetEventSchema>;
export type FleetStartEvent = Extract<FleetEvent, { type: 'start' }>;
export type FleetCheckEvent = Extract<FleetEvent, { type: 'check' }>;
export type FleetHostEvent = Extract<FleetEvent, { type: 'host' }>;

/** POST /api/fleet → 202. */
export const FleetStartedSchema = z.object({ run: z.string() });

export interface FleetRow {
  host: string;
  verdict: FleetVerdict;
  vars: Record<string, string>;
}

/**
 * The hosts at risk (both kinds) as an Ansible YAML inventory (JSON text, which is YAML) with one
 * group `runguide_at_risk`, each host with its vars: accepted by `ansible-playbook -i FILE --list-hosts`.
 */
export function atRiskInventory(rows: readonly FleetRow[]): string {
  const hosts: Record<string, Record<string, string>> = {};
  for (const r of rows) {
    if (r.verdict === 'at-risk' || r.verdict === 'at-risk-latent') hosts[r.host] = { ...r.vars };
  }
  return `${JSON.stringify({ all: { children: { [AT_RISK_GROUP]: { hosts } } } }, null, 2)}\n`;
}
