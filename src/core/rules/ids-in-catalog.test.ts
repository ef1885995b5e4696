/**
 * Every finding id written literally in the source is a catalog rule (issue 11: "every rule is one
 * entry in the engine with its clause"). A check that invents its own id would be shown with no
 * clause link and no set, so it is caught here rather than on screen.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleById } from './catalog';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.(test|fuzz\.test|fixtures)\.tsx?$/.test(name) ? [p] : [];
  });
}

const LITERAL = /\b(?:failed|passed|notApplicable|notSeen)\(\s*'([^']+)'/g;

describe('finding ids', () => {
  it('are all catalog rules', () => {
    const unknown: string[] = [];
    let seen = 0;
    for (const file of sources(join(__dirname, '..', '..'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(LITERAL)) {
        seen++;
        if (!ruleById(m[1]!)) unknown.push(`${m[1]} in ${file}`);
      }
    }
    expect(unknown).toEqual([]);
    // The scan itself works: most checks name their rule literally.
    expect(seen).toBeGreaterThan(20);
  });
});
