/**
 * The welcome page opens once, on a new install (issue 10, item 4): not on an update, a browser update
 * or a reload of an unpacked build (reason "update"), and not in the test build, whose e2e tests
 * count on the tabs they open themselves (deep capture follows the active tab; the harness watches
 * the first page). test/e2e/first-run.test.ts opens the page directly.
 */
export const WELCOME_PAGE = 'welcome.html';

export function opensWelcome(reason: string, testBuild: boolean): boolean {
  return reason === 'install' && !testBuild;
}
