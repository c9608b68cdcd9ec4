// `./runguide start`: serve the built site and the runner on 127.0.0.1, print the URL with its token.
// The flags are options of startServer: checked against its schema, their defaults from there too.
import { parseArgs } from 'node:util';
import { FlagOptionsSchema, OPTION_DEFAULTS as D, SSH_FORWARD } from './options.ts';

const HELP = `Usage: ./runguide start [options]   (or, once built: node build/runner/server/main.js [options])

Serves the built site (dist/) and the runner on one local address, and prints a URL
carrying a fresh token: open it in your browser.

Options:
  --port N           port to listen on (default ${D.port}; 0 picks a free one)
  --host ADDR        loopback address to listen on (default ${D.host}); from another
                     machine, forward a port instead: ssh -L ${SSH_FORWARD} HOST
  --max-sessions N   terminals open at once (default ${D.maxSessions})
  --grace SECONDS    how long a terminal survives a closed tab, for reconnecting (default ${D.graceMs / 1000})
  --record           record every terminal as asciicast v2 (~/.local/state/runguide/recordings),
                     downloadable from the panel; ${D.record ? 'on' : 'off'} by default: a recording keeps all output
                     but what looks secret or is marked secret in the panel
  --dist DIR         the built site to serve (default: dist/)
  -h, --help         this help
`;

/** The flag of each option it sets. */
const FLAG: Record<keyof typeof D, string> = {
  port: '--port',
  host: '--host',
  maxSessions: '--max-sessions',
  graceMs: '--grace',
  record: '--record',
  dist: '--dist',
};

function fail(message: string): never {
  process.stderr.write(`runguide: ${message}\nTry --help.\n`);
  process.exit(2);
}

// A function, so that `raw` gets the type of what parseArgs returns (fail() never returns).
function readFlags() {
  try {
    return parseArgs({
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
}
const raw = readFlags();
const number = (flag: string | undefined) => (flag === undefined ? undefined : Number(flag));
const parsed = FlagOptionsSchema.safeParse({
  port: number(raw.port),
  host: raw.host,
  maxSessions: number(raw['max-sessions']),
  graceMs: raw.grace === undefined ? undefined : Number(raw.grace) * 1000,
  record: raw.record,
  dist: raw.dist,
});
if (!parsed.success) fail(parsed.error.issues.map((i) => `${FLAG[i.path[0] as keyof typeof D]}: ${i.message}`).join('\n'));
const options = parsed.data;
if (raw.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

// Loaded after the flags are checked: a typo gets its answer without loading node-pty and xterm.
const { BindError, startServer } = await import('./index.ts');
let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer(options);
} catch (e) {
  if (e instanceof BindError) fail(e.message);
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') fail(`port ${options.port} is in use (another runguide?); pick one with --port`);
  if (err.code === 'EADDRNOTAVAIL') fail(`cannot listen on ${options.host}: no such local address`);
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
