// The fleet's HTTP endpoints (PROTOCOL.md, "Fleet diagnosis"), behind the token check of api.ts:
//   POST /api/fleet                → 202 {run}; 400, 429, 503 {error}
//   GET  /api/fleet/<run>/events   → ndjson, one FleetEvent a line, replayed then live, ends after done
//   POST /api/fleet/<run>/stop     → 200 {} once ansible-playbook and its children are gone
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from '../../core/zod.ts';
import { FLEET_MAX_INVENTORY, FleetRequestSchema, type FleetEvent } from '../../core/fleet.ts';
import { originAllowed } from '../auth.ts';
import { securityHeaders } from '../headers.ts';
import { json, readJsonBody } from '../json-body.ts';
import { FleetInputError, FleetUnavailableError, type FleetRuns } from './runs.ts';

/** The request's body: the inventory's limit, and room for 500 host ids. */
const MAX_BODY = FLEET_MAX_INVENTORY + 96 * 1024;

export type FleetHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

export function fleetHandler(runs: FleetRuns): FleetHandler {
  async function start(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req, res, MAX_BODY);
    if (!body) return;
    const parsed = FleetRequestSchema.safeParse(body.data);
    if (!parsed.success) return json(res, 400, { error: z.prettifyError(parsed.error) });
    try {
      const run = await runs.start(parsed.data);
      json(res, 202, { run: run.id });
    } catch (e) {
      if (e instanceof FleetInputError) return json(res, 400, { error: e.message });
      if (e instanceof FleetUnavailableError) return json(res, e.status, { error: e.message });
      throw e;
    }
  }

  function events(req: IncomingMessage, res: ServerResponse, id: string): void {
    const run = runs.get(id);
    if (!run) {
      json(res, 404, { error: `No fleet run ${id}` });
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...securityHeaders(),
    });
    res.flushHeaders();
    let stop = () => {};
    const send = (e: FleetEvent) => {
      res.write(`${JSON.stringify(e)}\n`);
      if (e.type === 'done') {
        stop();
        res.end();
      }
    };
    stop = run.subscribe(send);
    req.once('close', () => stop());
  }

  return (req, res, url) => {
    // A browser's Origin, when sent, must be this one (as for every POST of the API).
    if (req.headers.origin !== undefined && !originAllowed(req)) return json(res, 403, { error: 'Forbidden: another origin' });
    const fail = (e: unknown) => {
      if (!res.headersSent) json(res, 500, { error: `The fleet run failed: ${(e as Error).message}` });
      else res.destroy();
    };
    if (url.pathname === '/api/fleet') {
      if (req.method !== 'POST') return json(res, 405, { error: 'POST a fleet request here' });
      return void start(req, res).catch(fail);
    }
    const m = /^\/api\/fleet\/([0-9a-f-]{36})\/(events|stop)$/.exec(url.pathname);
    if (!m) return json(res, 404, { error: `No API endpoint ${url.pathname}` });
    const [, id, what] = m as unknown as [string, string, 'events' | 'stop'];
    if (what === 'events') {
      if (req.method !== 'GET') return json(res, 405, { error: 'GET the events' });
      return events(req, res, id);
    }
    if (req.method !== 'POST') return json(res, 405, { error: 'POST to stop' });
    const run = runs.get(id);
    if (!run) return json(res, 404, { error: `No fleet run ${id}` });
    run.stop().then(() => json(res, 200, {}), fail);
  };
}
