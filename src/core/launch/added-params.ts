/**
 * What a launch sends that the person did not type (issue 11, item 6): a prompt implied by the scope,
 * fresh state / nonce / PKCE values, DPoP's key thumbprint, the redirect URI the browser's sign-in
 * window needs, and where PAR or a request object moves the parameters. Each comes with its reason and
 * clause, so the profile editor can say "Grantscope will add" and the request step can mark them.
 *
 * Pure: the editor calls it on a draft, the launch (request-options.ts) on what it sends. Values shown
 * are fixed words only (consent, S256); generated values are never part of the list.
 */
import type { RequestOptions } from '../request-options';

export interface AddedParam {
  name: string;
  /** A fixed, non-secret value ("consent", "S256"); absent for generated values. */
  value?: string;
  /** Plain words with the clause: "scope has offline_access (OIDC Core 11)". */
  why: string;
  /** Where it travels when not in the front-channel URL: inside a pushed request or a request object. */
  inside?: 'par' | 'request-object';
}

/** The profile-level switches that change what is sent (src/core/profile.ts ClientProfile). */
export interface AddedContext {
  par?: boolean;
  dpop?: boolean;
  requestObject?: 'off' | 'unsigned' | 'signed';
  redirectMode?: 'block' | 'observe' | 'extension';
}

type Request = Pick<RequestOptions, 'scope' | 'prompt' | 'responseType' | 'pkce' | 'state' | 'nonce'>;

const words = (s: string | undefined): string[] => (s ?? '').split(' ').filter(Boolean);

/**
 * OIDC Core 11: offline_access "MUST be ignored" unless prompt contains consent (oidc-provider drops
 * it), so a scope with offline_access and no prompt of the person's own gets prompt=consent.
 */
export function impliedPrompt(req: Pick<RequestOptions, 'scope' | 'prompt'>): string | undefined {
  return req.prompt || (words(req.scope).includes('offline_access') ? 'consent' : undefined);
}

/** PKCE belongs to the code (RFC 7636 4.3): an implicit answer has no code to protect. */
export const sendsPkce = (req: Pick<RequestOptions, 'responseType' | 'pkce'>): boolean => words(req.responseType).includes('code') && req.pkce !== 'none';

export function addedParams(req: Request, ctx: AddedContext = {}): AddedParam[] {
  const out: AddedParam[] = [];
  if (!req.prompt && impliedPrompt(req) === 'consent') {
    out.push({ name: 'prompt', value: 'consent', why: 'scope has offline_access, which the provider ignores without prompt=consent (OIDC Core 11)' });
  }
  if (req.state.mode === 'auto') out.push({ name: 'state', why: 'a fresh random value, checked against the callback (RFC 6749 10.12)' });
  if (req.nonce.mode === 'auto') out.push({ name: 'nonce', why: "a fresh random value, checked against the ID token's nonce (OIDC Core 3.1.2.1)" });
  if (sendsPkce(req)) {
    const how = req.pkce === 'plain' ? 'the code_verifier itself (plain)' : "the verifier's SHA-256 (S256)";
    out.push({ name: 'code_challenge', why: `${how}; a fresh code_verifier is made and sent only with the code (RFC 7636 4.2)` });
    out.push({ name: 'code_challenge_method', value: req.pkce, why: `PKCE is ${req.pkce} in this profile (RFC 7636 4.3)` });
  }
  if (ctx.dpop) out.push({ name: 'dpop_jkt', why: 'DPoP is on: the thumbprint of the key made for this flow binds the code to it (RFC 9449 10)' });
  if (ctx.redirectMode === 'extension') {
    out.push({ name: 'redirect_uri', why: "extension-owned redirect: the browser sign-in window's own URI replaces the profile's" });
  }
  // Where the parameters go: a request object carries them all (RFC 9101 5), PAR pushes them (RFC 9126 4).
  const inside = ctx.par ? 'par' : ctx.requestObject && ctx.requestObject !== 'off' ? 'request-object' : undefined;
  if (inside) for (const a of out) a.inside = inside;
  if (ctx.requestObject && ctx.requestObject !== 'off') {
    out.push({ name: 'request', why: `request object is ${ctx.requestObject}: every parameter goes inside this JWT; client_id stays outside (RFC 9101 5)`, ...(ctx.par ? { inside: 'par' as const } : {}) });
  }
  if (ctx.par) out.push({ name: 'request_uri', why: 'PAR is on: the parameters were pushed first; the login URL carries only client_id and this (RFC 9126 4)' });
  return out;
}

/** "prompt=consent" or "state": how an added parameter is named in a sentence. */
export const addedLabel = (a: AddedParam): string => (a.value ? `${a.name}=${a.value}` : a.name);
