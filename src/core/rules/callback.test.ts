import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { ruleById } from './catalog';
import { CALLBACK_RULES } from './catalog-callback';
import { evaluate } from './engine';
import { callback, ISS, launched, recorded, SENT, type Shape, STATE } from './rule-flows.fixtures';

const ctx = { set: 'core' as const, now: 10, toleranceSec: 60 };
const judged = (id: string, f: Flow) => ruleById(id)!.judge!(f, ctx);
const statuses = (id: string, f: Flow) => judged(id, f).map((x) => x.status);

const CODE = 'SplxlOBeZQQYbYS6WxSbIA';
/** An unsigned ID token whose iss is another issuer: only its claim is read here. */
const ID_TOKEN_EVIL = `${btoa(JSON.stringify({ alg: 'none' })).replace(/=+$/, '')}.${btoa(JSON.stringify({ iss: 'https://evil.example', sub: 's' })).replace(/=+$/, '')}.`;
const ok = { code: CODE, state: STATE, iss: ISS };
const without = (p: Record<string, string>, name: string) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== name));
const sent = (over: Record<string, string>) => ({ ...SENT, ...over });

type Row = [id: string, what: string, shape: Shape, status: 'pass' | 'fail' | 'n/a' | 'not-seen'];

// Every callback rule: a response that triggers it, one that does not, and a callback never seen.
const ROWS: Row[] = [
  ['state.missing', 'state did not come back', { cb: callback(without(ok, 'state')) }, 'fail'],
  ['state.missing', 'state came back', { cb: callback(ok) }, 'pass'],
  ['state.missing', 'an error response without state', { cb: callback({ error: 'access_denied' }) }, 'fail'],
  ['state.missing', 'callback not seen', {}, 'not-seen'],
  ['state.missing', 'request not seen (orphan)', { sent: {}, cb: callback(ok, 'query', { orphan: true }) }, 'not-seen'],
  ['state.mismatch', 'another state', { cb: callback({ ...ok, state: 'other' }) }, 'fail'],
  ['state.mismatch', 'the same state', { cb: callback(ok) }, 'pass'],
  ['state.mismatch', 'no state came back', { cb: callback(without(ok, 'state')) }, 'n/a'],
  ['state.mismatch', 'callback not seen', {}, 'not-seen'],
  ['state.unexpected', 'a state nobody sent', { sent: without(SENT, 'state'), cb: callback(ok) }, 'fail'],
  ['state.unexpected', 'none sent, none back', { sent: without(SENT, 'state'), cb: callback(without(ok, 'state')) }, 'n/a'],
  ['state.unexpected', 'callback not seen', {}, 'not-seen'],
  ['callback.duplicate-param', 'state twice in the query', { cb: { ...callback(ok), url: `https://app.example/cb?code=${CODE}&state=${STATE}&state=evil` } }, 'fail'],
  ['callback.duplicate-param', 'state in query and fragment', { cb: { ...callback(ok), source: 'both', url: `https://app.example/cb?code=${CODE}&state=${STATE}#state=evil` } }, 'fail'],
  ['callback.duplicate-param', 'a form_post body with state twice', { sent: sent({ response_mode: 'form_post' }), cb: callback(ok, 'form_post', { duplicates: ['state'] }) }, 'fail'],
  ['callback.duplicate-param', 'each name once', { cb: callback(ok) }, 'pass'],
  ['callback.duplicate-param', 'callback not seen', {}, 'not-seen'],
  ['callback.iss.missing', 'advertised, absent', { issAdvertised: true, cb: callback(without(ok, 'iss')) }, 'fail'],
  ['callback.iss.missing', 'advertised, absent on an error', { issAdvertised: true, cb: callback({ error: 'access_denied', state: STATE }) }, 'fail'],
  ['callback.iss.missing', 'advertised, present', { issAdvertised: true, cb: callback(ok) }, 'pass'],
  ['callback.iss.missing', 'not advertised', { cb: callback(without(ok, 'iss')) }, 'n/a'],
  ['callback.iss.missing', 'callback not seen', { issAdvertised: true }, 'not-seen'],
  ['callback.iss.mismatch', 'a trailing slash', { cb: callback({ ...ok, iss: `${ISS}/` }) }, 'fail'],
  ['callback.iss.mismatch', 'another issuer on an error', { cb: callback({ error: 'access_denied', state: STATE, iss: 'https://evil.example' }) }, 'fail'],
  ['callback.iss.mismatch', "not the ID token's iss", { sent: sent({ response_type: 'code id_token' }), cb: callback({ ...ok, id_token: ID_TOKEN_EVIL }, 'fragment') }, 'fail'],
  ['callback.iss.mismatch', 'exactly the issuer', { cb: callback(ok) }, 'pass'],
  ['callback.iss.mismatch', 'no iss', { cb: callback(without(ok, 'iss')) }, 'n/a'],
  ['callback.iss.mismatch', 'callback not seen', {}, 'not-seen'],
  ['callback.implicit-in-query', 'implicit answered in the query', { sent: sent({ response_type: 'id_token token' }), cb: callback({ access_token: 'at', id_token: 'x.y.z', state: STATE }) }, 'fail'],
  ['callback.implicit-in-query', 'implicit in the fragment', { sent: sent({ response_type: 'id_token token' }), cb: callback({ access_token: 'at', id_token: 'x.y.z', state: STATE }, 'fragment') }, 'pass'],
  ['callback.implicit-in-query', 'a code flow', { cb: callback(ok) }, 'n/a'],
  ['callback.implicit-in-query', 'callback not seen', { sent: sent({ response_type: 'id_token' }) }, 'not-seen'],
  ['callback.response-mode', 'form_post asked, query used', { sent: sent({ response_mode: 'form_post' }), cb: callback(ok) }, 'fail'],
  ['callback.response-mode', 'fragment asked for a code, query used', { sent: sent({ response_mode: 'fragment' }), cb: callback(ok) }, 'fail'],
  ['callback.response-mode', 'query asked for a code, fragment used', { sent: sent({ response_mode: 'query' }), cb: callback(ok, 'fragment') }, 'fail'],
  ['callback.response-mode', 'form_post asked and used', { sent: sent({ response_mode: 'form_post' }), cb: callback(ok, 'form_post') }, 'pass'],
  ['callback.response-mode', 'default query for a code', { cb: callback(ok) }, 'pass'],
  ['callback.response-mode', 'callback not seen', {}, 'not-seen'],
];

describe.each([
  ['launched', launched],
  ['recorded', recorded],
])('callback rules on a %s flow', (_shape, make) => {
  it.each(ROWS)('%s: %s reads %s', (id, _what, shape, status) => {
    expect(statuses(id, make(shape))).toEqual([status]);
  });

  it('a clean code flow shows state matched and iss matched, with the values as evidence and the step', () => {
    const v = evaluate(make({ issAdvertised: true, cb: callback(ok) }));
    const byId = (id: string) => v.findings.find((x) => x.id === id);
    expect(byId('state.mismatch')).toMatchObject({ status: 'pass', message: 'state matched the one sent', step: 1, param: 'state', expected: STATE, actual: STATE });
    expect(byId('callback.iss.mismatch')).toMatchObject({ status: 'pass', message: 'iss matched the issuer', step: 1, expected: ISS, actual: ISS });
    expect(v.findings.filter((x) => CALLBACK_RULES.some((r) => r.id === x.id) && x.status === 'fail')).toEqual([]);
  });

  it('never puts the code in a finding', () => {
    const f = make({ issAdvertised: true, cb: { ...callback({ ...ok, state: 'x' }), url: `https://app.example/cb?code=${CODE}&code=${CODE}&state=x` } });
    expect(JSON.stringify(CALLBACK_RULES.flatMap((r) => r.judge!(f, ctx)))).not.toContain(CODE);
  });
});

describe('callback rules and the flow', () => {
  it('a recorded flow whose issuer is not confirmed cannot hold iss to anything: n/a, not a pass', () => {
    const f = recorded({ cb: callback(ok), over: { capture: { tabIds: [1], sites: [] } } });
    expect(statuses('callback.iss.mismatch', f)).toEqual(['n/a']);
    expect(statuses('callback.iss.missing', f)).toEqual(['n/a']);
  });

  it('a recorded flow whose issuer is not confirmed: whether iss is advertised is unknown, not "does not advertise"', () => {
    const f = recorded({ cb: callback(without(ok, 'iss')), over: { capture: { tabIds: [1], sites: [] } } });
    const [x] = judged('callback.iss.missing', f);
    expect(x).toMatchObject({ status: 'n/a', message: "the issuer's discovery is not confirmed, so whether it advertises the iss parameter is unknown" });
    // A launched flow whose discovery says nothing about it still reads "does not advertise".
    expect(judged('callback.iss.missing', launched({ cb: callback(without(ok, 'iss')) }))[0]!.message).toMatch(/does not advertise/);
  });

  it('a back-channel grant has no callback: n/a', () => {
    for (const r of CALLBACK_RULES) expect(statuses(r.id, launched({ over: { grant: 'client_credentials', steps: [] } }))).toEqual(['n/a']);
  });

  it('repeats of fifty names come as one finding naming the first few (bounded)', () => {
    const names = Array.from({ length: 50 }, (_, i) => `n${i}`);
    const [f] = judged('callback.duplicate-param', launched({ cb: callback(ok, 'form_post', { duplicates: names }) }));
    expect(f).toMatchObject({ status: 'fail', param: 'n0', actual: 'n0, n1, n2, n3, n4 and 45 more' });
  });

  it('an ID token in the callback stands in for a missing iss (OIDC Core 3.2.2.11)', () => {
    const f = launched({ issAdvertised: true, sent: sent({ response_type: 'id_token' }), cb: callback({ id_token: 'x.y.z', state: STATE }, 'fragment') });
    expect(statuses('callback.iss.missing', f)).toEqual(['n/a']);
  });
});
