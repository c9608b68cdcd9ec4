import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The site is built once per run (test/build.global.ts); tests read dist/ or serve it.
    globalSetup: ['test/build.global.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: browser and server tests each start real processes.
    maxWorkers: 2,
  },
});
