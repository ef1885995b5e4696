/**
 * The relay reads events any script on the page can forge (issue 9): reportFrom gives a report or
 * undefined for any detail, quickly, never throwing and never polluting a prototype; and whatever it
 * lets through, the background's parseObserved still answers without throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseObserved } from '../core/capture/observed';
import { anyText, deepArray, expectNoPollution, HOSTILE, hugeText, jsonText, quick, RUNS, urlText } from '../core/fuzz.fixtures';
import { reportFrom } from './relay-check';

const detail = fc.oneof(
  jsonText,
  anyText,
  hugeText,
  fc.anything(),
  fc
    .record({ id: fc.oneof(fc.constant('ps:1'), anyText), url: fc.oneof(urlText, anyText), method: fc.constantFrom('GET', 'POST', 'x y'), at: fc.oneof(fc.nat(), fc.double()), response: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant('DEEP')), bodyText: fc.oneof(anyText, hugeText), tabId: fc.integer(), via: fc.string() }, { requiredKeys: ['id', 'url', 'method', 'at'] })
    .map((r) => JSON.stringify(r).replace('"via"', '"__proto__"').replace('"DEEP"', deepArray(20_000))),
);

describe('reportFrom never throws, is quick, and answers a report or undefined', () => {
  it('random and forged details', () => {
    fc.assert(
      fc.property(detail, (d) => {
        const r = quick(typeof d === 'string' ? d.length : 0, () => reportFrom(d));
        expectNoPollution();
        if (r === undefined) return;
        expect(r.via).toBe('page-script');
        expect(r.tabId).toBe(-1);
        quick(typeof d === 'string' ? d.length : 0, () => parseObserved({ ...r, tabId: 3 }));
      }),
      RUNS,
    );
  });

  it.each(HOSTILE)('%s as the detail and inside it', (_name, text) => {
    quick(text.length, () => reportFrom(text));
    quick(text.length, () => reportFrom(JSON.stringify({ id: 'ps:1', url: `https://a.example/?${text.slice(0, 100_000)}`, method: 'POST', at: 1, bodyText: text.slice(0, 500_000) })));
  });
});
