import { describe, expect, it } from 'vitest';
import { requestFindings } from './request-findings';
import type { RequestOptions } from './request-options';

const safe: RequestOptions = { responseType: 'code', scope: 'openid', pkce: 'S256', state: { mode: 'auto' }, nonce: { mode: 'auto' } };
const sent = (params: Record<string, string> = {}, resource: string[] = []) => ({ params, resource });

describe('requestFindings', () => {
  it('nothing for the safe default', () => {
    expect(requestFindings(safe, sent({ response_type: 'code', scope: 'openid' }))).toEqual([]);
  });

  it('each finding carries its clause and evidence', () => {
    expect(requestFindings({ ...safe, pkce: 'plain' }, sent())).toEqual([
      { id: 'pkce.plain', status: 'fail', severity: 'warning', clause: 'RFC 9700 2.1.1, RFC 7636 4.2', message: 'PKCE plain sends the verifier itself in the URL; S256 does not', expected: 'S256', actual: 'plain' },
    ]);
    expect(requestFindings(safe, sent({ max_age: '-5' }))).toEqual([
      { id: 'request.max-age', status: 'fail', severity: 'warning', clause: 'OIDC Core 3.1.2.1', message: 'max_age is not a non-negative whole number of seconds', expected: 'an integer >= 0', actual: '-5' },
    ]);
  });

  it('state omitted in an implicit flow is an error: no PKCE stands in for it', () => {
    expect(requestFindings({ ...safe, responseType: 'id_token', state: { mode: 'omit' } }, sent()).map((f) => [f.id, f.severity])).toEqual([['state.omitted', 'error']]);
  });

  it('judges what is sent, not what was typed', () => {
    expect(requestFindings(safe, sent({ claims: '{"id_token":{}}', prompt: 'consent' }, ['https://api.example/']))).toEqual([]);
    expect(requestFindings(safe, sent({}, ['not a uri'])).map((f) => f.id)).toEqual(['request.resource']);
  });
});
