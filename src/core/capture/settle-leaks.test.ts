/**
 * A flow's outcome (title in the flow list, detail in the flow view) built from a callback's error:
 * the provider picks that text, and can echo a token or code in it (issue 9, "masking by rule").
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { settle } from './settle';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';

function flowWithCallback(params: Record<string, string>): Flow {
  return { steps: [{ kind: 'callback', at: 0, url: 'https://rp.example/cb', params, source: 'query', findings: [] }] } as unknown as Flow;
}

describe('settle: a callback error echoing a secret', () => {
  // Was a leak: the callback branch put p.error and p.error_description into the outcome as they
  // came; they now go through redactText, as the token-answer branch's already did.
  it('error_description with a JWT is not in the outcome detail', () => {
    const f = flowWithCallback({ error: 'invalid_request', error_description: `id_token_hint ${JWT} is expired` });
    settle(f);
    expect(JSON.stringify(f.outcome)).not.toContain(JWT);
  });

  it('error with a code=… pair is not in the outcome title', () => {
    const f = flowWithCallback({ error: `invalid_grant code=Sx7k2Qp9` });
    settle(f);
    expect(JSON.stringify(f.outcome)).not.toContain('Sx7k2Qp9');
  });
});
