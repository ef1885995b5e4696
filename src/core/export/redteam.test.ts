/**
 * Red-team review of issue 13's exports (attacks, not features): a launched flow of the demo provider
 * with secrets planted under every unusual name and place the on-screen rule masks, searched for in
 * every format with redaction on. Each planted value is unique, so a hit names the leak.
 */
import { describe, expect, it } from 'vitest';
import type { Flow, FlowStep } from '../flow';
import { bundleText, exportBundle } from './bundle';
import { curlCommands } from './curl';
import { demoFlows } from './export.fixtures';
import { exportHar, harText } from './har';
import { reportHtml } from './report-html';
import { reportMarkdown } from './report-md';
import { Redactor } from './redactor';

const NOW = new Date('2026-11-28T12:00:00Z');
const sec = (tag: string) => `${tag}Qz7Wx2Vb9Nm4Kp1Lr8Ts5Yu3${tag}`;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64u = (s: string) => Buffer.from(s).toString('base64url');
const jwtWithSig = (sig: string) => `${b64u('{"alg":"ES256","typ":"dpop+jwt"}')}.${b64u('{"htm":"POST","jti":"x"}')}.${sig}`;

const S = {
  assertion: sec('CA'),
  dpopSig: sec('DPOPSIG'),
  cookie: sec('CK'),
  setCookie: sec('SC'),
  basicSecret: sec('BS'),
  proxy: sec('PX'),
  formPassword: sec('PW'),
  errRefresh: sec('ER'),
  location: sec('LOC'),
  doubleEnc: sec('DE'),
  fragJwtSig: sec('FJ'),
  checkActual: sec('CHK'),
  summary: sec('SUM'),
  detail: sec('DET'),
  notice: sec('NOT'),
  initiator: sec('INI'),
  twoNames: sec('TWO'),
};

function planted(): Flow {
  const f = structuredClone(demoFlows().find((x) => x.steps.some((s) => s.kind === 'token-request'))!);
  const steps = f.steps as FlowStep[];
  const tr = steps.find((s) => s.kind === 'token-request')!;
  if (tr.kind === 'token-request') {
    tr.params.client_assertion = S.assertion;
    tr.params.client_assertion_type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
    tr.headers.DPoP = jwtWithSig(S.dpopSig);
    tr.headers.Cookie = `sid=${S.cookie}; theme=dark`;
    tr.headers.Authorization = `Basic ${b64(`grantscope-post:${S.basicSecret}`)}`;
    tr.headers['Proxy-Authorization'] = `Basic ${b64(`proxyuser:${S.proxy}`)}`;
    tr.params.x_custom_handle = S.twoNames;
    tr.params.refresh_token = S.twoNames;
  }
  const resp = steps.find((s) => s.kind === 'token-response')!;
  if (resp.kind === 'token-response') {
    resp.headers['Set-Cookie'] = `session=${S.setCookie}; Path=/; HttpOnly`;
    resp.headers.Location = `https://app.example/cb?code=${S.location}&state=abc`;
    resp.bodyText = JSON.stringify({ error: 'invalid_grant', error_description: 'nope', refresh_token: S.errRefresh });
    resp.verification = { status: 'failed', message: `key tried with token ${S.assertion}`, keySource: 'https://idp.example/jwks' } as never;
  }
  const inner = `https://app.example/cb?code=${S.doubleEnc}`;
  steps.push({
    kind: 'authorization-request',
    at: f.createdAt + 1,
    url: `https://idp.example/auth?client_id=c&login_hint=alice%40example.com&redirect_uri=${encodeURIComponent(encodeURIComponent(inner))}`,
    params: { client_id: 'c', login_hint: 'alice@example.com', redirect_uri: encodeURIComponent(inner) },
    seen: { tabId: 1, frame: 'main', requestId: '1', initiator: `https://app.example/?access_token=${S.initiator}` } as never,
  });
  steps.push({
    kind: 'callback',
    at: f.createdAt + 2,
    url: `https://app.example/cb#${jwtWithSig(S.fragJwtSig)}`,
    params: {},
    source: 'fragment',
    findings: [],
  });
  steps.push({
    kind: 'exchange',
    label: 'PAR',
    at: f.createdAt + 3,
    request: { url: 'https://idp.example/par', method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, params: { username: 'alice', password: S.formPassword } },
    response: { status: 201, headers: {}, bodyText: `username=alice&password=${S.formPassword}` },
    summary: { request_uri: 'urn:x', device_code: S.summary },
  });
  steps.push({
    kind: 'check',
    at: f.createdAt + 4,
    title: 'Refresh token rotation',
    findings: [{ id: 'refresh.rotation', status: 'fail', severity: 'error', clause: 'x', message: `reused refresh_token=${S.checkActual}`, expected: `not ${S.errRefresh}`, actual: `refresh_token=${S.checkActual}` }],
  });
  f.outcome = { kind: 'error', title: 'Provider refused', detail: `invalid_grant for refresh_token=${S.detail}` };
  f.capture = { tabIds: [1], sites: ['https://app.example'], notices: [`cut body holding access_token=${S.notice}`] };
  return f;
}

function formats(flow: Flow, opts: { claims?: boolean } = {}) {
  return {
    bundle: bundleText(exportBundle([flow], { ...opts, now: NOW })),
    har: harText(exportHar([flow], opts)),
    curl: curlCommands(flow, opts).map((c) => c.command).join('\n'),
    md: reportMarkdown(flow, { ...opts, now: NOW }),
    html: reportHtml(flow, { ...opts, now: NOW }),
  };
}

const leaked = (text: string) =>
  Object.entries(S)
    .filter(([, v]) => text.includes(v) || text.includes(encodeURIComponent(v)) || text.includes(encodeURIComponent(encodeURIComponent(v))))
    .map(([k]) => k)
    .concat(text.includes(b64(`grantscope-post:${S.basicSecret}`)) ? ['basic-b64'] : [])
    .concat(text.includes(b64(`proxyuser:${S.proxy}`)) ? ['proxy-b64'] : []);

describe('red team: planted secrets in every format, redaction on', () => {
  const f = formats(planted());
  it.each(Object.entries(f))('%s leaks none of the planted secrets', (_name, text) => {
    expect(leaked(text)).toEqual([]);
  });

  it('the same secret under two names gets one placeholder', () => {
    const b = exportBundle([planted()], { now: NOW });
    const tr = b.flows[0]!.steps.find((s) => s.kind === 'token-request')!;
    if (tr.kind !== 'token-request') throw new Error('no token request');
    expect(tr.params.x_custom_handle).toBe(tr.params.refresh_token);
  });

  it('with personal claims on, an email in login_hint is redacted in every format', () => {
    const g = formats(planted(), { claims: true });
    for (const [name, text] of Object.entries(g)) expect([name, text.includes('alice@example.com') || text.includes('alice%40example.com')]).toEqual([name, false]);
    // A password grant's username (the PAR exchange above carries one, 'alice', too short to sweep elsewhere).
    const b = exportBundle([planted()], { claims: true, now: NOW });
    const par = b.flows[0]!.steps.find((s) => s.kind === 'exchange' && s.label === 'PAR');
    expect(par?.kind === 'exchange' && par.request.params.username).not.toBe('alice');
  });
});

/** One token-response body or header planted on the demo flow; every format searched for `secret`. */
function withResponse(patch: { bodyText?: string; headers?: Record<string, string> }): Flow {
  const f = structuredClone(demoFlows().find((x) => x.steps.some((s) => s.kind === 'token-request'))!);
  const resp = f.steps.find((s) => s.kind === 'token-response')!;
  if (resp.kind === 'token-response') {
    if (patch.bodyText !== undefined) resp.bodyText = patch.bodyText;
    Object.assign(resp.headers, patch.headers ?? {});
  }
  return f;
}
const hits = (flow: Flow, secret: string) =>
  Object.entries(formats(flow))
    .filter(([, t]) => t.includes(secret) || t.includes(encodeURIComponent(secret)))
    .map(([n]) => n);

describe('red team: secrets in shapes of text the on-screen rule has to read', () => {
  const X = 'HIDDENQz7Wx2Vb9Nm4Kp1Lr8Ts5Yu3HIDDEN';
  it.each([
    ['two Set-Cookie headers joined by a newline (Chrome joins them so)', { headers: { 'set-cookie': `a=1; Path=/\nsession=${X}; HttpOnly` } }],
    ['a form_post page with the code in a hidden input', { bodyText: `<html><body onload="document.forms[0].submit()"><form method="post" action="https://app/cb"><input type="hidden" name="code" value="${X}"/></form></body></html>` }],
    ['JSON inside a JSON string', { bodyText: JSON.stringify({ data: JSON.stringify({ refresh_token: X }) }) }],
    ['a secret 70 levels deep in a JSON body', { bodyText: `${'['.repeat(70)}{"refresh_token":"${X}"}${']'.repeat(70)}` }],
    ['a multipart form field', { bodyText: `--b\r\nContent-Disposition: form-data; name="client_secret"\r\n\r\n${X}\r\n--b--` }],
    ['a JSON body over 1 MB', { bodyText: JSON.stringify({ pad: 'x'.repeat(1_100_000), refresh_token: X }) }],
    ['a form body with a newline in front', { bodyText: `\ngrant_type=refresh_token&refresh_token=${X}` }],
    ['upper-case member name', { bodyText: JSON.stringify({ Refresh_Token: X }) }],
    ['Location with the code three times encoded inside redirect_uri', { headers: { location: `https://idp/x?redirect_uri=${encodeURIComponent(encodeURIComponent(encodeURIComponent(`https://app/cb?code=${X}`)))}` } }],
  ] as const)('%s', (_name, patch) => {
    expect(hits(withResponse(patch), X)).toEqual([]);
  });

  it('a short or all-digit secret gets no hash (4 bytes of SHA-256 confirm a guessed PIN or word)', () => {
    const f = withResponse({ bodyText: JSON.stringify({ client_secret: 'secret', otp: '482913', refresh_token: X }) });
    const text = formats(f).bundle;
    expect(text).not.toMatch(/‹client_secret #\d+, 6 chars, sha256/);
    expect(text).toMatch(/‹refresh_token #\d+, \d+ chars, sha256:[0-9a-f]{8}›/);
  });
});

describe('red team: an unredacted export says so at its top, in every format', () => {
  const f = (() => {
    const flow = planted();
    return {
      bundle: bundleText(exportBundle([flow], { enabled: false, now: NOW })).slice(0, 200),
      har: harText(exportHar([flow], { enabled: false })).slice(0, 600),
      md: reportMarkdown(flow, { enabled: false, now: NOW }).slice(0, 400),
      html: reportHtml(flow, { enabled: false, now: NOW }).replace(/<style[\s\S]*?<\/style>/, '').slice(0, 800),
    };
  })();
  it.each(Object.entries(f))('%s', (name, top) => {
    expect(name === 'bundle' ? /"redacted": false/.test(top) : /NOT REDACTED/.test(top)).toBe(true);
  });
});

describe('red team: FlowSecrets-like fields and private keys', () => {
  const D = 'PRIVDQz7Wx2Vb9Nm4Kp1Lr8Ts5Yu3PRIVD';
  const K = 'SYMKQz7Wx2Vb9Nm4Kp1Lr8Ts5Yu3SYMK';
  const fields = { codeVerifier: sec('CV'), clientSecret: sec('CS'), deviceCode: sec('DC') };

  it('a flow carrying FlowSecrets fields (a hostile or future bundle) leaks none of them', () => {
    const f = planted() as Flow & { secrets?: unknown };
    f.secrets = { ...fields, privateJwk: { kty: 'EC', crv: 'P-256', x: 'xx', y: 'yy', d: D }, dpopKey: { alg: 'ES256', privateJwk: { kty: 'oct', k: K } } };
    for (const [name, text] of Object.entries(formats(f))) {
      for (const v of [...Object.values(fields), D, K]) expect([name, text.includes(v)]).toEqual([name, false]);
    }
  });

  it('a JWKS answer holding private members (a provider publishing its private key) keeps them out', () => {
    const f = withResponse({ bodyText: JSON.stringify({ keys: [{ kty: 'RSA', kid: '1', n: 'nn', e: 'AQAB', d: D, p: `${D}p`, q: `${D}q`, dp: `${D}dp`, dq: `${D}dq`, qi: `${D}qi` }, { kty: 'oct', k: K }, { kty: 'RSA', n: 'nn', e: 'AQAB', d: 'x', oth: [{ r: `${D}r`, d: `${D}od`, t: `${D}t` }] }] }) });
    expect(hits(f, D)).toEqual([]);
    expect(hits(f, K)).toEqual([]);
  });
});

describe('red team: a cURL command of a hostile flow', () => {
  const tokenRequest = (patch: Partial<{ url: string; params: Record<string, string> }>) => {
    const f = structuredClone(demoFlows().find((x) => x.steps.some((s) => s.kind === 'token-request'))!);
    const tr = f.steps.find((s) => s.kind === 'token-request')!;
    if (tr.kind === 'token-request') Object.assign(tr, patch);
    return curlCommands(f, { enabled: false }).find((c) => c.label.startsWith('token request'))!.command;
  };

  it('a URL starting with - is the URL, not an option of curl', () => {
    const cmd = tokenRequest({ url: '-o/home/someone/.bashrc' });
    expect(cmd).toContain("--url '-o/home/someone/.bashrc'");
  });

  it('a parameter name holding @ cannot make curl read a file (name@file in --data-urlencode)', () => {
    const cmd = tokenRequest({ params: { 'x@/home/someone/.ssh/id_rsa': '' } });
    expect(cmd).not.toMatch(/--data-urlencode '[^'=]*@/);
  });
});

describe('red team: names and shapes the Redactor reads one by one', () => {
  const X = 'UNUSUALQz7Wx2Vb9Nm4Kp1Lr8Ts5Yu3UNUSUAL';
  const r = () => new Redactor();
  it.each([
    ['Authorization: MAC', () => r().header('Authorization', `MAC id="a", nonce="b", mac="${X}"`)],
    ['Authorization: token (GitHub style)', () => r().header('Authorization', `token ${X}`)],
    ['Authorization: Digest', () => r().header('Authorization', `Digest username="u", response="${X}"`)],
    ['custom header carrying Bearer', () => r().header('X-Forwarded-Auth', `Bearer ${X}`)],
    ['X-Amz-Security-Token', () => r().header('X-Amz-Security-Token', X)],
    ['refresh_token[] in a query', () => r().url(`https://a/x?refresh_token[]=${X}`)],
    ['an encoded name in a query', () => r().url(`https://a/x?refresh%5Ftoken=${X}`)],
    ['a hash-routed SPA fragment', () => r().url(`https://a/#/cb?code=${X}&state=s`)],
    ['a nested next= URL', () => r().url(`https://a/login?next=${encodeURIComponent(`/x?access_token=${X}`)}`)],
    ['a JSON fragment', () => r().url(`https://a/cb#${encodeURIComponent(JSON.stringify({ access_token: X }))}`)],
    ['a password in userinfo of a URL inside text', () => r().text(`see https://bob:${X}@op.example/me`)],
    ['an access token in a WWW-Authenticate error', () => r().header('WWW-Authenticate', `Bearer error="invalid_token", token="${X}"`)],
  ])('%s', (_name, run) => {
    expect(run()).not.toContain(X);
  });
});

describe('red team: values with no name', () => {
  const sig = 'NONAMESIGQz7Wx2Vb9Nm4Kp1Lr8Ts5Yu3';
  const jwt = jwtWithSig(sig);
  it('a JWT as a whole query string', () => {
    expect(new Redactor().url(`https://app.example/cb?${jwt}`)).not.toContain(sig);
  });
  it('a JWT as a nameless part of a form body', () => {
    expect(new Redactor().body(`grant_type=x&${jwt}`)).not.toContain(sig);
  });
  it('a known secret as a nameless query part', () => {
    const r = new Redactor();
    r.named('refresh_token', 'KNOWNQz7Wx2Vb9Nm4Kp1Lr8Ts5Yu3');
    expect(r.url('https://app.example/cb?a=1&KNOWNQz7Wx2Vb9Nm4Kp1Lr8Ts5Yu3')).not.toContain('KNOWNQz7Wx2Vb9Nm4Kp1Lr8Ts5Yu3');
  });
});
