import { describe, expect, it } from 'vitest';
import { checkCallback, classifyCallback } from './callback';
import { parseFormPostBody } from './form-post';

// After the Form Post Response Mode 5 example (response_type=id_token): its state, and its id_token shortened.
const ID_TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjFlOWdkazcifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIn0.ggW8hZ1EuVLuxNuuIJKX_V8a_OMXzR0EHR9R6jgdqrOOF4daGU96Sr_P6q';
const STATE = 'DcP7csa3hMlvybERqcieLHrRzKBra';

describe('parseFormPostBody', () => {
  it.each([
    ['formData, as Chrome gives it', { id_token: [ID_TOKEN], state: [STATE] }, undefined, { id_token: ID_TOKEN, state: STATE }, 'form_post', []],
    ['a raw body', undefined, `id_token=${ID_TOKEN}&state=${STATE}\r\n`, { id_token: ID_TOKEN, state: STATE }, 'form_post', []],
    ['a raw body with escapes', undefined, 'error=access_denied&error_description=The+user+said+%3Cb%3Eno%3C%2Fb%3E', { error: 'access_denied', error_description: 'The user said <b>no</b>' }, 'form_post', []],
    ['a code response with iss', { code: ['SplxlOBeZQQYbYS6WxSbIA'], state: ['xyz'], iss: ['https://as.example'] }, undefined, { code: 'SplxlOBeZQQYbYS6WxSbIA', state: 'xyz', iss: 'https://as.example' }, 'form_post', []],
    ['a field sent twice (RFC 6749 3.1)', { state: ['a', 'b'], code: ['c'] }, undefined, { state: 'a', code: 'c' }, 'form_post', ['state']],
    ['a raw field sent twice', undefined, 'code=a&code=b', { code: 'a' }, 'form_post', ['code']],
    ['an empty form', {}, undefined, {}, 'none', []],
    ['an empty raw body', undefined, '', {}, 'none', []],
  ])('%s', (_what, formData, raw, params, source, duplicates) => {
    expect(parseFormPostBody(formData, raw)).toEqual({ ok: true, value: { params, source, duplicates } });
  });

  it('formData wins over raw', () => {
    const r = parseFormPostBody({ code: ['from-form'] }, 'code=from-raw');
    expect(r.ok && r.value.params.code).toBe('from-form');
  });

  it.each([
    ['nothing at all', undefined, undefined, 'no-body'],
    ['a JSON body', undefined, '{"code":"x","state":"y"}', 'not-form-urlencoded'],
    ['a multipart body', undefined, '--boundary\r\nContent-Disposition: form-data; name="code"\r\n\r\nx\r\n--boundary--', 'not-form-urlencoded'],
    ['a text/plain form', undefined, 'code=x\r\nstate=y', 'not-form-urlencoded'],
    ['formData that is an array', [] as unknown as Record<string, string[]>, undefined, 'bad-form'],
    ['formData with a non-array value', { code: 'x' } as unknown as Record<string, string[]>, undefined, 'bad-form'],
    ['formData with a number inside', { code: [1] } as unknown as Record<string, string[]>, undefined, 'bad-form'],
  ])('%s is a problem', (_what, formData, raw, code) => {
    expect(parseFormPostBody(formData, raw)).toMatchObject({ ok: false, error: { code } });
  });
});

describe('form_post answers go through the callback checks', () => {
  it('an ID token in a form post is not "in the query"', () => {
    const r = parseFormPostBody({ id_token: [ID_TOKEN], state: [STATE] });
    if (!r.ok) throw new Error(r.error.message);
    expect(checkCallback(r.value, { state: STATE, responseType: 'id_token', responseMode: 'form_post' }).filter((f) => f.status === 'fail')).toEqual([]);
    expect(classifyCallback(r.value)).toMatchObject({ kind: 'tokens' });
  });

  it('a duplicate and a wrong state are still flagged', () => {
    const r = parseFormPostBody({ code: ['c'], state: ['t', 'u'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(checkCallback(r.value, { state: 's', responseMode: 'form_post' }).filter((f) => f.status === 'fail').map((f) => f.id)).toEqual(['state.mismatch', 'callback.duplicate-param']);
    expect(classifyCallback(r.value)).toEqual({ kind: 'code', code: 'c', state: 't' });
  });

  it('an empty form post has no parameters at all', () => {
    const r = parseFormPostBody({});
    expect(r.ok && classifyCallback(r.value)).toMatchObject({ kind: 'invalid', problem: { code: 'no-params' } });
  });
});
