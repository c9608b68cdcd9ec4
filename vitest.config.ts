import { defineConfig } from 'vitest/config';

/**
 * Tests in three tiers, by what they need:
 * - unit: nothing but Node (the import rule, the verdict truth table, the mark parser, the glossary):
 *   seconds, no build; `npx vitest run --project unit` while you work;
 * - integration: the built site, the real runner, real bash, ssh, Ansible, loop devices;
 * - browser: the real runner and the built site in Debian's chromium.
 *
 * Tests that attach a loop device backed by a "tmpDSK" file (cPanel's securetmp layout, for real)
 * run after all the others, one at a time (a lock in test/helpers/loop-tmp.ts): the kernel has
 * one list of loop devices, and while one is attached this machine's own tmp-loop check fails.
 */
const LOOP_DEVICE = [
  'test/integration/diagnosis-states.test.ts',
  'test/integration/server-sudo.test.ts',
  'test/integration/server-securetmp.test.ts',
  'test/integration/export-securetmp.test.ts',
  'test/browser/ui-securetmp.test.ts',
  'test/integration/fleet-states.test.ts',
  'test/browser/ui-fleet.test.ts',
  'test/integration/report-exports.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: browser and server tests each start real processes.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // The site is built once per run (test/build.global.ts); these read dist/ or serve it.
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: LOOP_DEVICE,
          globalSetup: ['test/build.global.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], exclude: LOOP_DEVICE, globalSetup: ['test/build.global.ts'] },
      },
      {
        extends: true,
        // One file at a time: each holds the lock for its whole run (minutes for the fleet's), and a
        // file waiting for it would spend its tests' timeouts waiting.
        test: {
          name: 'loop-device',
          include: LOOP_DEVICE,
          globalSetup: ['test/build.global.ts'],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
        },
      },
    ],
  },
});
