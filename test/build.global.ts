// Builds the site and the runner once before the tests: they check the real build output, serve
// it, and start the runner as `./runguide start` does (built, in build/runner).
import { execFileSync } from 'node:child_process';

export default function setup() {
  if (process.env.RUNGUIDE_SKIP_BUILD === '1') return;
  // NODE_ENV is "test" under vitest, which makes Astro build in development mode (e.g. Starlight
  // then replaces its search with a "production builds only" notice): build what users get.
  execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.runner.json'], { stdio: 'inherit' });
}
