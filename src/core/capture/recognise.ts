/**
 * Which OAuth step, if any, a request the browser saw is (issue 4: capture every flow a site runs).
 * Pure and total: any input, however broken, gives a Recognised or null, never an exception.
 *
 * Order of the checks, first match wins:
 *  1. `known` (from discovery documents, discoveryEndpoints) names the endpoint: it decides alone.
 *  2. A POST body with grant_type is a token request (RFC 6749 3.2), form or JSON; so is GitHub's
 *     client_id + code to a token path, which has none.
 *  3. client_id with response_type, request_uri or request (or GitHub-style, on an authorize path) is
 *     an authorization request: in a GET query, or in a page's POST form (OIDC Core 3.1.2.1). Pushed
 *     in a script's POST, or to a PAR-looking path, it is a PAR push (RFC 9126 2.1).
 *  4. Provider calls guessed from the path (recognise-provider.ts).
 *  5. Callbacks: an authorization response in the URL or a form post (recognise-callback.ts).
 * Only GET and POST are looked at: an OPTIONS preflight or a HEAD is no step of a flow.
 *
 * Bounded work for any input (issue 9): a URL over URL_MAX is no step (null) before it is parsed, a
 * body is read only to BODY_LIMIT (recognise-body.ts), and the path patterns, all linear, only ever
 * see a path of at most PATH_MAX characters.
 */
import type { KnownEndpoints, ObservedRequest, Recognised } from './types';
import { has, PATH_MAX, queryParams, readBody, type BodyParams, type Params } from './recognise-body';
import { callbackFromForm, callbackFromUrl } from './recognise-callback';
import { guessProviderCall, looksLikePar } from './recognise-provider';

export { discoveryEndpoints } from './recognise-provider';

/**
 * Longest URL looked at. An authorization request or a callback is a few KB; an implicit or hybrid
 * callback's fragment carries an ID token, tens of KB at worst. Chrome allows 2 MB, which a hostile
 * page uses to make every parse and copy of it costly (issue 9: four 1.6 MB callback URLs).
 */
export const URL_MAX = 64 * 1024;
export { PATH_MAX } from './recognise-body';

/** GitHub and Facebook take client_id without response_type (code is implied) at these paths. */
const AUTHORIZE_PATH = /\/(?:authori[sz]e|authorization|auth|dialog\/oauth)\/?$/i;

const isAuthorization = (p: Record<string, string>): boolean =>
  has(p, 'client_id') && (has(p, 'response_type') || has(p, 'request_uri') || has(p, 'request'));

/** Query and body together, the body's value winning; a name in both counts as repeated (RFC 6749 3.1). */
function merged(q: Params, body: BodyParams | undefined): Params {
  if (!body) return q;
  const inBoth = Object.keys(q.params).filter((k) => has(body.params, k));
  return { params: { ...q.params, ...body.params }, duplicates: [...new Set([...q.duplicates, ...body.duplicates, ...inBoth])] };
}

/**
 * What a POST to a learned endpoint must carry, when its body could be read, to be that call (issue 9):
 * a page's own valid discovery document may name any site's URL as its token or userinfo endpoint,
 * and without this a login form POSTed there (username, password) would be recorded as a token
 * request. Each is the parameter the role's spec requires (RFC 6749 3.2 / 4.1.3, OIDC Core 5.3.1,
 * RFC 7662 2.1, RFC 7009 2.1, RFC 8628 3.1, RFC 9126 2.1); GitHub-style code exchanges send no
 * grant_type but client_id and code.
 */
const POST_NEEDS: Partial<Record<KnownEndpoints[string], (b: Record<string, string>) => boolean>> = {
  token: (b) => has(b, 'grant_type') || (has(b, 'code') && has(b, 'client_id')),
  userinfo: (b) => has(b, 'access_token'),
  introspection: (b) => has(b, 'token'),
  revocation: (b) => has(b, 'token'),
  'device-authorization': (b) => has(b, 'client_id') || has(b, 'client_assertion'),
  par: (b) => ['client_id', 'response_type', 'request'].some((n) => has(b, n)),
};

function fromKnown(role: KnownEndpoints[string], endpoint: string, method: string, p: Params, body: BodyParams | undefined): Recognised | null {
  // Discovery documents and key sets are fetched with GET (OIDC Discovery 4.1, RFC 7517 5).
  if ((role === 'discovery' || role === 'jwks') && method !== 'GET') return null;
  const needs = POST_NEEDS[role];
  if (method === 'POST' && body && needs && !needs(body.params)) return null;
  switch (role) {
    case 'authorization': {
      const looks = ['client_id', 'response_type', 'request_uri', 'request'].some((n) => has(p.params, n));
      return looks ? { kind: 'authorization-request', endpoint, params: p.params, duplicates: p.duplicates } : null;
    }
    case 'token':
      // A POST the browser could not read is still a token request; grant_type is then ''.
      return method === 'POST'
        ? { kind: 'token-request', endpoint, grantType: body?.params.grant_type ?? '', params: body?.params ?? {}, format: body?.format ?? 'form' }
        : null;
    default:
      return { kind: 'provider-call', call: role, endpoint, params: p.params };
  }
}

function recogniseUrl(req: ObservedRequest, known: KnownEndpoints | undefined): Recognised | null {
  if (typeof req.url !== 'string' || req.url.length > URL_MAX || !URL.canParse(req.url)) return null;
  const u = new URL(req.url);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const path = u.pathname.length > PATH_MAX ? '' : u.pathname;
  const method = typeof req.method === 'string' ? req.method.toUpperCase() : '';
  if (method !== 'GET' && method !== 'POST') return null;
  const endpoint = u.origin + u.pathname;
  const query = queryParams(u);
  const body = method === 'POST' ? readBody(req) : undefined;
  const all = merged(query, body);

  const role = known && Object.hasOwn(known, endpoint) ? known[endpoint] : undefined;
  if (role !== undefined) return fromKnown(role, endpoint, method, all, body);

  // GitHub's code exchange sends client_id and code without grant_type; grantType '' says "not sent".
  const githubStyle = (p: Record<string, string>) => has(p, 'code') && has(p, 'client_id') && /token/i.test(path);
  if (body && (has(body.params, 'grant_type') || githubStyle(body.params))) {
    return { kind: 'token-request', endpoint, grantType: body.params.grant_type ?? '', params: body.params, format: body.format };
  }
  if (method === 'GET' && (isAuthorization(query.params) || (has(query.params, 'client_id') && AUTHORIZE_PATH.test(path)))) {
    return { kind: 'authorization-request', endpoint, params: query.params, duplicates: query.duplicates };
  }
  if (body && isAuthorization(body.params)) {
    // A person logs in after an authorization request, so it is a navigation; a script's POST of
    // the same fields is a back-channel push (RFC 9126 2.1), as is anything sent to a PAR path.
    const page = req.frame === 'main' || req.frame === 'sub';
    if (page && !looksLikePar(path)) {
      return { kind: 'authorization-request', endpoint, params: all.params, duplicates: all.duplicates };
    }
    return { kind: 'provider-call', call: 'par', endpoint, params: all.params };
  }
  const call = guessProviderCall(method, path, all.params);
  if (call) return { kind: 'provider-call', call, endpoint, params: all.params };
  if (method === 'POST') return body ? callbackFromForm(u, req.frame, body) : null;
  return callbackFromUrl(u, req.url, req.frame);
}

/** Which OAuth step the request is, or null when it is none (or cannot be read). */
export function recognise(req: ObservedRequest, known?: KnownEndpoints): Recognised | null {
  try {
    return typeof req === 'object' && req !== null ? recogniseUrl(req, known) : null;
  } catch {
    // Nothing above should throw; a capture source must still never fall over a hostile page's request.
    return null;
  }
}
