/** Prints vitest's JSON report as one closing line, "N passed, N failed, N skipped", for CI to read. */
import { readFileSync } from 'node:fs';

const r = JSON.parse(readFileSync('artifacts/vitest.json', 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
