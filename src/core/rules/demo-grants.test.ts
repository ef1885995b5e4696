/**
 * No false alarm on the demo provider (issue 11: "a clean code + PKCE flow on the demo provider shows
 * none and no false alarm", held for every grant and option it supports). Every real flow recorded
 * from it (test/fixtures/flows/, grants/ by record-grants.fixtures.ts, and the HAR corpus) is judged
 * under the core set; the failures and warnings listed are the true ones, each with why.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../finding';
import type { Flow } from '../flow';
import { importHar } from '../export/har-import';
import { evaluate, summaryOf } from './engine';

const fixture = (p: string) => readFileSync(new URL(`../../../test/fixtures/${p}`, import.meta.url), 'utf8');
const flowOf = (p: string) => JSON.parse(fixture(p)) as Flow;
const harFlows = (p: string) => {
  const r = importHar(fixture(p), p, { now: 1 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.flows;
};
const bad = (f: Flow) => evaluate(f, { set: 'core', now: f.updatedAt }).findings.filter((x) => ['fail', 'warn'].includes(outcomeOf(x))).map((x) => `${x.id}:${outcomeOf(x)}`);

// RFC 9700 2.1.2 (core: a warning): a response type that returns an access token in the front channel.
const FRONT_TOKEN = ['implicit.token:warn'];

const LAUNCHED: [string, string[]][] = [
  ['flows/code-pkce.json', []],
  ['flows/code-pkce-again.json', []],
  ['flows/code-pkce-refreshed.json', []],
  ['flows/code-jwt-access.json', []],
  ['flows/hybrid.json', []],
  ['flows/implicit.json', FRONT_TOKEN],
  ['flows/spa-recorded.json', []],
  ['flows/grants/implicit-id-token.json', []],
  ['flows/grants/hybrid-code-token.json', FRONT_TOKEN],
  ['flows/grants/hybrid-code-id-token-token.json', FRONT_TOKEN],
  ['flows/grants/form-post.json', []],
  ['flows/grants/fragment.json', []],
  ['flows/grants/par.json', []],
  ['flows/grants/request-object.json', []],
  ['flows/grants/observe.json', []],
  ['flows/grants/code-offline.json', []],
  // response_type=token asked of a client that may not use it: the request's own true warning; the provider refused.
  ['flows/grants/error-callback.json', FRONT_TOKEN],
  ['flows/grants/client-credentials.json', []],
  ['flows/grants/client-credentials-dpop.json', []],
  ['flows/grants/dpop-nonce.json', []],
  ['flows/grants/private-key-jwt.json', []],
  ['flows/grants/client-secret-post.json', []],
  ['flows/grants/refresh-grant.json', []],
  ['flows/grants/token-exchange.json', []],
  ['flows/grants/device.json', []],
  // RFC 9700 2.4: the password grant MUST NOT be used (the test asks for it on purpose).
  ['flows/grants/password.json', ['grant.password:fail']],
];

const RECORDED: [string, string[][]][] = [
  ['har/recorded-chromium-spa-redirect.har', [[]]],
  ['har/recorded-chromium-spa-popup.har', [[]]],
  ['har/recorded-chromium-webapp.har', [[]]],
  // The hand-made corpus's confidential app sends its client secret from the page (RFC 6749 10.1), and asks
  // offline_access without prompt=consent (OIDC Core 11). Its 22-character state and nonce are 128 bits: no warning.
  ['har/chrome-code-pkce.har', [['client.secret-in-browser:fail', 'request.offline-access:warn']]],
  // Its implicit app's 10-character state is guessable (RFC 6749 10.10); its client-credentials call sends the
  // secret from the page and the answer lacks Cache-Control: no-store (RFC 6749 5.1).
  ['har/firefox-implicit.har', [['state.weak:warn', 'implicit.token:warn'], ['client.secret-in-browser:fail', 'token.cache-control:warn']]],
];

describe('every demo grant and option judged under the core set', () => {
  it.each(LAUNCHED)('%s: only the true failures and warnings', (p, want) => expect(bad(flowOf(p))).toEqual(want));
  it.each(RECORDED)('%s: only the true failures and warnings', (p, want) => expect(harFlows(p).map(bad)).toEqual(want));

  it('a flow that failed reads no rule "not seen" after its end; the list row counts what the detail counts', () => {
    for (const [p] of LAUNCHED) {
      const f = flowOf(p);
      const v = evaluate(f);
      if (f.status === 'failed') expect([p, v.counts.notSeen]).toEqual([p, 0]);
      const row = summaryOf(v);
      expect([p, row.failed, row.warned, row.notSeen]).toEqual([p, v.counts.failed, v.counts.warned, v.counts.notSeen]);
    }
  });
});
