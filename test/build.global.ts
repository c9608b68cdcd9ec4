// Builds the site once before the tests: they check the real build output and serve it.
import { execFileSync } from 'node:child_process';

export default function setup() {
  if (process.env.RUNGUIDE_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], { stdio: 'inherit' });
}
