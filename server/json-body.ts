// JSON in and out of the runner's HTTP API: the answer with its headers, and a request's body
// read within a size limit (the answer to a bad one already sent).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from './headers.ts';

export const json = (res: ServerResponse, status: number, body: unknown): void => {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...securityHeaders() })
    .end(JSON.stringify(body));
};

/**
 * The request's JSON body, or undefined once a 415 (not JSON), 413 (over `max` characters) or
 * 400 (not valid JSON) has been answered.
 */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, max: number): Promise<{ data: unknown } | undefined> {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
    json(res, 415, { error: 'Send JSON (Content-Type: application/json)' });
    return undefined;
  }
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > max) {
      json(res, 413, { error: 'Too large' });
      return undefined;
    }
  }
  try {
    return { data: JSON.parse(body) as unknown };
  } catch (e) {
    json(res, 400, { error: `Not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}
