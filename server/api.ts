// The runner's JSON API under /api (PROTOCOL.md, "HTTP"): the runner probe, the hosts (listed and
// added), the live sessions and their recordings. Every request needs the token.
import { z } from 'zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { PROTOCOL_VERSION, type AddHostResponse, type HostsResponse, type RunnerInfo } from '../core/protocol.ts';
import { securityHeaders } from './headers.ts';
import { hasToken, originAllowed } from './auth.ts';
import { addHost, HostsFileError, listHosts, NewHostSchema, publicEntry, type HostsFileEntry } from './hosts.ts';
import type { Env, Paths } from './paths.ts';
import type { SessionManager } from './sessions.ts';
import { json, readJsonBody } from './json-body.ts';
import { fleetHandler } from './fleet/http.ts';
import type { FleetRuns } from './fleet/runs.ts';

export interface ApiOptions {
  paths: Paths;
  env: Env;
  token: string;
  sessions: SessionManager;
  fleet: FleetRuns;
  /** Hosts given by the program that started the server. */
  extraHosts: HostsFileEntry[];
  log(line: string): void;
}

export type ApiHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

/** The handler of every request under /api (the Host header already checked). */
export function apiHandler({ paths, env, token, sessions, fleet, extraHosts, log }: ApiOptions): ApiHandler {
  const fleetApi = fleetHandler(fleet);
  let lastHostErrors = '';
  /** The hosts, logging what is wrong with the hosts file once, not at every request. */
  const hosts = () => {
    const list = listHosts(paths, env, extraHosts);
    const text = list.errors.join('\n');
    if (text && text !== lastHostErrors) log(text);
    lastHostErrors = text;
    return list;
  };

  /**
   * POST /api/hosts {host, user?, port?}: "Add a server…" of the panel. It needs the token in its
   * Authorization header, which a page of another origin cannot send without a CORS preflight this
   * server never grants; a browser's Origin, when sent, must be this one.
   */
  async function addHostFrom(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.origin !== undefined && !originAllowed(req)) return json(res, 403, { error: 'Forbidden: another origin' });
    const body = await readJsonBody(req, res, 4096);
    if (!body) return;
    const parsed = NewHostSchema.safeParse(body.data);
    if (!parsed.success) return json(res, 400, { error: z.prettifyError(parsed.error) });
    try {
      const added = addHost(paths, env, parsed.data);
      log(`added host "${added}" to ${paths.hostsFile}`);
      const list = hosts();
      const body: AddHostResponse = { added, hosts: list.hosts.map(publicEntry), errors: list.errors };
      return json(res, 201, body);
    } catch (e) {
      if (e instanceof HostsFileError) return json(res, 409, { error: e.message });
      throw e;
    }
  }

  /** GET /api/sessions/:id/recording.cast: the asciicast file, also after the session ended. */
  function recording(res: ServerResponse, id: string): void {
    const file = sessions.recordings.get(id);
    if (!file || !existsSync(file)) {
      json(res, 404, { error: 'No recording for this session' });
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/x-asciicast',
      'content-disposition': `attachment; filename="runguide-${id}.cast"`,
      'content-length': statSync(file).size,
      'cache-control': 'no-store',
      ...securityHeaders(),
    });
    createReadStream(file).pipe(res);
  }

  return (req, res, url) => {
    if (!hasToken(req, token)) return json(res, 401, { error: 'Missing or wrong token: open the URL the runner printed at start' });
    if (url.pathname === '/api/fleet' || url.pathname.startsWith('/api/fleet/')) return fleetApi(req, res, url);
    if (req.method === 'POST' && url.pathname === '/api/hosts')
      return void addHostFrom(req, res).catch((e: unknown) => {
        if (!res.headersSent) json(res, 500, { error: `The host could not be added: ${(e as Error).message}` });
      });
    if (req.method !== 'GET') return json(res, 405, { error: 'Only GET here (and POST /api/hosts, /api/fleet)' });
    if (url.pathname === '/api/runner') {
      const info: RunnerInfo = { version: PROTOCOL_VERSION, hosts: hosts().hosts.map(publicEntry) };
      return json(res, 200, info);
    }
    if (url.pathname === '/api/hosts') {
      const list = hosts();
      const body: HostsResponse = { hosts: list.hosts.map(publicEntry), errors: list.errors };
      return json(res, 200, body);
    }
    if (url.pathname === '/api/sessions') {
      return json(
        res,
        200,
        sessions.list().map((s) => ({ id: s.id, host: s.host.id, attached: s.attached, startedAt: s.startedAt.toISOString() })),
      );
    }
    const rec = /^\/api\/sessions\/([0-9a-f-]{36})\/recording\.cast$/.exec(url.pathname);
    if (rec) return recording(res, rec[1]!);
    return json(res, 404, { error: `No API endpoint ${url.pathname}` });
  };
}
