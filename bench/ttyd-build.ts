// ttyd, the second peer: a C server (libwebsockets + libuv) that Debian 12 does not package. It is
// built once from Debian's own source tarball (the one sid's ttyd is built from) into
// bench/.peer/ttyd, against bookworm's libraries, and reused by every later run.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Pinned like wetty@3.2.0. SHA-256 as listed by sid's signed Sources index (`apt-cache showsrc ttyd`). */
export const TTYD = {
  version: '1.7.7',
  url: 'http://deb.debian.org/debian/pool/main/t/ttyd/ttyd_1.7.7.orig.tar.xz',
  sha256: '48eba3f76af237f4c09cceb5ddbe0f845832557819f7e5c60c88285f8822af88',
};
/** bookworm packages the build needs; libwebsockets-dev brings libwebsockets-evlib-uv (ttyd needs LWS_WITH_LIBUV). */
export const TTYD_BUILD_DEPS = [
  'xz-utils',
  'cmake',
  'make',
  'gcc',
  'libc6-dev',
  'pkg-config',
  'libwebsockets-dev',
  'libjson-c-dev',
  'libuv1-dev',
  'zlib1g-dev',
  'libssl-dev',
];

const DIR = join(new URL('.', import.meta.url).pathname, '.peer', 'ttyd');
export const TTYD_BIN = join(DIR, 'bin', 'ttyd');
const BUILT = join(DIR, 'built.json');
const Built = z.object({ version: z.string(), source: z.string(), sha256: z.string(), libwebsockets: z.string() });
export type TtydBuild = z.infer<typeof Built>;

/** What was built, or null when bench/.peer/ttyd has no working ttyd. */
export function ttydBuilt(): TtydBuild | null {
  try {
    const built = Built.parse(JSON.parse(readFileSync(BUILT, 'utf8')));
    execFileSync(TTYD_BIN, ['--version'], { stdio: 'ignore', timeout: 10_000 });
    return built;
  } catch {
    return null;
  }
}

const run = (cmd: string, args: string[], o: { cwd?: string; timeout: number }) =>
  execFileSync(cmd, args, {
    cwd: o.cwd,
    timeout: o.timeout,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });

/** Why a failed command failed, in a few lines (its stderr's tail). */
function why(e: unknown): string {
  const x = e as { stderr?: string; stdout?: string; message: string; signal?: string };
  if (x.signal === 'SIGTERM') return `timed out (${x.message.split('\n')[0]})`;
  const tail = `${x.stderr ?? ''}\n${x.stdout ?? ''}`.trim().split('\n').slice(-6).join('\n');
  return tail || x.message;
}

const installed = (pkg: string) => {
  try {
    return run('dpkg-query', ['-W', '-f=${Status}', pkg], { timeout: 10_000 }).includes('install ok installed');
  } catch {
    return false;
  }
};

/** Installs the missing build packages as root (apt-get), or says what to install. */
function buildDeps(): string | null {
  const missing = TTYD_BUILD_DEPS.filter((p) => !installed(p));
  if (!missing.length) return null;
  const cmd = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) return `ttyd's build needs Debian packages; as root: ${cmd}`;
  console.error(`bench: installing ttyd's build dependencies: ${missing.join(' ')}`);
  try {
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { timeout: 5 * 60_000 });
  } catch {
    // A fresh machine's package lists may be missing or stale.
    try {
      run('apt-get', ['update', '-qq'], { timeout: 3 * 60_000 });
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { timeout: 5 * 60_000 });
    } catch (e) {
      return `could not install ttyd's build dependencies (${cmd}): ${why(e)}`;
    }
  }
  return null;
}

/** Builds ttyd into bench/.peer/ttyd when it is not there yet. Returns null, or why it cannot. */
export async function ensureTtyd(): Promise<string | null> {
  if (ttydBuilt()) return null;
  console.error(`bench: building the peer ttyd ${TTYD.version} from Debian's source into bench/.peer/ttyd (once; it takes seconds)`);
  const problem = buildDeps();
  if (problem) return problem;
  const config = '/usr/include/lws_config.h';
  if (!/^#define LWS_WITH_LIBUV\b/m.test(existsSync(config) ? readFileSync(config, 'utf8') : ''))
    return `this libwebsockets was built without libuv (${config} has no LWS_WITH_LIBUV): ttyd cannot use it`;
  const lws = /^#define LWS_LIBRARY_VERSION "([^"]*)"/m.exec(readFileSync(config, 'utf8'))?.[1]?.replace(/-$/, '') ?? 'unknown';

  const src = join(DIR, 'src');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  try {
    return await fetchAndBuild(src, lws);
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}

/** Fetches the pinned tarball, checks it, builds it and installs the binary and built.json. */
async function fetchAndBuild(src: string, lws: string): Promise<string | null> {
  const tarball = join(src, TTYD.url.slice(TTYD.url.lastIndexOf('/') + 1));
  try {
    const res = await fetch(TTYD.url, { signal: AbortSignal.timeout(120_000) });
    if (res.status === 404)
      return `${TTYD.url} is gone from Debian's pool (sid moved on): update TTYD in bench/ttyd-build.ts (apt-cache showsrc ttyd with a sid deb-src line gives the file and its SHA-256)`;
    if (!res.ok) return `could not fetch ${TTYD.url}: HTTP ${res.status}`;
    const bytes = Buffer.from(await res.arrayBuffer());
    const sum = createHash('sha256').update(bytes).digest('hex');
    if (sum !== TTYD.sha256) return `${TTYD.url} has SHA-256 ${sum}, expected ${TTYD.sha256}: not built`;
    writeFileSync(tarball, bytes);
  } catch (e) {
    return `could not fetch ${TTYD.url}: ${(e as Error).message}`;
  }
  const tree = join(src, `ttyd-${TTYD.version}`);
  const build = join(tree, 'build');
  try {
    run('tar', ['-xJf', tarball, '-C', src], { timeout: 60_000 });
    run('cmake', ['-S', tree, '-B', build, '-DCMAKE_BUILD_TYPE=Release'], { timeout: 120_000 });
    run('cmake', ['--build', build, '--parallel', '2'], { timeout: 5 * 60_000 });
  } catch (e) {
    return `ttyd ${TTYD.version} did not build: ${why(e)}`;
  }
  mkdirSync(join(DIR, 'bin'), { recursive: true });
  copyFileSync(join(build, 'ttyd'), TTYD_BIN);
  const built: TtydBuild = { version: TTYD.version, source: TTYD.url, sha256: TTYD.sha256, libwebsockets: lws };
  writeFileSync(BUILT, JSON.stringify(built, null, 2) + '\n');
  return ttydBuilt() ? null : `ttyd was built but ${TTYD_BIN} --version fails`;
}
