import { describe, expect, it } from 'vitest';
import { hashChecks } from './id-token-hashes';
import type { IdTokenInput } from './id-token-checks';

// OIDC Core appendix A: the access token and code with their RS256 hashes.
const input: IdTokenInput = {
  header: { alg: 'RS256' },
  payload: { at_hash: '77QmUPtjPfzWtF2AnpK9RQ', c_hash: 'LDktKdoQak3Pk0cnXxCltA' },
  issuer: 'http://server.example.com',
  clientId: 's6BhdRkqt3',
  flow: 'hybrid',
  accessToken: 'jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y',
  code: 'Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk',
};

describe('hashChecks', () => {
  it.each([
    ['hybrid', {}, ['pass', 'pass', 'n/a'], ['OIDC Core 3.3.2.9, 3.3.2.11', 'OIDC Core 3.3.2.10, 3.3.2.11', 'FAPI 1.0 Advanced 5.1.1']],
    ['implicit', { flow: 'implicit', code: undefined }, ['pass', 'n/a', 'n/a'], ['OIDC Core 3.2.2.9, 3.2.2.10', 'OIDC Core 3.3.2.10', 'FAPI 1.0 Advanced 5.1.1']],
    ['code', { flow: 'code', code: undefined }, ['pass', 'n/a', 'n/a'], ['OIDC Core 3.1.3.8', 'OIDC Core 3.3.2.10', 'FAPI 1.0 Advanced 5.1.1']],
    ['no alg', { header: {} }, ['n/a', 'n/a', 'n/a'], ['OIDC Core 3.3.2.9, 3.3.2.11', 'OIDC Core 3.3.2.10, 3.3.2.11', 'FAPI 1.0 Advanced 5.1.1']],
  ] as [string, Partial<IdTokenInput>, string[], string[]][])('%s', async (_what, change, statuses, clauses) => {
    const fs = await hashChecks({ ...input, ...change });
    expect(fs.map((f) => f.id)).toEqual(['at_hash', 'c_hash', 's_hash']);
    expect(fs.map((f) => f.status)).toEqual(statuses);
    expect(fs.map((f) => f.clause)).toEqual(clauses);
  });

  it('names a required hash that is missing', async () => {
    const [at] = await hashChecks({ ...input, payload: {} });
    expect(at).toMatchObject({ status: 'fail', message: 'at_hash is required with the access token in this response, but missing', actual: '(absent)' });
  });

  it('says when no hash can be computed for the alg', async () => {
    const [at] = await hashChecks({ ...input, header: { alg: 'Ed448' } });
    expect(at).toMatchObject({ status: 'n/a', message: 'at_hash cannot be computed for alg Ed448' });
  });
});
