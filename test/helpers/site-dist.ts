// Shared by the site tests: the built site in dist/ (built once by test/build.global.ts), its
// pages, and a tiny static server for browser tests (127.0.0.1, random port, like any static host).
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

/** RUNGUIDE_DIST points the tests at another build (e.g. one made from a fixture copy). */
export const DIST = resolve(process.env.RUNGUIDE_DIST ?? 'dist');
/** `site` in astro.config.mjs: absolute links with this origin are internal. */
export const SITE_ORIGIN = 'http://127.0.0.1:4321';

/** Every HTML page of the build, as paths relative to dist/ (pagefind's UI fragments excluded). */
export function htmlPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (p !== join(DIST, 'pagefind')) walk(p);
      } else if (e.name.endsWith('.html')) out.push(relative(DIST, p).split(sep).join('/'));
    }
  };
  walk(DIST);
  return out.sort();
}

/** The URL path a page is served at: "en/x/index.html" → "/en/x/". */
export function urlPath(page: string): string {
  return '/' + page.replace(/(^|\/)index\.html$/, '$1');
}

export function readPage(page: string): HTMLElement {
  // <pre> is parsed as elements (node-html-parser keeps it raw by default): code blocks are text too.
  return parse(readFileSync(join(DIST, page), 'utf8'), {
    comment: false,
    blockTextElements: { script: true, noscript: true, style: true },
  });
}

export const runbookPage = (locale: string, slug: string) => `${locale}/${slug}/index.html`;

/** The file a same-site URL path resolves to on a static host, or undefined. */
export function fileFor(urlPathname: string): string | undefined {
  const p = decodeURIComponent(urlPathname);
  const full = resolve(DIST, '.' + p);
  if (!full.startsWith(DIST)) return undefined;
  if (existsSync(full) && statSync(full).isFile()) return full;
  const index = join(full, 'index.html');
  if (existsSync(index)) return index;
  return undefined;
}

/**
 * The text a copy button of expressive-code puts on the clipboard: its `data-code` attribute
 * (node-html-parser decodes entities), with U+007F standing for line breaks.
 */
export function copyText(button: HTMLElement): string {
  return (button.getAttribute('data-code') ?? '').replaceAll('\u007f', '\n');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves dist/ like a plain static host: /x/ → x/index.html, /x (a folder) → 301 to /x/. */
export async function serveDist(): Promise<StaticServer> {
  // A file that vanished (dist/ rebuilt meanwhile) is a 500, never an unhandled stream error.
  const send = (res: import('node:http').ServerResponse, status: number, type: string, file: string) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    stream.on('open', () => {
      res.writeHead(status, { 'content-type': type });
      stream.pipe(res);
    });
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const full = resolve(DIST, '.' + decodeURIComponent(url.pathname));
    if (!full.startsWith(DIST)) return void res.writeHead(403).end();
    if (existsSync(full) && statSync(full).isDirectory() && !url.pathname.endsWith('/'))
      return void res.writeHead(301, { location: url.pathname + '/' + url.search }).end();
    const file = fileFor(url.pathname);
    if (!file) return send(res, 404, TYPES['.html']!, join(DIST, '404.html'));
    send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', file);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
