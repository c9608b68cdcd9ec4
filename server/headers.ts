// The headers every answer of the runner carries. The pages must not be framed (a page on another
// local port could frame the runner and get a click on Run: clickjacking), scripts run only from
// this origin or, inline, when their hash is listed, and the types are what they say.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The Content-Security-Policy. Pagefind (the site's search) compiles WebAssembly, hence
 * 'wasm-unsafe-eval'; Starlight, Expressive Code and xterm.js set style attributes, hence
 * 'unsafe-inline' for styles only. `connect-src 'self'` covers the WebSocket too (CSP 3).
 */
export function contentSecurityPolicy(scriptHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${scriptHashes.map((h) => ` '${h}'`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(scriptHashes: readonly string[] = []): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(scriptHashes),
    // For browsers without CSP's frame-ancestors.
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

// Inline <script> elements (no src): Starlight's theme and sidebar scripts, the token's capture.
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;
const hashes = new Map<string, { mtimeMs: number; list: string[] }>();

/** The CSP hashes of a built page's inline scripts, computed once per file version. */
export function inlineScriptHashes(file: string, mtimeMs: number): string[] {
  const known = hashes.get(file);
  if (known?.mtimeMs === mtimeMs) return known.list;
  const html = readFileSync(file, 'utf8');
  const list = [
    ...new Set([...html.matchAll(INLINE_SCRIPT)].map((m) => `sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}`)),
  ];
  hashes.set(file, { mtimeMs, list });
  return list;
}
