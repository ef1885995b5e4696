/**
 * Prints the unit, e2e (Chromium) and e2e-firefox JSON reports as one closing line, "tests: N passed,
 * N failed, N skipped", for CI to read. Unit tests run first and the browsers after, one at a time,
 * never at once: on two cores a browser competing with the unit workers is how a renderer crash turned
 * up once.
 */
import { readFileSync } from 'node:fs';

interface Report { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }

const reports = ['artifacts/vitest-unit.json', 'artifacts/vitest-e2e.json', 'artifacts/vitest-e2e-firefox.json'].map((f) => JSON.parse(readFileSync(f, 'utf8')) as Report);
const sum = (k: keyof Report) => reports.reduce((n, r) => n + r[k], 0);
console.log(`tests: ${sum('numPassedTests')} passed, ${sum('numFailedTests')} failed, ${sum('numPendingTests') + sum('numTodoTests')} skipped`);
