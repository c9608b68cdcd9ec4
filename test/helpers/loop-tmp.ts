// cPanel's securetmp layout, for real, in a throwaway mount namespace: /usr/tmpDSK (an ext4 image)
// loop-mounted on /tmp and bound on /var/tmp, with its /etc/fstab line; optionally a second
// namespace that keeps its own mount of the loop device, as a service started with PrivateTmp=
// does (systemd-logind in the lab), so unmounting /tmp leaves the device attached.
//
// Nothing of this machine changes: /usr, /etc and /var are overlays whose upper layers live in a tmpfs of
// the namespace, /tmp and /var/tmp are the namespace's own tmpfs. The one shared thing is the loop
// device (the kernel has one list): it detaches when both namespaces are gone. Root only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';

/** Where the test's directory appears inside the namespace (the host's /tmp is hidden there). */
export const INSIDE = '/usr/local/runguide-test';
/** Taken for the namespace's lifetime: a tmpDSK loop device of one test must not meet another's. */
const LOCK = '/tmp/runguide-loop-tmp.lock';

const SETUP = `set -euo pipefail
base=$1 holder=$2 inside=$3 securetmp=$4
layers=$base/layers
mkdir -p "$layers"
mount -t tmpfs -o size=64m rg-layers "$layers"
# /var too: the fixes keep what their rollbacks restore in /var/lib/runguide, fix 3 writes
# /var/cpanel/disabled.
for d in usr etc var; do
  mkdir -p "$layers/$d/upper" "$layers/$d/work"
  mount -t overlay rg-overlay -o "lowerdir=/$d,upperdir=$layers/$d/upper,workdir=$layers/$d/work" "/$d"
done
mkdir -p "$inside"
mount --bind "$base" "$inside"
if [ -d "$base/files" ]; then cp -a "$base/files/." /; fi
mount -t tmpfs -o mode=1777,size=16m rg-tmp /tmp
mount -t tmpfs -o mode=1777,size=16m rg-var-tmp /var/tmp
if [ "$securetmp" = 0 ]; then
  echo "ready $$ 0 none"
  exec sleep infinity
fi
# What cPanel's securetmp sets up after a boot or two (lab/guest/usr/local/cpanel/scripts/securetmp
# says where each fact comes from): the image, /tmp on it, /var/tmp bound to it, its two lines.
truncate -s 16M /usr/tmpDSK
mkfs.ext4 -q -F /usr/tmpDSK
mount -t ext4 -o loop,noexec,nosuid,rw /usr/tmpDSK /tmp
chmod 1777 /tmp
mount -o bind,noexec,nosuid /tmp /var/tmp
echo '/usr/tmpDSK             /tmp                    ext4    defaults,noauto        0 0' >>/etc/fstab
echo '/tmp             /var/tmp                    ext4    defaults,bind,noauto        0 0' >>/etc/fstab
pid=0
if [ "$holder" = 1 ]; then
  unshare --mount --propagation private sleep infinity &
  pid=$!
fi
# $$: this shell, which becomes the sleep that keeps the namespace.
echo "ready $$ $pid $(losetup -n -O NAME -j /usr/tmpDSK)"
exec sleep infinity
`;

export interface LoopTmp {
  /** Runs a command inside the namespace: `[...enter, 'bash', …]`. */
  enter: string[];
  /** A login shell (bash) inside the namespace, for a runner's SHELL: its sessions live there. */
  shell: string;
  /** The loop device behind /tmp, e.g. /dev/loop0 (empty without securetmp). */
  loop: string;
  /** True while the kernel still has the loop device attached. */
  attached(): boolean;
  /**
   * What the next boot gives, in this namespace: /var/tmp and /tmp unmounted (nothing mounts them
   * once the fix has taken securetmp out), and a new boot id (a file bound over the kernel's).
   */
  reboot(): void;
  /** Ends both namespaces and waits for the loop device to go. */
  stop(): Promise<void>;
}

/**
 * Holds the lock that startLoopTmp takes, for a test that attaches a tmpDSK loop device of its own
 * (every namespace sees the kernel's loop devices: another test's verify would find it). Resolves
 * once held; call the returned function to release it.
 */
export async function holdLoopLock(): Promise<() => Promise<void>> {
  const holder = spawn('flock', [LOCK, 'sh', '-c', 'echo held; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.once('data', () => resolve());
    holder.once('exit', (code) => reject(new Error(`flock ${LOCK} exited (${code}) before holding the lock`)));
  });
  return () =>
    new Promise<void>((resolve) => {
      holder.once('exit', () => resolve());
      holder.stdin!.end();
    });
}

/**
 * Sets the layout up in a namespace of its own. `dir` is the test's directory (seen inside as
 * INSIDE); `files` are placed at their absolute paths inside, under /usr or /etc only (overlays).
 * With `securetmp: false`, only the overlays and a private /tmp: no loop device, so no lock.
 */
export async function startLoopTmp(
  dir: string,
  opts: { holder: boolean; files?: Record<string, string>; securetmp?: boolean },
): Promise<LoopTmp> {
  const securetmp = opts.securetmp ?? true;
  for (const [path, content] of Object.entries(opts.files ?? {})) {
    if (!/^\/(usr|etc)\//.test(path)) throw new Error(`${path}: only files under /usr or /etc can be placed (they land in the overlays)`);
    const to = join(dir, 'files', path);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, content, { mode: 0o755 });
  }
  writeFileSync(join(dir, 'setup.sh'), SETUP);
  const unshare = [
    'unshare',
    '--mount',
    '--propagation',
    'private',
    '--',
    'bash',
    join(dir, 'setup.sh'),
    dir,
    opts.holder ? '1' : '0',
    INSIDE,
    securetmp ? '1' : '0',
  ];
  const keeper: ChildProcess = securetmp
    ? spawn('flock', [LOCK, ...unshare], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(unshare[0]!, unshare.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  keeper.stderr!.on('data', (d) => (err += d));
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    keeper.stdout!.on('data', (d) => {
      out += d;
      const m = /^ready (\d+) (\d+) (\/dev\/loop\d+|none)$/m.exec(out);
      if (m) resolve(m);
    });
    keeper.on('exit', (code) => reject(new Error(`the securetmp namespace did not come up (exit ${code}): ${err || out}`)));
  });
  const [inner, holderPid] = [Number(ready[1]), Number(ready[2])];
  const loop = ready[3] === 'none' ? '' : ready[3]!;
  const sys = loop ? `/sys/block/${loop.replace('/dev/', '')}/loop` : '/nonexistent';
  const kill = (pid: number) => {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const enter = ['nsenter', `--mount=/proc/${inner}/ns/mnt`, '--'];
  const shell = join(dir, 'shell');
  writeFileSync(shell, `#!/bin/sh\nexec ${enter.join(' ')} /bin/bash "$@"\n`, { mode: 0o755 });
  return {
    enter,
    shell,
    loop,
    attached: () => existsSync(sys),
    reboot() {
      const id = join(dir, 'boot_id');
      writeFileSync(id, `${randomUUID()}\n`);
      const r = spawnSync(
        enter[0]!,
        [...enter.slice(1), 'sh', '-c', `umount /var/tmp && umount /tmp && mount --bind ${INSIDE}/boot_id /proc/sys/kernel/random/boot_id`],
        { encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`the simulated reboot failed: ${r.stderr}`);
    },
    async stop() {
      if (holderPid) kill(holderPid);
      if (keeper.exitCode === null) {
        const gone = new Promise((ok) => keeper.once('exit', ok));
        kill(inner);
        await gone;
      }
      // The loop device detaches once no namespace mounts it (mount -o loop sets autoclear).
      for (let i = 0; loop && i < 100 && existsSync(sys); i++) await new Promise((ok) => setTimeout(ok, 100));
      if (loop && existsSync(sys)) spawnSync('losetup', ['--detach', loop]);
    },
  };
}
