import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code (node, no browser), and end-to-end tests that
// load the built extension into Debian's Chromium against the demo provider on loopback.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/provider/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One browser at a time: the machine has two cores and the suite is about behaviour, not speed.
          fileParallelism: false,
          // One retry, for the browser itself: a headless renderer crashed once ("Page crashed") in
          // ~20 runs on this two-core machine. A test that fails twice fails the run.
          retry: 1,
        },
      },
    ],
  },
});
