// The fleet run on the wire (server/PROTOCOL.md): POST /api/fleet starts it, its events arrive as
// ndjson on GET /api/fleet/<run>/events, read with fetch and the response's ReadableStream (an
// EventSource cannot send the token's header), POST /api/fleet/<run>/stop stops it.
import { type FleetEvent, FleetEventSchema, type FleetRequestInput, FleetStartedSchema } from '../../core/fleet.ts';
import { authHeaders } from './token.ts';

/** The runner refused the run (bad input, no ansible-playbook, too many runs): its own words. */
export class FleetRefused extends Error {
  override name = 'FleetRefused';
}

/** The lines of a byte stream, each whole and decoded, the last one even without its newline. */
export async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  // Streaming: a character split across two chunks is decoded whole.
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += decoder.decode(value, { stream: true });
      const parts = rest.split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
    rest += decoder.decode();
    if (rest) yield rest;
  } finally {
    reader.releaseLock();
  }
}

/** Each event of an ndjson stream, checked against the contract; blank lines are skipped. */
export async function* fleetEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<FleetEvent> {
  for await (const line of lines(body)) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`not JSON: ${line.slice(0, 80)}`);
    }
    const parsed = FleetEventSchema.safeParse(json);
    if (!parsed.success) throw new Error(`not a fleet event: ${line.slice(0, 80)}`);
    yield parsed.data;
  }
}

async function refusal(res: Response): Promise<FleetRefused> {
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  return new FleetRefused(typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`);
}

/** Starts a run; its id. Throws FleetRefused with the runner's reason. */
export async function startFleet(request: FleetRequestInput): Promise<string> {
  const res = await fetch('/api/fleet', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders() },
    body: JSON.stringify(request),
  });
  if (res.status !== 202) throw await refusal(res);
  const parsed = FleetStartedSchema.safeParse(await res.json());
  if (!parsed.success) throw new FleetRefused(`HTTP ${res.status}`);
  return parsed.data.run;
}

/** The run's events, from its start, until the runner ends the stream after `done`. */
export async function* followFleet(run: string): AsyncGenerator<FleetEvent> {
  const res = await fetch(`/api/fleet/${encodeURIComponent(run)}/events`, { headers: authHeaders(), cache: 'no-store' });
  if (!res.ok || !res.body) throw await refusal(res);
  yield* fleetEvents(res.body);
}

export async function stopFleet(run: string): Promise<void> {
  const res = await fetch(`/api/fleet/${encodeURIComponent(run)}/stop`, { method: 'POST', headers: authHeaders() });
  if (!res.ok) throw await refusal(res);
}
