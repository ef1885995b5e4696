/**
 * THE TRUST MODEL: what the recorder believes about a recorded flow (issue 9; README, "Trust model:
 * what the recorder believes"). Recording is on for every site, so every page a person visits can
 * feed the recorder: nothing a page did or reported is believed just because it was seen.
 *
 * 1. Discovery documents. A document counts only if its `issuer` is the one its URL is for: the URL
 *    it was fetched from is exactly discoveryUrls(issuer).oidc or .oauth (RFC 8414 3.3, OIDC
 *    Discovery 4.3). A document that fails is named ("discovery at URL names issuer X") and none of
 *    its data is used: not to recognise requests, not for any flow. Only documents the worker
 *    fetched itself count; a body a page reported is shown on its step and believed for nothing.
 * 2. A recorded flow's issuer is confirmed only when (a) it is on an origin the flow's own
 *    authorization request or token request went to (the flow itself talked to that host), and (b)
 *    the worker fetched that issuer's discovery document and it passed rule 1. Until then the issuer
 *    is a guess (or a claim: an `iss` parameter, an ID token's `iss`) and nothing is verified
 *    against it.
 * 3. Learned metadata applies only to flows of that issuer: it is stored on the flow it confirmed
 *    (capture.issuerConfirmed), never copied into flows of other issuers or hosts.
 * 4. An ID token of a recorded flow is "verified" only with keys from its confirmed issuer's
 *    `jwks_uri`, from the document the worker fetched. No confirmed issuer: "could not verify:
 *    issuer not confirmed (why)". A token whose `iss` differs from the flow's issuer fails the iss
 *    check, and its signature is still checked against the flow issuer's keys, never the keys of the
 *    issuer the token names.
 * 5. A recorded flow's token is sent only to (a) an endpoint named in its confirmed issuer's
 *    document, or (b) an endpoint the app itself called in this flow (a recorded step of that kind:
 *    userinfo, introspection, revocation, token). Anything else is refused with the host named, and
 *    the panel shows where each button sends before it sends (actionTarget).
 * 6. What the worker fetches for a recorded flow: https, or http on loopback only, no user name or
 *    fragment; discovery only at a well-known URL; keys only at the confirmed document's jwks_uri;
 *    answers read at most MAX_DOC_CHARS before parsing; learned endpoints capped by size.
 *
 * Pure: the background (src/background/issuer-trust.ts, known-endpoints.ts, capture-id-token.ts,
 * actions.ts) does the fetching and storing; every decision is made here.
 */
import { clip } from '../clip';
import { discoveryUrls, normalizeIssuer, type ProviderMetadata } from '../discovery';
import type { ConfirmedIssuer, Flow } from '../flow';
import { parseJsonBounded } from '../json-bounds';
import { decodeToken } from '../jwt';
import { checkMetadataFields } from '../metadata-fields';
import { fail, ok, type Result } from '../result';
import type { Verification } from '../verify';
import { CALL_LABELS, originOf } from './captured-flow';
import { discoveryEndpoints, endpointKey } from './recognise-provider';
import type { KnownEndpoints, ProviderCall } from './types';

/** Discovery and JWKS answers the worker reads: real ones are a few KB (Google's: 1.4 KB). */
export const MAX_DOC_CHARS = 512 * 1024;
/** Endpoints learned for recognition, by total size of their URLs (issue 9: 1.3 MB filled storage). */
export const MAX_KNOWN_CHARS = 64 * 1024;
/** One URL kept from a document; longer ones are left out. */
const MAX_URL = 2048;
/** Issuers tried per flow: each is at most two fetches, cached. */
const MAX_CANDIDATES = 4;
/** Marks a verification that waited for the issuer, so it is made again once the issuer is confirmed. */
export const UNCONFIRMED_KEY_SOURCE = '(issuer not confirmed)';

/** Shown whole is useful, but a hostile page's URLs can be huge. */

const hostOf = (url: string): string => {
  if (!URL.canParse(url)) return clip(url, 80);
  return new URL(url).host || clip(url, 80);
};

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/** Rule 6: a URL the worker may fetch or send a token to for a recorded flow. */
export function fetchableUrl(url: string): Result<string> {
  if (url.length > MAX_URL || !URL.canParse(url)) return fail('not-a-url', `${clip(url, 80)} is not a usable URL`);
  const u = new URL(url);
  if (u.username || u.password) return fail('credentials', `${u.host}: a URL with a user name or password is not fetched`);
  if (url.includes('#')) return fail('fragment', `${u.host}: a URL with a fragment is not fetched`);
  if (u.protocol === 'https:') return ok(url);
  if (u.protocol === 'http:' && isLoopback(u.hostname)) return ok(url);
  return fail('scheme', `${u.protocol === 'http:' ? `http://${u.host}` : u.protocol} is not fetched: https only, or http on this computer (loopback)`);
}

/** The issuer whose discovery document lives at exactly this URL (the inverse of discoveryUrls), if any. */
export function issuerForDiscoveryUrl(url: string): string | undefined {
  if (url.length > MAX_URL || !URL.canParse(url) || url.includes('?') || url.includes('#')) return undefined;
  const u = new URL(url);
  const OIDC = '/.well-known/openid-configuration';
  const OAUTH = '/.well-known/oauth-authorization-server';
  const path = u.pathname;
  const issuer = path.endsWith(OIDC)
    ? u.origin + path.slice(0, -OIDC.length)
    : path === OAUTH || path.startsWith(`${OAUTH}/`)
      ? u.origin + path.slice(OAUTH.length)
      : undefined;
  if (!issuer || u.origin === 'null') return undefined;
  const urls = discoveryUrls(issuer);
  return urls.oidc === url || urls.oauth === url ? issuer : undefined;
}

/** A discovery document that passed rule 1, trimmed to what Grantscope uses. */
export interface DiscoveryRead {
  issuer: string;
  url: string;
  metadata: ProviderMetadata;
  /** Its endpoints for recognition (URL -> role). */
  endpoints: KnownEndpoints;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rule 1: a discovery document fetched from `url`, read if its issuer is the one the URL is for.
 * Every failure names the URL; a mismatch also names the issuer the document claims.
 */
export function readDiscovery(url: string, bodyText: string): Result<DiscoveryRead> {
  const at = `discovery at ${clip(url)}`;
  const parsed = parseJsonBounded(bodyText.startsWith('\uFEFF') ? bodyText.slice(1) : bodyText, at, { maxChars: MAX_DOC_CHARS, maxDepth: 8 });
  if (!parsed.ok) return fail(parsed.error.code, parsed.error.message);
  const doc = parsed.value;
  if (!isObject(doc)) return fail('not-object', `${at} is not a JSON object`);
  const issuer = doc.issuer;
  if (typeof issuer !== 'string') return fail('issuer-missing', `${at} names no issuer`);
  const urls = normalizeIssuer(issuer).ok ? discoveryUrls(issuer) : undefined;
  if (!urls || (urls.oidc !== url && urls.oauth !== url)) {
    return fail('issuer-mismatch', `${at} names issuer ${clip(issuer)}: not the issuer this URL is for (RFC 8414 3.3, OIDC Discovery 4.3), so it is not used`);
  }
  const fields = checkMetadataFields(doc);
  if (!fields.ok) return fail(fields.error.code, `${at}: ${fields.error.message}`);
  return ok({ issuer, url, metadata: trimMetadata(doc, issuer), endpoints: discoveryEndpoints(doc) });
}

/**
 * What is kept of a document on a flow: URL members (short ones), *_supported lists (bounded) and
 * booleans. A document may be 512 KB; a flow in storage should not carry that (issue 9).
 */
export function trimMetadata(doc: Record<string, unknown>, issuer: string): ProviderMetadata {
  const out: ProviderMetadata = { issuer };
  for (const [name, v] of Object.entries(doc).slice(0, 200)) {
    if (name === 'issuer' || name.length > 80) continue;
    if ((name.endsWith('_endpoint') || name === 'jwks_uri') && typeof v === 'string' && v.length <= MAX_URL) out[name] = v;
    else if (name.endsWith('_supported') && Array.isArray(v)) out[name] = v.filter((x): x is string => typeof x === 'string' && x.length <= 200).slice(0, 64);
    else if (typeof v === 'boolean') out[name] = v;
  }
  return out;
}

/** Rule 2(a): the origins this flow's own authorization and token requests went to. */
export function flowOrigins(f: Flow): string[] {
  const out = new Set<string>();
  for (const s of f.steps) {
    if ((s.kind === 'authorization-request' || s.kind === 'token-request') && s.seen) {
      const o = originOf(s.url);
      if (o) out.add(o);
    }
  }
  return [...out];
}

/** Why this issuer may not be confirmed for this flow (rule 2a, rule 6); undefined when it may. */
export function issuerRefusal(f: Flow, issuer: string): string | undefined {
  const n = normalizeIssuer(issuer);
  if (!n.ok) return `${clip(issuer)} is not an issuer URL (${n.error.message})`;
  const origin = originOf(issuer);
  if (!origin || !flowOrigins(f).includes(origin)) {
    return `${hostOf(issuer)} is not a host this flow's own authorization or token request went to`;
  }
  const f6 = fetchableUrl(issuer);
  return f6.ok ? undefined : f6.error.message;
}

function idTokenIssuers(f: Flow): string[] {
  const out: string[] = [];
  for (const s of f.steps) {
    const t = s.kind === 'token-response' && s.result.ok ? s.result.tokens.id_token : s.kind === 'callback' ? s.params.id_token : undefined;
    if (typeof t !== 'string') continue;
    const d = decodeToken(t);
    if (d.kind === 'jwt' && typeof d.payload.iss === 'string') out.push(d.payload.iss);
  }
  return out;
}

/**
 * Issuers worth trying for a flow, best first: a document the worker already fetched whose
 * authorization or token endpoint is one this flow used, the callback's `iss` (RFC 9207), the ID
 * tokens' `iss`, the issuer shown, then the origins the flow talked to. Each still has to pass
 * issuerRefusal and a discovery fetch: a candidate is only a question to ask.
 */
export function issuerCandidates(f: Flow, learned: readonly DiscoveryRead[]): string[] {
  const used = new Set(f.steps.flatMap((s) => ((s.kind === 'authorization-request' || s.kind === 'token-request') && s.seen ? [endpointKey(s.url)] : [])));
  used.delete('');
  const fromDocs = learned
    .filter((d) => [d.metadata.authorization_endpoint, d.metadata.token_endpoint].some((e) => typeof e === 'string' && used.has(endpointKey(e))))
    .map((d) => d.issuer);
  const fromCallback = f.steps.flatMap((s) => (s.kind === 'callback' && s.params.iss ? [s.params.iss] : []));
  const all = [...new Set([...fromDocs, ...fromCallback, ...idTokenIssuers(f), f.profile.issuer, ...flowOrigins(f)].filter((i) => i && i.length <= MAX_URL))];
  // Ones on a host this flow talked to go first: a page can make the worker learn any number of valid
  // documents for its own hosts that name this flow's endpoints, and those alone would fill the list
  // and keep the flow's own issuer from ever being asked. The rest stay, to be named as refused.
  const origins = flowOrigins(f);
  const onFlow = (i: string) => origins.includes(originOf(i) ?? '');
  return [...all.filter(onFlow), ...all.filter((i) => !onFlow(i))].slice(0, MAX_CANDIDATES);
}

/** Rule 2 met: the flow takes the issuer and the document the worker fetched. The first one stays. */
export function confirmIssuer(f: Flow, d: DiscoveryRead, at: number): boolean {
  if (!f.capture || f.capture.issuerConfirmed || issuerRefusal(f, d.issuer)) return false;
  const confirmed: ConfirmedIssuer = { issuer: d.issuer, discoveryUrl: d.url, metadata: d.metadata, at };
  f.capture.issuerConfirmed = confirmed;
  f.capture.issuerGuessed = false;
  delete f.capture.issuerNote;
  f.profile.issuer = d.issuer;
  // Shown as the flow's metadata; actions and verification read capture.issuerConfirmed only.
  f.metadata = { ...f.metadata, ...d.metadata, issuer: d.issuer };
  return true;
}

/** Why the flow's issuer is not confirmed, for "could not verify: issuer not confirmed (why)". */
export function unconfirmedReason(f: Flow): string {
  if (f.capture?.issuerNote) return f.capture.issuerNote;
  const shown = f.profile.issuer || '(none seen)';
  return f.capture?.issuerGuessed
    ? `${clip(shown)} is only a guess from the endpoint's address, and Grantscope has not confirmed it from its discovery document`
    : `Grantscope has not fetched the discovery document of ${clip(shown)} itself`;
}

/** Rule 4: where a recorded flow's ID token keys may come from, or why there are none. */
export function idTokenKeys(f: Flow): Result<{ issuer: string; jwksUri: string }> {
  const c = f.capture?.issuerConfirmed;
  if (!c) return fail('issuer-unconfirmed', `Could not verify: issuer not confirmed (${unconfirmedReason(f)}).`);
  const jwks = c.metadata.jwks_uri;
  if (typeof jwks !== 'string') return fail('no-jwks-uri', `Could not verify: the discovery document of ${clip(c.issuer)} names no jwks_uri.`);
  const usable = fetchableUrl(jwks);
  if (!usable.ok) return fail('jwks-not-fetched', `Could not verify: the issuer's jwks_uri is not fetched (${usable.error.message}).`);
  return ok({ issuer: c.issuer, jwksUri: jwks });
}

/** The verification an ID token gets while its flow's issuer is unconfirmed (never "verified"). */
export function unverified(message: string): Verification {
  return { status: 'keys-unreachable', message, keySource: UNCONFIRMED_KEY_SOURCE };
}

/** Token actions; the same names as the panel's FlowAction (src/shared/messages.ts). */
export type TokenAction = 'userinfo' | 'introspect' | 'revoke' | 'refresh' | 'reuse-test' | 'downscope-test';

export type TargetWhy = 'issuer-discovery' | 'app-called' | 'profile';
export type ActionTarget = { url: string; why: TargetWhy } | { refused: string };

type EndpointField = 'userinfo_endpoint' | 'introspection_endpoint' | 'revocation_endpoint' | 'token_endpoint';

const FIELD: Record<TokenAction, EndpointField> = {
  userinfo: 'userinfo_endpoint',
  introspect: 'introspection_endpoint',
  revoke: 'revocation_endpoint',
  refresh: 'token_endpoint',
  'reuse-test': 'token_endpoint',
  'downscope-test': 'token_endpoint',
};

const CALL_OF: Partial<Record<EndpointField, ProviderCall>> = {
  userinfo_endpoint: 'userinfo',
  introspection_endpoint: 'introspection',
  revocation_endpoint: 'revocation',
};

const NAME: Record<EndpointField, string> = {
  userinfo_endpoint: 'userinfo',
  introspection_endpoint: 'introspection',
  revocation_endpoint: 'revocation',
  token_endpoint: 'token',
};

/** Words for the panel: "from the issuer's discovery". */
export const TARGET_WHY: Record<TargetWhy, string> = {
  'issuer-discovery': "from the issuer's discovery",
  'app-called': 'the app called it in this flow',
  profile: "from the profile and the provider's discovery",
};

/** Rule 5(b): the newest endpoint of this kind a recorded step of the flow called (query left off). */
function appCalled(f: Flow, field: EndpointField): string | undefined {
  const call = CALL_OF[field];
  for (let i = f.steps.length - 1; i >= 0; i--) {
    const s = f.steps[i]!;
    if (!('seen' in s) || !s.seen) continue; // Grantscope's own exchanges carry no `seen`
    const url = field === 'token_endpoint' ? (s.kind === 'token-request' ? s.url : undefined) : s.kind === 'exchange' && call && s.label === CALL_LABELS[call] ? s.request.url : undefined;
    const key = url ? endpointKey(url) : '';
    if (key) return key;
  }
  return undefined;
}

/**
 * Where an action on this flow sends its token (rule 5), or why it does not. Launched flows use the
 * endpoints of the person's own profile and its discovery, as before.
 */
export function actionTarget(f: Flow, action: TokenAction): ActionTarget {
  const field = FIELD[action];
  if (f.source !== 'captured') {
    const v = f.metadata[field];
    return typeof v === 'string' && v ? { url: v, why: 'profile' } : { refused: `The provider advertises no ${field}. Set it by hand in the profile.` };
  }
  const confirmed = f.capture?.issuerConfirmed;
  const fromDoc = confirmed?.metadata[field];
  const called = appCalled(f, field);
  for (const [url, why] of [[fromDoc, 'issuer-discovery'], [called, 'app-called']] as const) {
    if (typeof url === 'string' && url && fetchableUrl(url).ok) return { url, why };
  }
  const what = NAME[field];
  const seen = [fromDoc, called, f.metadata[field]].find((u): u is string => typeof u === 'string' && u.length > 0);
  if (seen) {
    const bad = fetchableUrl(seen);
    const trusted = seen === fromDoc || seen === called;
    return {
      refused: trusted && !bad.ok
        ? `Not sent: the ${what} endpoint at ${hostOf(seen)} is not https (${bad.error.message}).`
        : `Not sent to ${hostOf(seen)}: it is neither named by this flow's confirmed issuer's discovery nor a ${what} endpoint the app called in this flow.`,
    };
  }
  return {
    refused: confirmed
      ? `Not sent: ${clip(confirmed.issuer)}'s discovery names no ${field}, and the app called no ${what} endpoint in this flow.`
      : `Not sent: the issuer is not confirmed (${unconfirmedReason(f)}), and the app called no ${what} endpoint in this flow.`,
  };
}
