/**
 * An imported bundle reads the verdict its flows had where they were exported (issue 13, item 4),
 * though its secrets are placeholders: a "#" inside ‹code #1, …› is not the callback's fragment, an
 * ID token without its signature keeps its claims, and a redacted code_verifier reads "not seen"
 * (its value is not in the file) rather than failing the PKCE checks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { evaluate, summaryOf } from '../rules/engine';
import { bundleText, exportBundle, importBundle } from './bundle';
import { importHar } from './har-import';

const CORPUS = ['chrome-code-pkce.har', 'firefox-implicit.har', 'recorded-chromium-spa-redirect.har', 'recorded-chromium-spa-popup.har', 'recorded-chromium-webapp.har'];
const flowsOf = (name: string): Flow[] => {
  const r = importHar(readFileSync(new URL(`../../../test/fixtures/har/${name}`, import.meta.url), 'utf8'), name, { now: 1 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.flows;
};
const judged = (f: Flow) => evaluate(f).findings.map((x) => `${x.id}@${x.step ?? ''}:${x.status}`);

describe('a redacted bundle imported back', () => {
  it.each(CORPUS)('%s: the same failures, warnings and row verdict; passes too, but for a redacted verifier', (name) => {
    for (const f of flowsOf(name)) {
      const back = importBundle(bundleText(exportBundle([f])), 'b.json');
      if (!back.ok) throw new Error(back.error.message);
      const g = back.value.flows[0]!;
      const before = judged(f);
      const after = judged(g);
      const bad = (xs: string[]) => xs.filter((x) => /:(fail|warn)$/.test(x));
      expect(bad(after)).toEqual(bad(before));
      const changed = before.filter((x) => !after.includes(x));
      expect(changed.every((x) => /^(pkce\.verifier-(format|match)|refresh\.rotated)@\d*:pass$/.test(x))).toBe(true);
      const { failed, warned } = summaryOf(evaluate(g));
      expect({ failed, warned }).toMatchObject({ failed: summaryOf(evaluate(f)).failed, warned: summaryOf(evaluate(f)).warned });
    }
  });
});
