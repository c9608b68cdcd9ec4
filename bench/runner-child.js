// The runner under test, in a process of its own so that its memory can be read from /proc: the
// built runner (build/runner, as `./runguide start` runs it), and this file plain JavaScript, so
// that Node's TypeScript stripper is not loaded into the process being measured.
// Started by bench/runner-target.ts; prints one JSON line {port, token, pid} once it listens, and closes
// cleanly when its stdin ends (the benchmark exited or was killed).
import { startServer } from '../build/runner/server/index.js';

const maxSessions = Number(process.argv[2] ?? 100);
const record = process.argv[3] === 'record';
// A session normally outlives its WebSocket by 60 s (to survive a reload); here it ends right
// away, so that one measurement's sessions are gone before the next starts.
const server = await startServer({ port: 0, host: '127.0.0.1', maxSessions, record, graceMs: 100, log: () => {} });
process.stdout.write(`${JSON.stringify({ port: server.port, token: server.token, pid: process.pid })}\n`);

const stop = () => void server.close().then(() => process.exit(0));
process.stdin.on('end', stop).on('close', stop).resume();
process.on('SIGTERM', stop);
