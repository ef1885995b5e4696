/**
 * Real flows for the export tests: the HAR corpus (test/fixtures/har/, recorded shapes of the demo
 * provider's logins) imported through the recorder's pipeline, and every secret value they carry, so
 * each format can be searched for every one of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isSecretName } from '../secret-name';
import type { Flow } from '../flow';
import { importHar } from './har-import';

export const harText = (name: string): string => readFileSync(new URL(`../../../test/fixtures/har/${name}`, import.meta.url), 'utf8');

function flowsOf(name: string): Flow[] {
  const r = importHar(harText(name), name, { now: 1_795_000_000_000 });
  if (!r.ok) throw new Error(r.error.message);
  // An export of flows as the store keeps them: no import mark.
  return r.value.flows.map((f) => {
    const out: Flow = { ...f };
    delete out.imported;
    return out;
  });
}

export const CHROME_FLOWS = (): Flow[] => flowsOf('chrome-code-pkce.har');
export const FIREFOX_FLOWS = (): Flow[] => flowsOf('firefox-implicit.har');
export const ALL_FLOWS = (): Flow[] => [...CHROME_FLOWS(), ...FIREFOX_FLOWS()];

const ID_TOKEN_SIG = 'azOdvt-jrqNrBZ1S7Mybo8AFK9b10318YlH7GBx8cfse7OSJdN-tm7rrsywvoXVLkQi7LxDIQnma2sUGjB4JN9waJocXjbl';

/** Every secret in the corpus (make-corpus.mjs): codes, verifier, tokens, client secret, Basic, cookie, password, signatures. */
export const SECRETS: readonly string[] = [
  'b4VRj41cQQ35EMeMsXlnADBJvEd2QB03Fn1rxR-Eo0_',
  'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  'Lgqm1gHoE7oOAa9PL4nm82ubGd7shrjv8UVWCsZRXwj',
  'rT9xQ2mZk8Lw3VbN7cYp1sHd5fGj0aEu4iOo6yRtXqW',
  'nW4eR7tY1uI3oP5aS8dF0gH2jK6lZ9xC4vB7nM1qEr2',
  'Xk29dLq0PzW8nVb3MmT6sY1uRfE4hJ7gC5aN0oQiK9l',
  'grantscope-demo-secret',
  'Z3JhbnRzY29wZS1jb25maWRlbnRpYWw6Z3JhbnRzY29wZS1kZW1vLXNlY3JldA',
  'Im9pLm2Ak7Qw1Er4Ty6Ui8Op0As3Df5Gh7Jk9Lz2Xc',
  'Cc7Vv9Bb1Nn3Mm5Ll7Kk9Jj1Hh3Gg5Ff7Dd9Ss1Aa',
  ID_TOKEN_SIG,
];

/** Each secret and its URL-encoded form: a leak in a query string would be encoded. */
export function leaks(text: string, secrets: readonly string[] = SECRETS): string[] {
  return secrets.filter((s) => text.includes(s) || text.includes(encodeURIComponent(s)));
}

/** The demo provider's launched flows (test/fixtures/flows/*.json, written by a recording run of the extension). */
export function demoFlows(): Flow[] {
  const dir = new URL('../../../test/fixtures/flows/', import.meta.url);
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(readFileSync(new URL(n, dir), 'utf8')) as Flow);
}

/**
 * Every secret a flow holds, found by the rule itself and by shape, not listed by hand: strings under a
 * secret name (8 chars and more), each JWT's signature, credentials after Bearer/Basic/DPoP.
 */
export function secretsOf(flows: readonly Flow[]): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    const jwt = /^ey[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.([A-Za-z0-9_-]{16,})$/.exec(s);
    if (jwt) out.add(jwt[1]!);
    // A URL under a name the rule calls secret (verification's keySource: the JWKS URL) is public.
    else if (s.length >= 8 && !/^https?:\/\//.test(s)) out.add(s);
  };
  const walk = (v: unknown, name: string): void => {
    if (typeof v === 'string') {
      if (isSecretName(name)) add(v.replace(/^(Bearer|Basic|DPoP) /i, ''));
      for (const m of v.matchAll(/(?<![A-Za-z0-9_-])ey[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*\.([A-Za-z0-9_-]{16,})/g)) out.add(m[1]!);
      if (name === 'bodyText' && v.startsWith('{')) walk(JSON.parse(v), '');
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, name));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(flows, '');
  return [...out];
}
