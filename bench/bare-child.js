// The floor for memory: a process that only holds node-pty terminals (bash, output read and
// dropped), no WebSocket, no output log. Plain JavaScript like bench/runner-child.js, so that Node's
// TypeScript stripper is not counted. Driven over stdin/stdout by bench/bare-target.ts, one line each:
//   open → "ready <id>" (a new terminal whose shell answered)   close <id> → "closed"
import { createInterface } from 'node:readline';
import * as pty from 'node-pty';

/** @type {Map<number, import('node-pty').IPty>} */
const terms = new Map();
let next = 1;
/** @param {string} line */
const say = (line) => void process.stdout.write(`${line}\n`);

function open() {
  const id = next++;
  const p = pty.spawn('/bin/bash', ['-l'], {
    name: 'xterm-256color',
    cols: 80,
    rows: 30,
    cwd: process.env.HOME,
    env: /** @type {Record<string, string>} */ (process.env),
  });
  terms.set(id, p);
  let seen = '';
  const sub = p.onData((d) => {
    seen = (seen + d).slice(-64);
    if (seen.includes('BENCH_READY')) {
      sub.dispose();
      say(`ready ${id}`);
    }
  });
  p.write("printf 'BENCH%s\\n' _READY\r");
}

/** @param {number} id */
function close(id) {
  const p = terms.get(id);
  if (!p) {
    say(`error: no terminal ${id}`);
    return;
  }
  terms.delete(id);
  p.onExit(() => say('closed'));
  p.kill('SIGKILL');
}

createInterface({ input: process.stdin })
  .on('line', (line) => {
    const [cmd, arg] = line.split(' ');
    if (cmd === 'open') open();
    else if (cmd === 'close') close(Number(arg));
    else say(`error: unknown command ${JSON.stringify(line)}`);
  })
  .on('close', () => {
    for (const p of terms.values()) p.kill('SIGKILL');
    process.exit(0);
  });
say(JSON.stringify({ pid: process.pid }));
