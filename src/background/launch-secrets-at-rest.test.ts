/**
 * Secrets at rest: after any launched back-channel grant and the token actions on its flow
 * (refresh, introspection, revocation), no stored flow holds the client secret, for Basic and for
 * client_secret_post; the secret only ever sits in the flow's FlowSecrets key. The requests that
 * left still carried it (the step is a record, step-record.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LaunchInput } from '../core/launch';
import { type ClientProfile, blankProfile } from '../core/profile';

const fake = vi.hoisted(() => {
  const data = new Map<string, unknown>();
  const area = {
    get: async (k: string | string[] | null) => Object.fromEntries((k === null ? [...data.keys()] : Array.isArray(k) ? k : [k]).filter((x) => data.has(x)).map((x) => [x, structuredClone(data.get(x))])),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([x, v]) => data.set(x, structuredClone(v))),
    remove: async (k: string | string[]) => void (Array.isArray(k) ? k : [k]).forEach((x) => data.delete(x)),
  };
  return { area };
});
vi.mock('../shared/browser', () => ({
  default: {
    storage: { session: fake.area, local: fake.area },
    runtime: { id: 'grantscope', getURL: (p: string) => `chrome-extension://grantscope${p}` },
    declarativeNetRequest: { updateSessionRules: async () => undefined },
    // No webRequest: the worker records the Origin as not seen and does not wait for an event.
    webRequest: {},
  },
}));

const { FlowStore } = await import('./flow-store');
const { memoryKV } = await import('./kv');
const { startFlow } = await import('./launch/index');
const { runAction } = await import('./actions');

const ISS = 'https://idp.example';
const SECRET = 'grantscope-very-private-secret';
const SECRET_B64 = btoa(`svc:${SECRET}`);

let sent: string[];
beforeEach(() => {
  sent = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    if (url.includes('/.well-known/')) return new Response('', { status: 404 });
    sent.push(`${new Headers(init.headers).get('authorization') ?? ''} ${String(init.body ?? '')}`);
    const json = (v: unknown, status = 200) => new Response(JSON.stringify(v), { status, headers: { 'content-type': 'application/json' } });
    if (url.endsWith('/introspect')) return json({ active: true });
    if (url.endsWith('/revoke')) return new Response('', { status: 200 });
    return json({ access_token: `at-${sent.length}`, refresh_token: `rt-${sent.length}`, token_type: 'Bearer', expires_in: 300, issued_token_type: 'urn:ietf:params:oauth:token-type:access_token' });
  });
});
afterEach(() => vi.unstubAllGlobals());

function profile(authMethod: ClientProfile['authMethod']): ClientProfile {
  return { ...blankProfile('p1'), issuer: ISS, clientId: 'svc', authMethod, endpoints: { token_endpoint: `${ISS}/token`, introspection_endpoint: `${ISS}/introspect`, revocation_endpoint: `${ISS}/revoke` } };
}

const GRANTS: LaunchInput[] = [
  { grant: 'client_credentials' },
  { grant: 'password', username: 'alice', password: 'pw' },
  { grant: 'refresh_token', refreshToken: 'rt-0' },
  { grant: 'token_exchange', subjectToken: 'subject', subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token' },
];

describe.each(['client_secret_basic', 'client_secret_post'] as const)('no stored flow holds the client secret (%s)', (method) => {
  it.each(GRANTS.map((g) => [g.grant, g] as const))('%s, then refresh, introspection and revocation', async (_name, launch) => {
    const kv = memoryKV();
    const flows = new FlowStore(kv, 10);
    const p = profile(method);
    const profiles = { get: async () => p, secrets: async () => ({ clientSecret: SECRET }) } as unknown as Parameters<typeof startFlow>[1];
    const { flowId } = await startFlow(flows, profiles, p.id, launch);
    await vi.waitFor(async () => expect((await flows.get(flowId!))?.status).not.toBe('redeeming'));
    await runAction({ flows, profiles }, flowId!, 'refresh', {});
    await runAction({ flows, profiles }, flowId!, 'introspect', {});
    await runAction({ flows, profiles }, flowId!, 'revoke', {});

    // Every request carried the secret as the method says...
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const s of sent) expect(s.includes(SECRET_B64) || s.includes(`client_secret=${SECRET}`)).toBe(true);
    // ...and the stored flow keeps only the marker: token request and every exchange step.
    const flow = (await flows.get(flowId!))!;
    expect(flow.steps.filter((s) => s.kind === 'token-request' || s.kind === 'exchange').length).toBeGreaterThanOrEqual(4);
    const stored = [...kv.data.entries()].filter(([k]) => !k.includes('secret')).map(([, v]) => JSON.stringify(v)).join('\n');
    expect(stored).toContain(flowId!);
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain(SECRET_B64);
    expect(stored).toContain(method === 'client_secret_basic' ? 'Basic ‹client_id:secret, not kept›' : `‹client secret, ${SECRET.length} chars, not kept›`);
  });
});
