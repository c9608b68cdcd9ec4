// `npm run lab` / `./runguide lab`: builds the lab image once, boots the VM, prints how to reach it
// and keeps it up until Ctrl-C or `./runguide lab stop`.
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { chooseAccel } from './accel.ts';
import { BuildError, ensureImage } from './image.ts';
import { freezeThaw } from './freeze.ts';
import { stateFile } from './paths.ts';
import { AGENTS, AgentSchema, LAYOUTS, LAYOUT_HELP, applyLayout, useAgent } from './scenario.ts';
import { labStateOf, readLabState, removeLabState, writeLabState } from './state.ts';
import { LabVm, VmError } from './vm.ts';

const HELP = `usage: ./runguide lab [start] [options]   boot the lab VM and keep it up (Ctrl-C stops it)
       ./runguide lab stop                  stop the running lab VM
       ./runguide lab status                show how to reach it
       ./runguide lab freeze                freeze and thaw its filesystems through the guest agent
       ./runguide lab build                 build the image only
       ./runguide lab test                  the lab's tests (npm run test:lab): boot VMs, freeze, run the runbook
options (start):
  --layout L            ${LAYOUTS.join(' | ')} | none (default hang-order)
${LAYOUTS.map((l) => `                          ${l}: ${LAYOUT_HELP[l]}`).join('\n')}
  --agent V             qemu-guest-agent ${AGENTS.join(' | ')} (default 7.2, bookworm's)
  --hung-task-panic N   0 | 1: kernel.hung_task_panic (default 0: a hung VM stays inspectable)
  --accel A             auto | kvm | tcg (default auto: KVM if a probe boot works)
  --port N              host port for SSH on 127.0.0.1 (default: a free one)`;

const StartSchema = z.object({
  layout: z.enum([...LAYOUTS, 'none']).default('hang-order'),
  agent: AgentSchema.default('7.2'),
  'hung-task-panic': z.enum(['0', '1']).default('0'),
  accel: z.enum(['auto', 'kvm', 'tcg']).default('auto'),
  port: z.coerce.number().int().min(1024).max(65535).optional(),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(argv: string[]): Promise<void> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        layout: { type: 'string' },
        agent: { type: 'string' },
        'hung-task-panic': { type: 'string' },
        accel: { type: 'string' },
        port: { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const parsed = StartSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(z.prettifyError(parsed.error));
  const o = parsed.data;
  const file = stateFile();
  const running = readLabState(file);
  if (running && typeof running.pid === 'number' && alive(running.pid))
    throw new UsageError(`a lab VM is already running (pid ${running.pid}): ./runguide lab stop`);

  const image = await ensureImage();
  const accel = o.accel === 'auto' ? await chooseAccel(image) : { accel: o.accel, reason: '--accel' };
  console.log(`runguide lab: booting (${accel.accel}: ${accel.reason}; kernel ${image.versions.kernel})`);
  const vm = await LabVm.boot(image, { accel: accel.accel, hungTaskPanic: Number(o['hung-task-panic']) as 0 | 1, sshPort: o.port });
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      console.log('\nrunguide lab: stopping');
      removeLabState(file);
      await vm.stop();
      process.exit(0);
    })();
    return stopping;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  try {
    if (o.layout !== 'none') console.log((await applyLayout(vm, o.layout)).trim());
    const agent = await useAgent(vm, o.agent);
    writeLabState(file, labStateOf(vm, { pid: process.pid, qgaSocket: vm.qgaSocket, consoleLog: vm.consoleLog, layout: o.layout, agent }));
    console.log(`runguide lab: up. qemu-guest-agent ${agent}, layout ${o.layout}. SIMULATED cPanel pieces: see lab/README.md
  ssh ${vm.sshArgs().join(' ')}
  runner host "lab" (state file ${file})
  serial console: ${vm.consoleLog}
Ctrl-C or ./runguide lab stop to stop it.`);
  } catch (e) {
    await stop();
    throw e;
  }
  // Stay up until a signal; notice a QEMU that went away (e.g. after a kernel panic, it does not).
  for (;;) {
    await sleep(1000);
    if (!vm.running) {
      console.error(`runguide lab: QEMU exited (${vm.exitCode})`);
      await stop();
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopRunning(): Promise<void> {
  const file = stateFile();
  const s = readLabState(file);
  if (!s || typeof s.pid !== 'number' || !alive(s.pid)) {
    if (existsSync(file)) removeLabState(file);
    console.log('runguide lab: no lab VM is running');
    return;
  }
  process.kill(s.pid, 'SIGTERM');
  for (let i = 0; i < 60 && alive(s.pid); i++) await sleep(500);
  if (alive(s.pid)) throw new Error(`the lab (pid ${s.pid}) did not stop within 30 s`);
  console.log('runguide lab: stopped');
}

async function main(): Promise<void> {
  const [cmd = 'start', ...rest] = process.argv.slice(2);
  if (cmd.startsWith('-') && !['--help', '-h'].includes(cmd)) return start(process.argv.slice(2));
  switch (cmd) {
    case 'start':
      return start(rest);
    case 'stop':
      return stopRunning();
    case 'status': {
      const s = readLabState(stateFile());
      if (!s || typeof s.pid !== 'number' || !alive(s.pid)) return console.log('runguide lab: not running');
      return console.log(JSON.stringify(s, null, 2));
    }
    case 'build': {
      const image = await ensureImage();
      return console.log(`runguide lab: image ready in ${image.dir}\n${JSON.stringify(image.versions)}`);
    }
    case 'freeze': {
      const s = readLabState(stateFile());
      if (!s || typeof s.qgaSocket !== 'string') throw new UsageError('no lab VM is running: ./runguide lab');
      const log = typeof s.consoleLog === 'string' ? s.consoleLog : '';
      const target = { qgaSocket: s.qgaSocket, console: () => (existsSync(log) ? readFileSync(log, 'latin1') : '') };
      return console.log(JSON.stringify(await freezeThaw(target), null, 2));
    }
    case 'test': {
      // Through ./runguide, so that Node 24 and the dependencies are there (CI's lab stage).
      const cwd = new URL('..', import.meta.url).pathname;
      const r = spawnSync('npx', ['vitest', 'run', '--config', 'lab/vitest.config.ts', ...rest], { stdio: 'inherit', cwd });
      if (r.status !== 0) process.exit(r.status ?? 1);
      // Then the site's table of the results (an Astro component, so its own Vite set-up).
      const site = spawnSync('npx', ['vitest', 'run', '--config', 'lab/vitest.site.config.ts'], { stdio: 'inherit', cwd });
      return process.exit(site.status ?? 1);
    }
    case 'help':
    case '--help':
    case '-h':
      return console.log(HELP);
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

class UsageError extends Error {}

main().catch((e: unknown) => {
  if (e instanceof UsageError) console.error(`runguide lab: ${e.message}\n\n${HELP}`);
  else if (e instanceof BuildError || e instanceof VmError) console.error(`runguide lab: ${e.message}`);
  else console.error(e);
  process.exit(e instanceof UsageError ? 2 : 1);
});
