// Serves the built site (dist/): files with their content types, directories by their index.html,
// `/` by the browser's language, dist/404.html for anything else. Paths never leave dist/.
import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Locale, matchLocale } from '../core/locales.ts';
import { inlineScriptHashes, securityHeaders } from './headers.ts';
import { pickEncoding } from './compression.ts';
import { PRECOMPRESSED } from '../core/wire.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
  '.sh': 'text/x-shellscript; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.cast': 'application/x-asciicast',
};

export const DEFAULT_LOCALE: Locale = 'en';

/** The best of the site's locales for an Accept-Language header, or null. */
export function pickLocale(header: string | undefined): Locale | null {
  const wanted = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([\d.]+)/.exec(r)?.[1]).find(Boolean);
      return { tag: tag!.toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of wanted) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return null;
}

/**
 * The file's real path lies inside the root's: a symlink in dist/ leading out of it (to /etc, say)
 * is not served.
 */
const realRoots = new Map<string, string>();
function inside(root: string, file: string): boolean {
  try {
    // The root's real path, resolved once: every file served would ask again.
    let realRoot = realRoots.get(root);
    if (realRoot === undefined) {
      realRoot = realpathSync(root);
      realRoots.set(root, realRoot);
    }
    const real = realpathSync(file);
    return real === realRoot || real.startsWith(realRoot + sep);
  } catch {
    return false;
  }
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string, search = ''): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
    return;
  }
  if (pathname === '/') {
    const locale = pickLocale(req.headers['accept-language']);
    const index = join(root, 'index.html');
    if (locale || !statOrNull(index)?.isFile()) {
      res.writeHead(302, { location: `/${locale ?? DEFAULT_LOCALE}/${search}`, vary: 'Accept-Language' }).end();
      return;
    }
  }
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    notFound(root, req, res);
    return;
  }
  const file = resolve(root, '.' + rel);
  // Anything outside dist/ (../, encoded or not) or with a NUL byte is simply not there.
  if (rel.includes('\0') || (file !== root && !file.startsWith(root + sep))) {
    notFound(root, req, res);
    return;
  }
  const st = statOrNull(file);
  if (st?.isDirectory()) {
    if (!pathname.endsWith('/')) {
      // Built from the resolved path, never from what was asked: "/.//en" must not send the
      // browser to "//en/", another host.
      const rel = relative(root, file).split(sep).map(encodeURIComponent).join('/');
      res.writeHead(301, { location: `/${rel ? rel + '/' : ''}${search}` }).end();
      return;
    }
    sendFile(join(file, 'index.html'), req, res, 200, root);
    return;
  }
  if (st?.isFile()) {
    sendFile(file, req, res, 200, root);
    return;
  }
  // Astro's "page.html" style output, reached without the extension.
  if (statOrNull(file + '.html')?.isFile()) {
    sendFile(file + '.html', req, res, 200, root);
    return;
  }
  notFound(root, req, res);
}

function notFound(root: string, req: IncomingMessage, res: ServerResponse): void {
  const page = join(root, '404.html');
  if (statOrNull(page)?.isFile()) {
    sendFile(page, req, res, 404, root, true);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
}

function sendFile(file: string, req: IncomingMessage, res: ServerResponse, status: number, root: string, isErrorPage = false): void {
  const st = inside(root, file) ? statOrNull(file) : null;
  if (!st?.isFile()) {
    if (isErrorPage) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    notFound(root, req, res);
    return;
  }
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // The copies the build compressed (inside dist/ too), each looked at once; the browser's pick.
  const copies = new Map(
    PRECOMPRESSED.flatMap((e) => {
      const copy = inside(root, file + e.suffix) ? statOrNull(file + e.suffix) : null;
      return copy?.isFile() ? [[e.encoding, copy.size] as const] : [];
    }),
  );
  const encoded = pickEncoding(req.headers['accept-encoding'], (e) => copies.has(e.encoding));
  const body = encoded ? file + encoded.suffix : file;
  const size = encoded ? copies.get(encoded.encoding)! : st.size;
  const compressible = copies.size > 0;
  const headers: Record<string, string | number> = {
    'content-type': type,
    'content-length': size,
    ...(encoded ? { 'content-encoding': encoded.encoding } : {}),
    ...(compressible ? { vary: 'Accept-Encoding' } : {}),
    ...securityHeaders(type.startsWith('text/html') ? inlineScriptHashes(file, st.mtimeMs) : []),
    // Hashed asset names under /_astro/ never change; pages may.
    'cache-control': file.startsWith(join(root, '_astro') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  res.writeHead(status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(body)
    .on('error', () => res.destroy())
    .pipe(res);
}
