import { defineConfig } from 'vitest/config';

// The lab's tests boot real VMs (TCG on a shared 2-core machine): one file at a time, one worker,
// generous per-test timeouts (every VM wait inside has its own, shorter, timeout).
export default defineConfig({
  test: {
    include: ['lab/test/**/*.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 25 * 60_000,
    hookTimeout: 25 * 60_000,
  },
});
