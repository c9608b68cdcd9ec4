// The hosts a session can open: this machine, the runguide hosts file, the Host aliases of
// ~/.ssh/config and the lab VM. Each becomes a program and argv for node-pty; never a shell string.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { HostEntry } from '../core/protocol.ts';
import type { Env, Paths } from './paths.ts';

// Values that end up in ssh's argv: none may start with "-" (it would be read as an option).
// Host names as OpenSSH takes them (ssh.c, valid_hostname): anything but a leading "-", blanks,
// control characters and the shell's metacharacters, so "vps-1a2b3c4d.vps.ovh.net", an IPv6
// address, "user@host" and every ~/.ssh/config alias pass.
export const HostName = z
  .string()
  .min(1)
  .max(255)
  .refine(
    (s) => !s.startsWith('-') && !/[\s\x00-\x1f\x7f'`"$\\;&<>|(){}]/.test(s),
    'a host name, IP address or ~/.ssh/config alias (no blanks, quotes or shell characters, not starting with "-")',
  );
const UserName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/, 'a user name');
const FilePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((s) => !s.includes('\0') && !s.startsWith('-'), 'a file path');
const Port = z.number().int().min(1).max(65535);

/** One entry of ~/.config/runguide/hosts.json. */
export const HostsFileEntrySchema = z
  .object({
    /** How the panel names it; the host itself when absent. */
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._@:-]*$/, 'letters, digits, ".", "_", "@", ":" and "-"')
      .max(128)
      .optional(),
    label: z.string().max(128).optional(),
    host: HostName,
    user: UserName.optional(),
    port: Port.optional(),
    identityFile: FilePath.optional(),
    /** A known_hosts file used instead of ~/.ssh/known_hosts (throwaway hosts, tests, the lab). */
    knownHostsFile: FilePath.optional(),
  })
  .strict();
export const HostsFileSchema = z.array(HostsFileEntrySchema);
export type HostsFileEntry = z.infer<typeof HostsFileEntrySchema>;
/** The id an entry goes by: its own, or its host. */
export const entryId = (e: HostsFileEntry): string => e.id ?? e.host;

/** The lab's state file, written by `./runguide lab` while its VM runs. */
export const LabStateSchema = z
  .object({
    host: HostName,
    port: Port,
    user: UserName,
    identityFile: FilePath,
    knownHostsFile: FilePath,
  })
  .passthrough();

export interface SpawnSpec {
  file: string;
  args: string[];
}
/** Where an ssh host is, for another ssh client (ansible's): paths absolute; an alias alone for ~/.ssh/config's. */
export type SshTarget = Omit<HostsFileEntry, 'id' | 'label'>;
export interface ResolvedHost extends HostEntry {
  spawn: SpawnSpec;
  /** ssh hosts only. */
  target?: SshTarget;
}
export interface HostList {
  hosts: ResolvedHost[];
  errors: string[];
}

/** ssh's argv for a validated entry. -tt: a terminal even though ssh's stdin is a pty we drive. */
export function sshArgs(e: SshTarget, base: string): string[] {
  const t = sshTarget(e, base);
  const args = ['-tt'];
  if (t.port) args.push('-p', String(t.port));
  if (t.user) args.push('-l', t.user);
  if (t.identityFile) args.push('-i', t.identityFile, '-o', 'IdentitiesOnly=yes');
  if (t.knownHostsFile) args.push('-o', `UserKnownHostsFile=${t.knownHostsFile}`);
  args.push('--', t.host);
  return args;
}

/** An entry's fields with its file paths made absolute (relative to `base`). */
function sshTarget({ host, user, port, identityFile, knownHostsFile }: SshTarget, base: string): SshTarget {
  const file = (p: string | undefined) => (p ? expand(p, base) : undefined);
  return { host, user, port, identityFile: file(identityFile), knownHostsFile: file(knownHostsFile) };
}

function expand(p: string, home: string): string {
  if (p === '~' || p.startsWith('~/')) return join(home, p.slice(1));
  return isAbsolute(p) ? p : resolve(home, p);
}

export function localShell(env: Env): SpawnSpec {
  return { file: env.SHELL && isAbsolute(env.SHELL) ? env.SHELL : '/bin/bash', args: ['-l'] };
}

function readJson(file: string, schema: z.ZodType, what: string, errors: string[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    errors.push(`${what} ${file}: ${(e as Error).message}`);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    errors.push(`${what} ${file} is not valid JSON: ${(e as Error).message}`);
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    errors.push(`${what} ${file} is invalid:\n${z.prettifyError(parsed.error)}`);
    return undefined;
  }
  return parsed.data;
}

/**
 * The hosts file's entries, each checked on its own: a bad entry is reported (with its place and
 * why) and skipped, the good ones are kept.
 */
export function readHostsFile(file: string, errors: string[]): HostsFileEntry[] {
  const data = readJson(file, z.array(z.unknown()), 'hosts file', errors) as unknown[] | undefined;
  const out: HostsFileEntry[] = [];
  (data ?? []).forEach((raw, i) => {
    const parsed = HostsFileEntrySchema.safeParse(raw);
    if (parsed.success) out.push(parsed.data);
    else {
      const name = typeof raw === 'object' && raw !== null && 'host' in raw ? ` (${String((raw as { host: unknown }).host)})` : '';
      errors.push(`hosts file ${file}: entry ${i + 1}${name} is invalid, skipped:\n${z.prettifyError(parsed.error)}`);
    }
  });
  return out;
}

/** Non-wildcard `Host` aliases of an OpenSSH client config, following `Include`. */
export function sshConfigAliases(file: string, home: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || seen.size > 32) return [];
  seen.add(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const m = /^(\w+)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m || line.startsWith('#')) continue;
    const key = m[1]!.toLowerCase();
    const words = m[2]!
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.replace(/^"(.*)"$/, '$1'));
    if (key === 'host') {
      for (const w of words) if (!/[*?!]/.test(w) && HostName.safeParse(w).success) out.push(w);
    } else if (key === 'include') {
      // Relative includes are relative to ~/.ssh; globs are left out (rare, and not worth a glob engine).
      for (const w of words) {
        if (/[*?[]/.test(w)) continue;
        const inc = w.startsWith('~') ? expand(w, home) : isAbsolute(w) ? w : join(home, '.ssh', w);
        out.push(...sshConfigAliases(inc, home, seen));
      }
    }
  }
  return out;
}

/** Reads every source afresh (the lab file comes and goes). Bad files are reported, never fatal. */
export function listHosts(paths: Paths, env: Env, extra: HostsFileEntry[] = []): HostList {
  const errors: string[] = [];
  const hosts: ResolvedHost[] = [{ id: 'local', label: 'This machine', kind: 'local', source: 'builtin', spawn: localShell(env) }];
  const taken = new Set(['local']);
  if (existsSync(paths.labFile)) {
    const lab = readJson(paths.labFile, LabStateSchema, 'lab state file', errors) as z.infer<typeof LabStateSchema> | undefined;
    if (lab) {
      const base = dirname(paths.labFile);
      const spawn = { file: 'ssh', args: sshArgs(lab, base) };
      hosts.push({ id: 'lab', label: 'Lab VM', kind: 'ssh', source: 'lab', spawn, target: sshTarget(lab, base) });
      taken.add('lab');
    }
  }
  const fromFile = existsSync(paths.hostsFile) ? readHostsFile(paths.hostsFile, errors) : [];
  for (const e of [...extra, ...fromFile]) {
    const id = entryId(e);
    if (taken.has(id)) {
      errors.push(`hosts file ${paths.hostsFile}: id "${id}" is used twice (or is reserved); skipped`);
      continue;
    }
    taken.add(id);
    const label = e.label ?? `${e.user ? `${e.user}@` : ''}${e.host}${e.port ? `:${e.port}` : ''}`;
    const spawn = { file: 'ssh', args: sshArgs(e, paths.home) };
    hosts.push({ id, label, kind: 'ssh', source: 'hosts-file', spawn, target: sshTarget(e, paths.home) });
  }
  for (const alias of sshConfigAliases(paths.sshConfig, paths.home)) {
    if (taken.has(alias)) continue;
    taken.add(alias);
    const spawn = { file: 'ssh', args: ['-tt', '--', alias] };
    hosts.push({ id: alias, label: alias, kind: 'ssh', source: 'ssh-config', spawn, target: { host: alias } });
  }
  return { hosts, errors };
}

/** What the panel's "Add a server…" sends. */
export const NewHostSchema = z.object({ host: HostName, user: UserName.optional(), port: Port.optional() }).strict();

export class HostsFileError extends Error {}

/**
 * Appends an entry to the hosts file (created if missing), written whole to a temporary file and
 * renamed over, so a crash never leaves half a file. Refuses a file it cannot read (it would be
 * overwritten) and an id already listed.
 */
export function addHost(paths: Paths, env: Env, entry: z.infer<typeof NewHostSchema>): string {
  let current: unknown[] = [];
  if (existsSync(paths.hostsFile)) {
    const errors: string[] = [];
    current = (readJson(paths.hostsFile, z.array(z.unknown()), 'hosts file', errors) as unknown[] | undefined) ?? [];
    if (errors.length) throw new HostsFileError(`${errors.join('\n')}; correct it by hand first, it is not overwritten`);
  }
  const added: HostsFileEntry = {
    host: entry.host,
    ...(entry.user ? { user: entry.user } : {}),
    ...(entry.port ? { port: entry.port } : {}),
  };
  // With a user, the id says whose login it is; a host name's "%" or "[]" have no place in an id.
  if (entry.user) added.id = `${entry.user}@${entry.host}`.replace(/[^A-Za-z0-9._@:-]/g, '-');
  if (listHosts(paths, env).hosts.some((h) => h.id === entryId(added)))
    throw new HostsFileError(`"${entryId(added)}" is already in the list`);
  mkdirSync(dirname(paths.hostsFile), { recursive: true });
  const tmp = `${paths.hostsFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify([...current, added], null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, paths.hostsFile);
  return entryId(added);
}

export const publicEntry = ({ id, label, kind, source }: ResolvedHost): HostEntry => ({ id, label, kind, source });
