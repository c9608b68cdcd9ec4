// Who may talk to the runner. The runner types commands into a root shell, so a web page the user
// happens to visit must not reach it: a per-start random token (as Jupyter's), a Host check against
// DNS rebinding and an Origin check on the WebSocket. The token never sits in a cookie (a cookie
// for 127.0.0.1 goes to every port of it): the page keeps it in sessionStorage (see
// src/terminal/token.ts) and sends it in an Authorization header, or, on the WebSocket, whose
// browser API sets no header, as a second subprotocol.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TERM_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../core/wire.ts';

export { TERM_PROTOCOL };

export const newToken = (): string => randomBytes(24).toString('hex');

function same(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token from `Authorization: Bearer …`, or from the WebSocket's `runguide-token.…` subprotocol. */
export function hasToken(req: IncomingMessage, token: string): boolean {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (same(bearer, token)) return true;
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const fromProtocol = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
  return same(fromProtocol, token);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host header names this server: a loopback name, or the loopback address it is bound to. */
export function hostAllowed(req: IncomingMessage, port: number, boundHost: string): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  const names = new Set([...LOOPBACK_NAMES, boundHost.includes(':') ? `[${boundHost}]` : boundHost]);
  return [...names].some((n) => host === `${n}:${port}`);
}

/** A WebSocket must come from a page of this very origin (what the browser put in Host). */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin !== undefined && origin === `http://${req.headers.host}`;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
