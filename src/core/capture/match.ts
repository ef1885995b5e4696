/**
 * Which captured flow a step belongs to. The strongest tie wins, in this order:
 *
 *  - callback: its `state` equals the state a recorded authorization request sent (RFC 6749 4.1.2:
 *    the client must tie the two by state); without state, the redirect_uri of a request still
 *    waiting in the same tab or a tab tied to it by an opener.
 *  - code redemption: its `code` is one a callback delivered; else its code_verifier hashes to a
 *    recorded code_challenge (RFC 7636 4.6, exact for S256 and plain); else client_id and
 *    redirect_uri of a flow holding a code in a related tab.
 *  - refresh: its refresh_token is one the flow received.
 *  - device polling: its device_code is one the flow's device authorization answer carried.
 *
 * Two flows in two tabs at once stay apart because state, code and verifier are unique per flow
 * (fault case 26); tab and time only break ties between equally good matches.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base64url } from 'jose';
import { matchesRedirectUri } from '../callback';
import { type Flow, stepOf, tokenSets } from '../flow';
import { originOf } from './captured-flow';

const HOUR = 3_600_000;
const TEN_MINUTES = 600_000;

/** What the authorization request sent: its own parameters, over those it pushed by PAR (RFC 9126 2.1). */
export function authParams(f: Flow): Record<string, string> | undefined {
  const pushed = f.steps.find((s) => s.kind === 'exchange' && s.label === 'Pushed authorization request');
  const direct = stepOf(f, 'authorization-request')?.params;
  if (!pushed && !direct) return undefined;
  return { ...(pushed?.kind === 'exchange' ? pushed.request.params : {}), ...direct };
}

/** Newest first, with flows in a related tab ahead of the rest. */
function best(cands: Flow[], related: number[]): Flow | undefined {
  const near = (f: Flow) => (f.capture?.tabIds.some((t) => related.includes(t)) ? 1 : 0);
  return [...cands].sort((a, b) => near(b) - near(a) || b.updatedAt - a.updatedAt)[0];
}

export function flowForCallback(flows: Flow[], p: Record<string, string>, redirectUri: string, related: number[], now: number): Flow | undefined {
  const fresh = flows.filter((f) => now - f.createdAt < HOUR && !f.steps.some((s) => s.kind === 'callback'));
  if (p.state) {
    const byState = fresh.filter((f) => authParams(f)?.state === p.state);
    if (byState.length) return best(byState, related);
  }
  const byUri = fresh.filter(
    (f) =>
      f.status === 'authorizing' &&
      now - f.createdAt < TEN_MINUTES &&
      f.capture?.tabIds.some((t) => related.includes(t)) &&
      !!authParams(f)?.redirect_uri &&
      matchesRedirectUri(redirectUri, authParams(f)!.redirect_uri!) &&
      // A request that sent state must get it back; one that did not is matched without it.
      (!authParams(f)?.state || !p.state),
  );
  return best(byUri, related);
}

/** RFC 7636 4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge, or equality for plain. */
export function verifierMatches(verifier: string, challenge: string, method: string | undefined): boolean {
  if ((method ?? 'plain') === 'plain') return verifier === challenge;
  if (method !== 'S256') return false;
  return base64url.encode(sha256(new TextEncoder().encode(verifier))) === challenge;
}

export function flowForCodeRedemption(flows: Flow[], p: Record<string, string>, related: number[], now: number): Flow | undefined {
  const fresh = flows.filter((f) => now - f.updatedAt < HOUR);
  if (p.code) {
    const byCode = fresh.filter((f) => f.steps.some((s) => s.kind === 'callback' && s.params.code === p.code));
    if (byCode.length) return best(byCode, related);
  }
  if (p.code_verifier) {
    const byPkce = fresh.filter((f) => {
      const a = authParams(f);
      return !!a?.code_challenge && verifierMatches(p.code_verifier!, a.code_challenge, a.code_challenge_method);
    });
    if (byPkce.length) return best(byPkce, related);
  }
  // The weakest tie, so a page in a related tab could use it to put its own token request (to its own
  // host) into the person's flow, and that host would then count as one "the flow used" (trust.ts,
  // rules 2a and 5b). It needs the client_id the flow sent, and a flow whose callback delivered a code
  // is redeemed with that code (RFC 6749 4.1.3), so it is not joined by a request with another one.
  const byClient = fresh.filter(
    (f) =>
      f.status === 'observed' &&
      f.capture?.tabIds.some((t) => related.includes(t)) &&
      !!p.client_id &&
      f.profile.clientId === p.client_id &&
      (!p.redirect_uri || f.profile.redirectUri === p.redirect_uri) &&
      !f.steps.some((s) => s.kind === 'callback' && !!s.params.code),
  );
  return best(byClient, related);
}

export function flowForRefresh(flows: Flow[], refreshToken: string | undefined): Flow | undefined {
  if (!refreshToken) return undefined;
  const holders = flows.filter((f) => tokenSets(f).some((t) => t.tokens.refresh_token === refreshToken));
  return best(holders, []);
}

/** One string member of a JSON answer, or undefined (not JSON, not an object, not a string). */
function answerMember(bodyText: string | undefined, name: string): string | undefined {
  if (!bodyText || bodyText.length > 64 * 1024) return undefined;
  try {
    const v: unknown = JSON.parse(bodyText);
    const m = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[name] : undefined;
    return typeof m === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The device_code the flow's device authorization answer carried, compared whole (RFC 8628 3.4): a
 * substring match let any page join every device flow with a one-letter device_code.
 */
export function flowForDeviceCode(flows: Flow[], deviceCode: string | undefined): Flow | undefined {
  if (!deviceCode) return undefined;
  return flows.find((f) =>
    f.steps.some((s) => s.kind === 'exchange' && s.label === 'Device authorization' && answerMember(s.response?.bodyText, 'device_code') === deviceCode),
  );
}

/** A PAR push in the same related tab that the request_uri came from (RFC 9126 4). */
export function flowForRequestUri(flows: Flow[], requestUri: string, clientId: string | undefined, related: number[], now: number): Flow | undefined {
  const pushed = flows.filter(
    (f) =>
      now - f.createdAt < TEN_MINUTES &&
      !stepOf(f, 'authorization-request') &&
      f.steps.some((s) => s.kind === 'exchange' && s.label === 'Pushed authorization request') &&
      (!clientId || !f.profile.clientId || f.profile.clientId === clientId),
  );
  // The request_uri the push answered, compared whole (RFC 9126 2.2): a substring match let a page in
  // any tab join every pushed flow with request_uri=urn. Without a read answer, a related tab only.
  const exact = pushed.filter((f) => f.steps.some((s) => s.kind === 'exchange' && s.label === 'Pushed authorization request' && answerMember(s.response?.bodyText, 'request_uri') === requestUri));
  return best(exact.length ? exact : pushed.filter((f) => f.capture?.tabIds.some((t) => related.includes(t))), related);
}

/**
 * Discovery, JWKS, userinfo and the like: the newest flow of the same provider in the given tabs. A
 * call from another tab may be another login of the same provider, so it is not guessed into a flow.
 */
export function flowForProviderCall(flows: Flow[], endpoint: string, related: number[], now: number): Flow | undefined {
  const host = originOf(endpoint);
  if (!host) return undefined;
  const same = flows.filter(
    (f) =>
      now - f.updatedAt < TEN_MINUTES &&
      f.capture?.tabIds.some((t) => related.includes(t)) &&
      // The same origin, not a prefix: https://login.example.co is a prefix of https://login.example.com/….
      Object.values(f.profile.endpoints).some((e) => typeof e === 'string' && originOf(e) === host),
  );
  return best(same, related);
}
