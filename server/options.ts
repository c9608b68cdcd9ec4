// Every option of the runner, with its default, written once: `startServer` (index.ts) reads its
// options through this schema, and `./runguide start` (main.ts) checks its flags against it and
// prints its defaults in --help. Light on purpose: main.ts loads it before node-pty and xterm.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { newToken } from './auth.ts';
import { HostsFileSchema } from './hosts.ts';
import type { Env } from './paths.ts';

const printLog = (line: string): void => console.log(`runguide: ${line}`);

/** The project: the nearest folder above with a package.json (server/ in the sources, build/runner/server/ built). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const ServerOptionsSchema = z.object({
  /** 0 picks a free port (tests). */
  port: z.number().int().min(0).max(65535).default(4321),
  /** A loopback address (127.0.0.0/8, ::1, localhost): startServer refuses any other. */
  host: z.string().min(1).default('127.0.0.1'),
  /** The built site: the project's dist/. */
  dist: z.string().default(() => join(projectRoot(), 'dist')),
  /** Terminals open at once. */
  maxSessions: z.number().int().min(1).max(256).default(8),
  /** How long a terminal outlives its closed socket, for the page to reconnect to it. */
  graceMs: z.number().min(0).max(86_400_000, 'at most a day').default(60_000),
  /**
   * Record every session as asciicast v2 (default false: opt-in, as with `script` or asciinema,
   * since a recording keeps everything the terminal showed but what redact() knows to be secret).
   */
  record: z.boolean().default(false),
  /** A fixed token (tests); default: a fresh random one. */
  token: z.string().min(1).default(newToken),
  /** HOME, SHELL, XDG_* and the shell's environment. Default: process.env. */
  env: z.custom<Env>((v) => typeof v === 'object' && v !== null, 'an environment object').default(() => process.env),
  /** Extra ssh hosts (same fields as a hosts.json entry), e.g. the lab's VM without a lab file. */
  hosts: HostsFileSchema.default([]),
  /** Where the runner's log lines go. Default: stdout. */
  log: z.custom<(line: string) => void>((v) => typeof v === 'function', 'a function').default(() => printLog),
});
/** What `startServer` takes: every option may be left out. */
export type ServerOptions = z.input<typeof ServerOptionsSchema>;

/** The options `./runguide start` has flags for (main.ts). */
export const FlagOptionsSchema = ServerOptionsSchema.pick({
  port: true,
  host: true,
  dist: true,
  maxSessions: true,
  graceMs: true,
  record: true,
});
/** Their defaults, as its --help prints them. */
export const OPTION_DEFAULTS = FlagOptionsSchema.parse({});

/** The port forward that reaches a runner on another machine, at the defaults: for `ssh -L`. */
export const SSH_FORWARD = `${OPTION_DEFAULTS.port}:${OPTION_DEFAULTS.host}:${OPTION_DEFAULTS.port}`;
