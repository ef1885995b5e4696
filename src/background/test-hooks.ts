/**
 * Test build only: everything here is reached behind `__TEST__` (src/background/index.ts), so the
 * release build carries none of it (house style 11).
 *
 *   test:workerStarts  -> number   how many times the worker's script has run since the browser
 *                                  started (storage.session: kept across worker restarts, gone with
 *                                  the browser). A test reads it to prove the worker really stopped
 *                                  and a new one started: the browser's own list of workers can keep
 *                                  showing one that stopped (platform notes).
 *   test:workerStartTimes -> number[] when each of the last 20 starts happened (Date.now()): a test
 *                                  that cannot run code in the worker (Firefox's event page) tells a
 *                                  start caused by its own sign-in from one caused by opening a page.
 *   test:initDelayMs   -> number   when set, the worker's start-up is held this long before it loads
 *                                  its learned endpoints (as slow storage would), so a test can send
 *                                  events while it initialises and see them queued, not dropped or
 *                                  judged against an empty endpoint list (issue 9, item 6).
 */
import browser from '../shared/browser';

export const TEST_WORKER_STARTS_KEY = 'test:workerStarts';
export const TEST_INIT_DELAY_KEY = 'test:initDelayMs';
export const TEST_WORKER_START_TIMES_KEY = 'test:workerStartTimes';

/** Counts this start; also on `globalThis.__grantscopeWorkerStart` for a test that evaluates in the worker. */
export async function countWorkerStart(): Promise<number> {
  const at = Date.now();
  const got = await browser.storage.session.get([TEST_WORKER_STARTS_KEY, TEST_WORKER_START_TIMES_KEY]);
  const n = (typeof got[TEST_WORKER_STARTS_KEY] === 'number' ? got[TEST_WORKER_STARTS_KEY] : 0) + 1;
  const times = Array.isArray(got[TEST_WORKER_START_TIMES_KEY]) ? (got[TEST_WORKER_START_TIMES_KEY] as number[]) : [];
  await browser.storage.session.set({ [TEST_WORKER_STARTS_KEY]: n, [TEST_WORKER_START_TIMES_KEY]: [...times, at].slice(-20) });
  (globalThis as { __grantscopeWorkerStart?: { n: number; at: number } }).__grantscopeWorkerStart = { n, at };
  return n;
}

/** Resolves after the test's requested start-up delay (none unless a test set one, at most 10 s). */
export async function testInitDelay(): Promise<void> {
  const ms = (await browser.storage.session.get(TEST_INIT_DELAY_KEY))[TEST_INIT_DELAY_KEY];
  if (typeof ms === 'number' && ms > 0) await new Promise((r) => setTimeout(r, Math.min(ms, 10_000)));
}
