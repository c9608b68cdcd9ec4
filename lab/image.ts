// The lab image: built once by build-image.sh (debootstrap, as root) and cached under a key that
// changes whenever the build script or the guest files change.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { cacheDir, type Env } from './paths.ts';

const here = new URL('.', import.meta.url).pathname;

export const VersionsSchema = z.object({
  kernel: z.string(),
  agentBookworm: z.string(),
  agentTrixie: z.string(),
  trixiePackages: z.number(),
});

export interface Image {
  dir: string;
  rootfs: string;
  kernel: string;
  initrd: string;
  identityFile: string;
  hostKeyLine: string;
  versions: z.infer<typeof VersionsSchema>;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));
}

/** A key over everything that goes into the image. */
export function imageKey(): string {
  const h = createHash('sha256');
  for (const f of [join(here, 'build-image.sh'), ...files(join(here, 'guest')).sort()]) {
    h.update(relative(here, f))
      .update('\0')
      .update(String(statSync(f).mode & 0o777))
      .update('\0');
    h.update(readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

function load(dir: string): Image {
  return {
    dir,
    rootfs: join(dir, 'rootfs.raw'),
    kernel: join(dir, 'vmlinuz'),
    initrd: join(dir, 'initrd.img'),
    identityFile: join(dir, 'id_ed25519'),
    hostKeyLine: readFileSync(join(dir, 'known_hosts'), 'utf8').trim().split(' ').slice(1).join(' '),
    versions: VersionsSchema.parse(JSON.parse(readFileSync(join(dir, 'versions.json'), 'utf8'))),
  };
}

export class BuildError extends Error {
  override name = 'BuildError';
}

/** Free space the build needs: the Debian root, the 3 GiB image and its copy, apt's downloads. */
const BUILD_SPACE = 6 * 2 ** 30;

/** What the build needs; a list of readable reasons it cannot run here (empty: it can). */
export function buildBlockers(env: Env = process.env): string[] {
  const out: string[] = [];
  if (process.getuid?.() !== 0) out.push('building the image needs root (debootstrap): sudo ./runguide lab build');
  for (const tool of ['/usr/sbin/debootstrap', '/usr/sbin/mke2fs', '/usr/bin/dpkg-scanpackages', '/usr/bin/qemu-img'])
    if (!existsSync(tool)) out.push(`${tool} is missing (./runguide setup lab installs it)`);
  const fs = statfsSync(cacheDir(env));
  if (fs.bavail * fs.bsize < BUILD_SPACE)
    out.push(`less than 6 GiB free in ${cacheDir(env)} (${Math.floor((fs.bavail * fs.bsize) / 2 ** 20)} MiB)`);
  return out;
}

/** The cached image, building it first when needed (progress lines go to `log`). */
export async function ensureImage(env: Env = process.env, log: (line: string) => void = (l) => process.stderr.write(l)): Promise<Image> {
  const dir = join(cacheDir(env), `image-${imageKey()}`);
  if (existsSync(join(dir, 'versions.json'))) return load(dir);
  // A fresh machine has no ~/.cache/runguide/lab yet; the build makes its work folder beside `dir`.
  mkdirSync(cacheDir(env), { recursive: true });
  const blockers = buildBlockers(env);
  if (blockers.length) throw new BuildError(`cannot build the lab image: ${blockers.join('; ')}`);
  log(`runguide lab: building the image into ${dir} (a few minutes, once)\n`);
  await new Promise<void>((ok, fail) => {
    const p = spawn(join(here, 'build-image.sh'), [dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (d: Buffer) => {
      log(d.toString());
      tail = (tail + d.toString()).slice(-4000);
    };
    p.stdout.on('data', keep);
    p.stderr.on('data', keep);
    p.on('error', fail);
    p.on('exit', (code) => (code === 0 ? ok() : fail(new BuildError(`image build failed (exit ${code}):\n${tail}`))));
  });
  // Older images (built from an earlier build script or guest files) are of no further use.
  for (const d of readdirSync(cacheDir(env)))
    if (d.startsWith('image-') && join(cacheDir(env), d) !== dir && !d.includes('.build.'))
      rmSync(join(cacheDir(env), d), { recursive: true, force: true });
  return load(dir);
}
