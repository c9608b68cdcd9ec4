import { configDefaults, defineConfig } from 'vitest/config';

// The lab's tests boot real VMs (TCG on a shared 2-core machine): one file at a time, one worker,
// generous per-test timeouts (every VM wait inside has its own, shorter, timeout).
export default defineConfig({
  test: {
    include: ['lab/test/**/*.test.ts'],
    // The evidence table is an Astro component: lab/vitest.site.config.ts compiles and tests it.
    exclude: [...configDefaults.exclude, 'lab/test/evidence-table.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 25 * 60_000,
    hookTimeout: 25 * 60_000,
  },
});
