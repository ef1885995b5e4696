import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests beside the code (node, no browser), end-to-end tests that load the
// built extension into Debian's Chromium against the demo provider on loopback, and a smaller
// end-to-end run of the Firefox build in Debian's firefox-esr.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/provider/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
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
      {
        test: {
          // The Firefox build in Debian's firefox-esr (puppeteer-core over WebDriver BiDi): a recording
          // smoke test. Skips when there is no Firefox, unless FIREFOX_REQUIRED is set (CI sets it).
          name: 'e2e-firefox',
          include: ['test/e2e-firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          retry: 1,
        },
      },
    ],
  },
});
