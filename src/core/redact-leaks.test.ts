/**
 * A reviewer's attempts to make a secret show unmasked (issue 9, "masking by rule, not by list"):
 * each case is one way a token, code, verifier, client secret or cookie could slip past the rule.
 * Short, opaque secrets are used on purpose: a long random run is caught by redactText's LONG_RUN
 * anyway, so only the rule itself is under test.
 */
import { describe, expect, it } from 'vitest';
import { logText, redactHeaders, redactQuery, redactText, redactUrl, redactValue } from './redact';

const S = 'Sx7k2Qp9'; // a short opaque secret: under every length heuristic
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';

describe('names in other spellings (redactUrl)', () => {
  it.each([
    'Access%5Ftoken', 'ACCESS-TOKEN', 'accessToken', 'access.token', 'access_token[]', 'access_token%5B%5D', 'access_token%20', 'access+token',
    'access%2Btoken', 'co%64e', 'CODE', 'Code', 'code_verifier', 'codeVerifier', 'client_secret', 'clientSecret', 'id_token_hint', 'subject_token',
    'client_assertion', 'assertion', 'logout_token', 'device_code', 'password', 'api_key', 'X-Api-Key', 'PHPSESSID', 'JSESSIONID', 'connect.sid',
  ])('%s=secret', (name) => {
    expect(redactUrl(`https://rp.example/cb?state=s1&${name}=${S}`)).not.toContain(S);
  });
});

describe('URL shapes (redactUrl)', () => {
  it.each([
    ['repeated parameter, second value', `https://rp.example/cb?code=a&code=${S}`],
    ['SPA route in the fragment', `https://rp.example/#/callback?access_token=${S}&state=x`],
    ['SPA route, token not first', `https://rp.example/#/callback?state=x&access_token=${S}`],
    ['fragment with a leading &', `https://rp.example/cb#&access_token=${S}`],
    ['";" as a separator, secret second', `https://rp.example/cb?state=x;code=${S}`],
    ['redirect_uri holding ?code= (encoded once)', `https://idp.example/next?redirect_uri=${encodeURIComponent(`https://rp.example/cb?code=${S}`)}`],
    ['redirect_uri holding ?code= (encoded twice)', `https://idp.example/next?redirect_uri=${encodeURIComponent(encodeURIComponent(`https://rp.example/cb?code=${S}`))}`],
    ['return_to holding a raw nested query', `https://idp.example/login?return_to=/cb?code=${S}`],
    ['error_description echoing a JWT', `https://rp.example/cb?error=invalid_token&error_description=${encodeURIComponent(`token ${JWT} expired`)}`],
    ['error_description echoing a JWT with +', `https://rp.example/cb?error=x&error_description=token+${JWT}+expired`],
    ['JWT in the path', `https://rp.example/tokens/${JWT}`],
    ['userinfo password', `https://user:${S}@rp.example/`],
    ['id_token_hint in a logout URL', `https://idp.example/logout?id_token_hint=${S}&post_logout_redirect_uri=https%3A%2F%2Frp`],
  ])('%s', (_label, url) => {
    const out = redactUrl(url);
    expect(out).not.toContain(S);
    expect(out).not.toContain(JWT);
    expect(out).not.toContain(encodeURIComponent(JWT));
  });

  it('keeps state, scope, client_id and a plain redirect_uri readable', () => {
    const url = 'https://idp.example/authorize?client_id=app&state=Zm9vYmFyYmF6cXV4cXV1eA&scope=openid%20profile&redirect_uri=https%3A%2F%2Frp.example%2Fcb';
    expect(redactUrl(url)).toBe(url);
  });
});

describe('bodies (redactText)', () => {
  it.each([
    ['nested JSON object', `{"data":{"refresh_token":"${S}"}}`],
    ['JSON array under a secret name', `{"refresh_tokens":["${S}","b"]}`],
    ['JSON object under a secret name', `{"client_secret":{"value":"${S}"}}`],
    ['JSON array of objects', `[{"access_token":"${S}"}]`],
    ['JSON, spaces around the colon', `{"access_token" :  "${S}"}`],
    ['form body with ";"', `state=x;code=${S}`],
    ['form body, GitHub answer', `access_token=${S}&scope=repo&token_type=bearer`],
    ['form_post page', `<form method="post"><input type="hidden" name="code" value="${S}"/></form>`],
    ['form_post page, value first, single quotes', `<input value='${S}' type=hidden name='id_token'>`],
    ['form_post page, unquoted, upper case', `<INPUT TYPE=hidden NAME=code VALUE=${S}>`],
    ['Set-Cookie line in text', `Set-Cookie: sid=${S}; Path=/; HttpOnly`],
    ['Cookie header line in text', `Cookie: theme=dark; session=${S}`],
    ['Authorization line in text, lower-case scheme', `authorization: bearer ${S}`],
    ['Authorization: Basic', `Authorization: Basic ${btoa(`app:${S}`)}`],
    ['client_assertion in a form', `grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${S}`],
    ['assertion grant', `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${S}`],
    ['token exchange', `subject_token=${S}&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token`],
    ['error_description echoing a token in JSON', `{"error":"invalid_grant","error_description":"code ${JWT} was used"}`],
  ])('%s', (_label, text) => {
    const out = redactText(text);
    expect(out).not.toContain(S);
    expect(out).not.toContain(JWT);
  });

  it('keeps WWW-Authenticate auth-params readable', () => {
    expect(redactText('Bearer error="invalid_token", error_description="expired"')).toContain('invalid_token');
  });
});

describe('forms and headers', () => {
  it.each([
    `client_id=app&client_secret=${S}`,
    `code_verifier=${S}&grant_type=authorization_code`,
    `state=x;code=${S}`,
  ])('redactQuery %s', (q) => {
    expect(redactQuery(q)).not.toContain(S);
  });

  it.each([
    ['Authorization', `Basic ${btoa(`app:${S}`)}`],
    ['Cookie', `theme=dark; session=${S}`],
    ['Set-Cookie', `__Host-sid=${S}; Secure; Path=/`],
    ['DPoP', JWT],
    ['X-Api-Key', S],
    ['X-CSRF-Token', S],
    ['Location', `https://rp.example/cb?code=${S}`],
    ['Location', `https://rp.example/cb#access_token=${S}`],
    ['Refresh', `0; url=https://rp.example/cb?code=${S}`],
  ])('header %s', (name, value) => {
    expect(Object.values(redactHeaders({ [name]: value })).join()).not.toContain(S);
  });
});

describe('redactValue: a value under a readable name', () => {
  it.each([
    ['nested URL with a code', `https://rp.example/cb?code=${S}`],
    ['nested URL, encoded', encodeURIComponent(`https://rp.example/cb?code=${S}`)],
    ['a JWT in prose', `token ${JWT} expired`],
    ['stringified JSON with a secret member', JSON.stringify({ data: { refresh_token: S } })],
  ])('%s', (_l, v) => {
    expect(redactValue(v)).not.toContain(S);
    expect(redactValue(v)).not.toContain(JWT);
  });

  it.each(['Zm9vYmFyYmF6cXV4cXV1eA', 'openid profile', 'https://rp.example/cb', 'abc=='])('leaves %s as it is', (v) => {
    expect(redactValue(v)).toBe(v);
  });
});

describe('logText: what the worker logs about an error', () => {
  const caught = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it.each([
    ['V8 JSON.parse quoting a short token', caught(() => JSON.parse(S))],
    ['Firefox URL constructor quoting the URL', new TypeError(`URL constructor: https://rp.example/cb?code=${S} is not a valid URL.`)],
    ['a message quoting a header', new Error(`fetch failed: authorization: bearer ${S}`)],
    ['a thrown string with a JWT', `bad token ${JWT}`],
    ['a thrown form body', `client_secret=${S}&grant_type=x`],
  ])('%s', (_l, e) => {
    // The raw message, as the worker's console lines printed it, carries the secret ...
    const raw = e instanceof Error ? e.message : String(e);
    expect(raw.includes(S) || raw.includes(JWT)).toBe(true);
    // ... logText does not.
    expect(logText(e)).not.toContain(S);
    expect(logText(e)).not.toContain(JWT);
  });

  it('survives a value whose message getter throws', () => {
    const bad = Object.create(Error.prototype, { message: { get: () => { throw new Error('x'); } } }) as Error;
    expect(logText(bad)).toBe('an unknown error');
  });
});

describe('names spelt to dodge the rule (a hostile sender hiding its own output; not fixed)', () => {
  // LEAK, left: each needs the name decoded before the rule reads it (JSON escapes, HTML character
  // references, percent-encoding in free text). Only a sender that means to hide a value writes these,
  // and the value is its own; a long random value is still caught by redactText's long-run rule.
  it.fails('JSON key with a \\u escape: "co\\u0064e"', () => {
    expect(redactText(`{"co\\u0064e":"${S}"}`)).not.toContain(S);
  });
  it.fails('HTML form field name with a character reference: name="co&#100;e"', () => {
    expect(redactText(`<input name="co&#100;e" value="${S}">`)).not.toContain(S);
  });
  it.fails('percent-encoded name in a form-encoded answer body: co%64e=', () => {
    expect(redactText(`co%64e=${S}&scope=x`)).not.toContain(S);
  });
  it('percent-encoded name in a URL or form is decoded first (held)', () => {
    expect(redactUrl(`https://rp.example/cb?co%64e=${S}`)).not.toContain(S);
    expect(redactQuery(`co%64e=${S}`)).not.toContain(S);
  });
});

describe('by design, not masked by the rule (noted)', () => {
  it('state and nonce stay readable, even when an app puts a secret in them', () => {
    expect(redactUrl(`https://rp.example/cb?state=${S}`)).toContain(S);
  });
  it('an opaque (non-JWT) token as a path segment stays readable', () => {
    expect(redactUrl(`https://rp.example/tokens/${S}`)).toContain(S);
  });
});
