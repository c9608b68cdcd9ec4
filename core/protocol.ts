// The runner's wire protocol: one WebSocket per terminal session, at /api/term.
// Text frames carry JSON messages validated by these schemas; binary frames carry terminal bytes
// (server → client: PTY output; never client → server). See server/PROTOCOL.md.
import { z } from './zod.ts';
import { DistroSchema, RiskSchema } from './schema.ts';
import { StepRefSchema, VerdictSchema, WhichSchema } from './step-ref.ts';
import { MIN_SECRET_LENGTH } from './redact.ts';

export const PROTOCOL_VERSION = 1;

/** A value marked secret: at most this long (a token, a password), one line. */
export const MAX_SECRET_LENGTH = 1024;
/** Values marked secret per session, at most (each is looked for in every line recorded). */
export const MAX_SECRETS = 64;
/** The most of a step's output a `result` carries for the page's report (characters, redacted first). */
export const REPORT_TEXT_MAX = 8192;

const Size = { cols: z.int().check(z.minimum(2), z.maximum(1000)), rows: z.int().check(z.minimum(1), z.maximum(500)) };
// Parameter names start with a letter. zod's record silently drops a "__proto__" key, so it is
// refused before: a name the step does not have must never pass unseen.
const ParamValues = z.pipe(
  z.custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Object.hasOwn(v, '__proto__'),
    'parameter names start with a letter',
  ),
  z.record(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.maxLength(64)), z.string().check(z.maxLength(256))),
);

export const ClientMessageSchema = z.discriminatedUnion('type', [
  /** First message: start a session on a host, or reattach to one within its grace period. */
  z.strictObject({
    type: z.literal('open'),
    host: z.string().check(z.minLength(1), z.maxLength(128)),
    ...Size,
    resume: z.optional(z.string().check(z.maxLength(64))),
  }),
  z.strictObject({ type: z.literal('input'), data: z.string().check(z.maxLength(65536)) }),
  z.strictObject({ type: z.literal('resize'), ...Size }),
  /** Flow control: the client has written this many more characters of output to its screen. */
  z.strictObject({ type: z.literal('ack'), chars: z.int().check(z.positive(), z.maximum(1 << 30)) }),
  /** Run a step by id. The server resolves the command; the client never sends command text. */
  z.strictObject({
    ...StepRefSchema.shape,
    type: z.literal('run'),
    which: z._default(WhichSchema, 'run'),
    params: z._default(ParamValues, {}),
  }),
  /** Answer to a `confirm` request for a step that changes the system. */
  z.strictObject({ type: z.literal('confirm'), runId: z.string().check(z.maxLength(64)), accept: z.boolean() }),
  /** A value the user marked secret: redacted from this session's recording and audit lines from now on. */
  z.strictObject({
    type: z.literal('secret'),
    value: z.string().check(z.minLength(MIN_SECRET_LENGTH), z.maxLength(MAX_SECRET_LENGTH), z.regex(/^[^\r\n]*$/)),
  }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** The `code` of an `error` message: every refusal the server sends (PROTOCOL.md explains each). */
export const ErrorCodeSchema = z.enum([
  'bad-json',
  'bad-message',
  'not-open',
  'already-open',
  'unknown-host',
  'unknown-session',
  'session-limit',
  'spawn-failed',
  'unknown-runbook',
  'unknown-step',
  'no-command',
  'bad-params',
  'busy',
  'not-at-prompt',
  'unknown-distro',
  'probe-timeout',
  'unknown-run',
  'declined',
  'sudo-refused',
  'taken-over',
  'input-full',
  'runner-stopping',
  'secret-limit',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    version: z.literal(PROTOCOL_VERSION),
    session: z.string(),
    host: z.string(),
    /** Detected distro family, null until known (e.g. while an SSH login prompt waits). */
    distro: z.nullable(DistroSchema),
    resumed: z.boolean(),
    /** The session is being recorded (the runner was started with --record): a download exists. */
    recording: z.boolean(),
  }),
  /** A step that changes the system waits for the user's explicit yes. */
  z.extend(StepRefSchema, {
    type: z.literal('confirm'),
    runId: z.string(),
    command: z.string(),
    risk: RiskSchema,
    rollback: z.nullable(z.string()),
    /** Who the command will run as on the host (`id -un`), as the runner detected it. */
    user: z._default(z.nullable(z.string()), null),
  }),
  z.extend(StepRefSchema, { type: z.literal('started'), runId: z.string(), command: z.string() }),
  z.extend(StepRefSchema, {
    type: z.literal('result'),
    runId: z.string(),
    verdict: VerdictSchema,
    exitCode: z.nullable(z.int()),
    durationMs: z.number(),
    /** On fail or error of a change step (its run or its verify): the rollback command, for the page to offer. */
    rollback: z.nullable(z.string()),
    /**
     * The verify of a step marked `ifVerifyFails: 'restart'` gave `fail`: the change is applied and
     * a restart of the server completes it. The page advises the restart and offers no rollback.
     */
    restart: z._default(z.boolean(), false),
    /** The last line the command printed (plain text, at most 300 characters): what the page quotes. */
    output: z._default(z.string().check(z.maxLength(300)), ''),
    /** All it printed, as plain text, secret-looking values redacted (core/redact.ts), for the report. */
    text: z._default(z.string().check(z.maxLength(REPORT_TEXT_MAX)), ''),
  }),
  /** Sent once per session when the runner has probed the host: its distro family and login name. */
  z.object({ type: z.literal('distro'), distro: DistroSchema, user: z._default(z.nullable(z.string()), null) }),
  /** Bad input or a refused action; the connection stays usable unless `fatal`. */
  z.object({
    type: z.literal('error'),
    code: ErrorCodeSchema,
    message: z.string(),
    fatal: z._default(z.boolean(), false),
    /** When a `run` was refused before it started: which one, so the page marks the right step. */
    run: z.optional(StepRefSchema),
  }),
  /** The shell on the host ended. */
  z.object({ type: z.literal('exit'), exitCode: z.nullable(z.int()) }),
]);
export type ServerMessage = z.input<typeof ServerMessageSchema>;

/** A host the user can pick: from the hosts file, from ~/.ssh/config, or this machine. */
export const HostEntrySchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['local', 'ssh']),
  /** `lab`: the lab VM, present while the lab state file exists. */
  source: z.enum(['builtin', 'hosts-file', 'ssh-config', 'lab']),
});
export type HostEntry = z.infer<typeof HostEntrySchema>;

/** GET /api/hosts: the hosts, and what was wrong with a hosts file that could not be read. */
export const HostsResponseSchema = z.object({ hosts: z.array(HostEntrySchema), errors: z.array(z.string()) });
export type HostsResponse = z.infer<typeof HostsResponseSchema>;
/** POST /api/hosts {host, user?, port?} → 201: the id it was added as, and the new list. */
export const AddHostResponseSchema = z.extend(HostsResponseSchema, { added: z.string() });
export type AddHostResponse = z.infer<typeof AddHostResponseSchema>;

/** GET /api/runner: lets the page detect that it is served by the runner. */
export const RunnerInfoSchema = z.object({ version: z.literal(PROTOCOL_VERSION), hosts: z.array(HostEntrySchema) });
export type RunnerInfo = z.infer<typeof RunnerInfoSchema>;
