/**
 * Redaction takes recorded traffic, which is hostile (issue 9): a 250 K `{"error":"name=aaaa…"}`
 * made the old regexes backtrack for seconds and throw "too much recursion" in Firefox. Every input,
 * random or built to hurt, must come back quickly, never throw, and never carry a secret it was given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSecretName, redactHeaders, redactParams, redactText, redactUrl } from './redact';

const MB = 1024 * 1024;
/** Generous for a slow CI machine; the old code took 10 s on the first case below. */
const BOUND_MS = 250;

/** A piece repeated to about `size` chars: the shapes that make backtracking regexes slow. */
const repeated = (piece: string, size: number) => piece.repeat(Math.ceil(size / piece.length)).slice(0, size);

const PIECES = [
  'name=', 'a', '"', '\\', '\\"', 'ey', 'ey-', 'eyJabcdefghijkl.', '{', '{"a":', '[', '"x" : ', '<', '<input name="code" ',
  'value="', "<a x='>", 'Bearer ', '//a:', 'a:', 'a-', '=', '&', 'token=', 'A1', '%', '%E0', '😀', '\ud800', '\n', ' ',
];

const adversarial = fc.tuple(fc.constantFrom(...PIECES), fc.integer({ min: 1, max: MB }), fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
  .map(([piece, size, before, after]) => before + repeated(piece, size) + after);

const timed = <T,>(fn: () => T): { value: T; ms: number } => {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
};

describe('redaction is bounded on hostile input', () => {
  it('the frozen-worker answer: a 250 K error of name=aaaa', () => {
    const body = `{"error":"name=${'a'.repeat(250_000)}"}`;
    const { value, ms } = timed(() => redactText(body));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value).toMatch(/more chars not shown\]$/);
  });

  it.each(PIECES.map((p) => [p]))('1 MB of %j, every entry point', (piece) => {
    const s = repeated(piece, MB);
    for (const fn of [(): unknown => redactText(s), () => redactUrl(s), () => redactUrl(`https://a.example/?${s}#${s}`), () => redactHeaders({ x: s, [s.slice(0, 300)]: s }), () => isSecretName(s)]) {
      const { ms } = timed(fn);
      expect(ms).toBeLessThan(BOUND_MS);
    }
  });

  it('adversarial and random strings up to 1 MB never throw and finish quickly', () => {
    fc.assert(
      fc.property(fc.oneof(adversarial, fc.string({ maxLength: 5000 }), fc.string({ unit: 'binary', maxLength: 5000 })), (s) => {
        const { ms } = timed(() => {
          redactText(s);
          redactUrl(s);
          redactParams({ [s.slice(0, 100)]: s });
          isSecretName(s);
        });
        expect(ms).toBeLessThan(BOUND_MS * 2);
      }),
      { numRuns: 60 },
    );
  });
});

/** A credential-looking value: no "=" "&" or spaces, 8 to 40 chars, with a digit so it is not a word. */
const secretValue = fc.stringMatching(/^[A-Za-z0-9_.~-]{7,39}$/).map((s) => `${s}7`);
const secretName = fc.constantFrom('code', 'access_token', 'refresh_token', 'id_token', 'client_secret', 'password', 'session_token', 'x-api-key', 'api_key', 'client_assertion', 'code_verifier', 'SessionId', 'csrf_token');
const filler = fc.constantFrom('state=xyz', 'scope=openid', 'client_id=app', 'page=2', 'lang=en');

describe('secrets never survive', () => {
  it('in a query string, a fragment, a form body and JSON', () => {
    fc.assert(
      fc.property(secretName, secretValue, fc.array(filler, { maxLength: 4 }), (name, value, rest) => {
        const pairs = [...rest, `${name}=${value}`, ...rest].join('&');
        expect(redactUrl(`https://idp.example/cb?${pairs}`)).not.toContain(value);
        expect(redactUrl(`https://idp.example/cb#${pairs}`)).not.toContain(value);
        expect(redactText(pairs)).not.toContain(value);
        expect(redactText(JSON.stringify({ a: 1, [name]: value, b: 'x' }))).not.toContain(value);
        expect(redactText(`<input type="hidden" name="${name}" value="${value}">`)).not.toContain(value);
        expect(redactParams({ [name]: value })[name]).not.toContain(value);
        expect(Object.values(redactHeaders({ [name]: value }))[0]).not.toContain(value);
      }),
      { numRuns: 300 },
    );
  });

  it('behind a cap, nothing after it shows at all', () => {
    fc.assert(
      fc.property(secretValue, fc.integer({ min: 0, max: 200_000 }), (value, pad) => {
        const text = `${'x'.repeat(pad)} code=${value}`;
        expect(redactText(text)).not.toContain(value);
        expect(redactUrl(`https://a.example/?p=${'x'.repeat(pad)}&code=${value}`)).not.toContain(value);
      }),
      { numRuns: 50 },
    );
  });
});
