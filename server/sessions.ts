// The live sessions of a server, the session limit, and each session's step runner.
import type { ErrorCode } from '../core/protocol.ts';
import type { Env, Paths } from './paths.ts';
import { listHosts, type HostsFileEntry } from './hosts.ts';
import { Session } from './session.ts';
import { StepRunner } from './step-run.ts';

export interface ManagerOptions {
  paths: Paths;
  env: Env;
  maxSessions: number;
  graceMs: number;
  record: boolean;
  /** Hosts given by the program that started the server, listed like hosts-file entries. */
  extraHosts: HostsFileEntry[];
  log(line: string): void;
}

export class SessionManager {
  readonly graceMs: number;
  #o: ManagerOptions;
  #sessions = new Map<string, Session>();
  #runners = new WeakMap<Session, StepRunner>();
  /** Ended sessions whose recording can still be downloaded: id → file. */
  readonly recordings = new Map<string, string>();

  constructor(o: ManagerOptions) {
    this.#o = o;
    this.graceMs = o.graceMs;
  }

  get size(): number {
    return this.#sessions.size;
  }

  get(id: string): Session | undefined {
    return this.#sessions.get(id);
  }

  list(): Session[] {
    return [...this.#sessions.values()];
  }

  create(hostId: string, cols: number, rows: number): { session: Session } | { error: string; code: ErrorCode } {
    if (this.#sessions.size >= this.#o.maxSessions)
      return {
        code: 'session-limit',
        error: `Too many terminals open (the limit is ${this.#o.maxSessions}, see --max-sessions); close one first`,
      };
    const { hosts, errors } = listHosts(this.#o.paths, this.#o.env, this.#o.extraHosts);
    const host = hosts.find((h) => h.id === hostId);
    if (!host) {
      const known = hosts.map((h) => h.id).join(', ');
      const why = errors.length ? ` (and: ${errors.join('; ')})` : '';
      return { code: 'unknown-host', error: `Unknown host "${hostId}"; known hosts: ${known}${why}` };
    }
    let session: Session;
    try {
      session = new Session({
        host,
        cols,
        rows,
        env: this.#o.env,
        cwd: this.#o.paths.home,
        recordings: this.#o.record ? this.#o.paths.recordings : null,
        onEnd: (s) => {
          this.#sessions.delete(s.id);
          this.#o.log(`session ${s.id} (${s.host.id}) ended`);
        },
      });
    } catch (e) {
      return { code: 'spawn-failed', error: `Could not start ${host.spawn.file} for "${hostId}": ${(e as Error).message}` };
    }
    this.#sessions.set(session.id, session);
    if (session.recorder) this.recordings.set(session.id, session.recorder.file);
    this.#runners.set(session, new StepRunner(session, this.#o.paths.auditLog));
    this.#o.log(`session ${session.id} opened on ${host.id}`);
    return { session };
  }

  runner(s: Session): StepRunner {
    return this.#runners.get(s)!;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.list().map((s) => s.destroy()));
  }
}
