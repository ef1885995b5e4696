/**
 * The ID token's hashes against the values that came with it (OIDC Core 3.1.3.6 for the method):
 * at_hash over the access token, c_hash over the code, s_hash over the state (FAPI 1.0 Advanced
 * 5.1.1). A value from the front channel makes its hash required: at_hash for id_token token
 * (3.2.2.10) and code id_token token (3.3.2.11), c_hash for every hybrid response (3.3.2.11).
 */
import { failed, notApplicable, passed, type Finding } from './finding';
import { show } from './id-token';
import type { IdTokenInput } from './id-token-checks';
import { tokenHash } from './token-hash';

/** at_hash / c_hash / s_hash against the value that came with the token (OIDC Core 3.1.3.6). */
async function hashCheck(id: string, p: Record<string, unknown>, alg: unknown, value: string | undefined, what: string, clause: string, required: boolean): Promise<Finding> {
  const claim = p[id];
  if (value === undefined) return notApplicable(id, clause, claim === undefined ? `no ${what} to check` : `${id} is present, but no ${what} is known to compare it with`);
  if (claim === undefined) {
    return required
      ? failed(id, 'error', clause, `${id} is required with the ${what} in this response, but missing`, { expected: `${id} of the ${what}`, actual: '(absent)' })
      : notApplicable(id, clause, `no ${id} (optional here)`);
  }
  if (typeof claim !== 'string') return failed(id, 'error', clause, `${id} is not a string`, { expected: 'a base64url string', actual: show(claim) });
  const expected = typeof alg === 'string' ? await tokenHash(value, alg) : undefined;
  if (expected === undefined) return notApplicable(id, clause, `${id} cannot be computed for alg ${show(alg)}`);
  return claim === expected
    ? passed(id, clause, `${id} matches the ${what}`, { expected, actual: claim })
    : failed(id, 'error', clause, `${id} does not match the ${what}`, { expected, actual: claim });
}

export async function hashChecks(input: IdTokenInput): Promise<Finding[]> {
  const { payload: p, flow } = input;
  const alg = input.header.alg;
  const atClause = flow === 'implicit' ? 'OIDC Core 3.2.2.9, 3.2.2.10' : flow === 'hybrid' ? 'OIDC Core 3.3.2.9, 3.3.2.11' : 'OIDC Core 3.1.3.8';
  const cClause = flow === 'hybrid' ? 'OIDC Core 3.3.2.10, 3.3.2.11' : 'OIDC Core 3.3.2.10';
  return [
    await hashCheck('at_hash', p, alg, input.accessToken, 'access token', atClause, flow === 'implicit' || flow === 'hybrid'),
    await hashCheck('c_hash', p, alg, input.code, 'code', cClause, flow === 'hybrid'),
    await hashCheck('s_hash', p, alg, input.state, 'state', 'FAPI 1.0 Advanced 5.1.1', false),
  ];
}
