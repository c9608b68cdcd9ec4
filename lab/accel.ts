// KVM when it works, TCG otherwise. /dev/kvm can open fine while a KVM guest never gets anywhere
// (nested virtualisation quirks), so the answer comes from booting the lab kernel for real, with a
// short timeout; it is remembered per QEMU version and kernel in the cache.
import { constants, accessSync, existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Image } from './image.ts';
import { cacheDir, type Env } from './paths.ts';
import { qemuVersion, type Accel } from './vm.ts';

const ProbeSchema = z.object({ accel: z.enum(['kvm', 'tcg']), reason: z.string() });
export type AccelChoice = z.infer<typeof ProbeSchema>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Boots the kernel and initrd alone under KVM: true when it reaches user space within the timeout. */
async function kvmBoots(image: Image, timeoutMs: number): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'rglab-kvm-'));
  const log = join(dir, 'console.log');
  const p = spawn(
    'setpriv',
    [
      '--pdeathsig',
      'KILL',
      '--',
      'qemu-system-x86_64',
      '-accel',
      'kvm',
      '-cpu',
      'host',
      '-nodefaults',
      '-display',
      'none',
      '-no-user-config',
      '-no-reboot',
      '-m',
      '512',
      '-kernel',
      image.kernel,
      '-initrd',
      image.initrd,
      '-append',
      'console=ttyS0 panic=-1 root=/dev/nonexistent rootdelay=1',
      '-serial',
      `file:${log}`,
    ],
    { stdio: 'ignore' },
  );
  let exited = false;
  p.on('exit', () => (exited = true));
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !exited) {
      if (existsSync(log) && /Run \/init as init process/.test(readFileSync(log, 'latin1'))) return true;
      await sleep(250);
    }
    return false;
  } finally {
    if (!exited) {
      p.kill('SIGKILL');
      await new Promise((r) => p.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function chooseAccel(image: Image, env: Env = process.env): Promise<AccelChoice> {
  const forced = env.LAB_ACCEL;
  if (forced) {
    if (forced !== 'kvm' && forced !== 'tcg') throw new Error(`LAB_ACCEL must be "kvm" or "tcg", not "${forced}"`);
    return { accel: forced as Accel, reason: 'LAB_ACCEL' };
  }
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch {
    return { accel: 'tcg', reason: '/dev/kvm is not usable' };
  }
  const file = join(cacheDir(env), `accel-${qemuVersion()}-${image.versions.kernel}.json`);
  if (existsSync(file)) {
    const saved = ProbeSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (saved.success) return saved.data;
  }
  const choice: AccelChoice = (await kvmBoots(image, 20_000))
    ? { accel: 'kvm', reason: 'a KVM probe boot reached user space' }
    : { accel: 'tcg', reason: '/dev/kvm opens, but a KVM probe boot did not reach user space within 20 s' };
  mkdirSync(cacheDir(env), { recursive: true });
  writeFileSync(file, JSON.stringify(choice) + '\n');
  return choice;
}
