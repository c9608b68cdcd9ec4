// Who may talk to the runner. The runner types commands into a root shell, so a web page the user
// happens to visit must not reach it: a per-start random token (as Jupyter's) in an HttpOnly,
// SameSite=Strict cookie, a Host check against DNS rebinding and an Origin check on the WebSocket.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const newToken = (): string => randomBytes(24).toString('hex');

/** One cookie name per port: two runners on one machine must not overwrite each other's token. */
export const cookieName = (port: number): string => `runguide_token_${port}`;

export function cookieHeader(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

function same(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token from the cookie, or from `?token=` (the very first request, before the cookie exists). */
export function hasToken(req: IncomingMessage, url: URL, port: number, token: string): boolean {
  return same(cookies(req).get(cookieName(port)), token) || same(url.searchParams.get('token'), token);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The Host header names this server on a loopback name (or the explicitly bound host). Bound to a
 * wildcard address with --allow-remote, any name is accepted: only the token protects then.
 */
export function hostAllowed(req: IncomingMessage, port: number, boundHost: string): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  if (['0.0.0.0', '::'].includes(boundHost)) return host.endsWith(`:${port}`);
  const names = new Set(LOOPBACK_NAMES);
  if (!isLoopback(boundHost) && !['0.0.0.0', '::'].includes(boundHost))
    names.add(boundHost.includes(':') ? `[${boundHost}]` : boundHost);
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
