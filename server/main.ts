// `./runguide start`: serve the built site and the runner on 127.0.0.1, print the URL with its token.
import { parseArgs } from 'node:util';
import { z } from 'zod';

const HELP = `Usage: ./runguide start [options]   (or: node server/main.ts [options])

Serves the built site (dist/) and the runner on one local address, and prints a URL
carrying a fresh token: open it in your browser.

Options:
  --port N           port to listen on (default 4321; 0 picks a free one)
  --host ADDR        loopback address to listen on (default 127.0.0.1); from another
                     machine, forward a port instead: ssh -L 4321:127.0.0.1:4321 HOST
  --max-sessions N   terminals open at once (default 8)
  --grace SECONDS    how long a terminal survives a closed tab, for reconnecting (default 60)
  --record           record every terminal as asciicast v2 (~/.local/state/runguide/recordings),
                     downloadable from the panel; off by default: a recording keeps all output
  --dist DIR         the built site to serve (default: dist/)
  -h, --help         this help
`;

const Flags = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(4321),
    host: z.string().min(1).default('127.0.0.1'),
    'max-sessions': z.coerce.number().int().min(1).max(256).default(8),
    grace: z.coerce.number().min(0).max(86_400).default(60),
    record: z.boolean().default(false),
    dist: z.string().optional(),
    help: z.boolean().default(false),
  })
  .strict();

function fail(message: string): never {
  process.stderr.write(`runguide: ${message}\nTry --help.\n`);
  process.exit(2);
}

let raw;
try {
  raw = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'max-sessions': { type: 'string' },
      grace: { type: 'string' },
      record: { type: 'boolean' },
      dist: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (e) {
  fail((e as Error).message);
}
const parsed = Flags.safeParse(raw);
if (!parsed.success) fail(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
const flags = parsed.data;
if (flags.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

// Loaded after the flags are checked: a typo gets its answer without loading node-pty and xterm.
const { BindError, startServer } = await import('./index.ts');
let server;
try {
  server = await startServer({
    port: flags.port,
    host: flags.host,
    maxSessions: flags['max-sessions'],
    graceMs: flags.grace * 1000,
    record: flags.record,
    dist: flags.dist,
  });
} catch (e) {
  if (e instanceof BindError) fail(e.message);
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') fail(`port ${flags.port} is in use (another runguide?); pick one with --port`);
  if (err.code === 'EADDRNOTAVAIL') fail(`cannot listen on ${flags.host}: no such local address`);
  throw e;
}
process.stdout.write(`runguide is running. Open:\n\n    ${server.url}\n\nCtrl-C stops it (and every terminal it opened).\n`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`\nrunguide: ${signal}, closing terminals…\n`);
  server.close().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`runguide: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
