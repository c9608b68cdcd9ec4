import { defineConfig } from 'vitest/config';

/**
 * Tests that attach a loop device backed by a "tmpDSK" file (cPanel's securetmp layout, for real).
 * The kernel has one list of loop devices, so while one is attached this machine's own tmp-loop
 * check fails: every other test that judges this machine's diagnosis would race with them. They
 * run after all the others (groupOrder), and one at a time among themselves (a lock in
 * test/helpers/loop-tmp.ts).
 */
const LOOP_DEVICE = ['test/diagnosis-states.test.ts', 'test/server-sudo.test.ts', 'test/server-securetmp.test.ts', 'test/ui-securetmp.test.ts', 'test/export-securetmp.test.ts'];

export default defineConfig({
  test: {
    // The site is built once per run (test/build.global.ts); tests read dist/ or serve it.
    globalSetup: ['test/build.global.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: browser and server tests each start real processes.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'machine', include: ['test/**/*.test.ts'], exclude: LOOP_DEVICE } },
      { extends: true, test: { name: 'loop-device', include: LOOP_DEVICE, sequence: { groupOrder: 1 } } },
    ],
  },
});
