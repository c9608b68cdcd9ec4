// The floor for memory: a process that only holds node-pty terminals (bash, output read and
// dropped), no WebSocket, no mirror. Driven over stdin/stdout by bench/bare-target.ts, one line each:
//   open → "ready <id>" (a new terminal whose shell answered)   close <id> → "closed"
import { createInterface } from 'node:readline';
import * as pty from 'node-pty';

const terms = new Map<number, pty.IPty>();
let next = 1;
const say = (line: string): void => void process.stdout.write(line + '\n');

function open(): void {
  const id = next++;
  const p = pty.spawn('/bin/bash', ['-l'], {
    name: 'xterm-256color',
    cols: 80,
    rows: 30,
    cwd: process.env.HOME,
    env: process.env as Record<string, string>,
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

function close(id: number): void {
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
