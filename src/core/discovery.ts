/**
 * Finding a provider's metadata: OIDC Discovery 4 and RFC 8414 3.
 */
import { clip } from './clip';
import { parseJsonBounded } from './json-bounds';
import { checkMetadataFields } from './metadata-fields';
import { preview } from './redact';
import { fail, ok, type Result } from './result';

export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  jwks_uri?: string;
  userinfo_endpoint?: string;
  revocation_endpoint?: string;
  introspection_endpoint?: string;
  device_authorization_endpoint?: string;
  pushed_authorization_request_endpoint?: string;
  end_session_endpoint?: string;
  registration_endpoint?: string;
  scopes_supported?: string[];
  response_types_supported?: string[];
  response_modes_supported?: string[];
  grant_types_supported?: string[];
  code_challenge_methods_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
  dpop_signing_alg_values_supported?: string[];
  authorization_response_iss_parameter_supported?: boolean;
  require_pushed_authorization_requests?: boolean;
  [other: string]: unknown;
}

/**
 * What a person typed as an issuer, made usable: RFC 8414 2 says the issuer is an https URL with no
 * query or fragment (http is allowed here for loopback test servers). One trailing slash goes, since
 * OIDC Discovery 4.1 removes it before appending the well-known path. The rest is kept exactly as
 * typed, because the issuer is later compared as a plain string (RFC 8414 3.3).
 */
export function normalizeIssuer(input: string): Result<string> {
  const s = input.trim();
  if (s === '') return fail('issuer-empty', 'the issuer is empty');
  if (/\s/.test(s)) return fail('issuer-invalid', 'the issuer contains whitespace');
  if (!URL.canParse(s)) return fail('issuer-invalid', 'the issuer is not an absolute URL (expected e.g. https://login.example.com)');
  const url = new URL(s);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail('issuer-invalid', `the issuer must be an https URL, not ${url.protocol}`);
  }
  // URL.parse drops an empty "?" or "#"; the raw string still counts (RFC 8414 2: none at all).
  if (s.includes('?')) return fail('issuer-invalid', 'the issuer must not have a query (RFC 8414 2)');
  if (s.includes('#')) return fail('issuer-invalid', 'the issuer must not have a fragment (RFC 8414 2)');
  if (url.username || url.password) return fail('issuer-invalid', 'the issuer must not contain a user name or password');
  return ok(s.endsWith('/') ? s.slice(0, -1) : s);
}

/**
 * Both places metadata may live. OIDC Discovery 4.1 appends to the issuer (path kept first);
 * RFC 8414 3.1 inserts the well-known segment between the host and the path.
 */
export function discoveryUrls(issuer: string): { oidc: string; oauth: string } {
  const base = issuer.endsWith('/') ? issuer.slice(0, -1) : issuer;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?/.exec(base);
  const origin = m?.[1] ?? base;
  const path = m?.[2] ?? '';
  return {
    oidc: `${base}/.well-known/openid-configuration`,
    oauth: `${origin}/.well-known/oauth-authorization-server${path}`,
  };
}


const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseDiscovery(
  bodyText: string,
  status: number,
  contentType: string | null,
  expectedIssuer: string,
): Result<ProviderMetadata> {
  if (status < 200 || status > 299) {
    const body = preview(bodyText);
    return fail('unexpected-status', `the discovery document request answered HTTP ${status}${body ? `: ${body}` : ''}`);
  }
  // Size and depth are bounded before anything reads the document (json-bounds.ts, issue 9: a
  // 1.3 MB document of endpoint URLs filled storage). A BOM is not JSON, but is harmless.
  const parsed = parseJsonBounded(bodyText.startsWith('\uFEFF') ? bodyText.slice(1) : bodyText, 'the discovery document');
  if (!parsed.ok && parsed.error.code !== 'not-json') return fail(parsed.error.code, parsed.error.message);
  if (!parsed.ok) {
    const type = contentType ? ` (${contentType.slice(0, 200).split(';')[0]?.trim()})` : '';
    return fail('not-json', `the discovery document is not JSON${type}: ${preview(bodyText) || '(empty body)'}`);
  }
  const doc = parsed.value;
  if (!isObject(doc)) {
    return fail('not-object', `the discovery document is JSON but not an object (got ${doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc})`);
  }
  if (!('issuer' in doc)) return fail('issuer-missing', 'the discovery document has no issuer');
  const { issuer } = doc;
  if (typeof issuer !== 'string') return fail('bad-field', `issuer must be a string, got ${issuer === null ? 'null' : typeof issuer}`);
  // RFC 8414 3.3 / OIDC Discovery 4.3: identical, no normalisation. The issuer with and without one
  // trailing slash name the same well-known URL (OIDC Discovery 4.1 removes it before appending), so
  // the document at that URL may use either form: Auth0's issuers end in "/". The form the document
  // uses is the one kept (metadata.issuer) and compared exactly with every iss later.
  const normalized = normalizeIssuer(expectedIssuer);
  const bare = normalized.ok ? normalized.value : expectedIssuer;
  const accepted = [expectedIssuer, bare, `${bare}/`];
  if (!accepted.includes(issuer)) {
    return fail('issuer-mismatch', `the discovery document is for issuer "${clip(issuer)}", but "${clip(expectedIssuer)}" was asked for (RFC 8414 3.3)`);
  }
  const fields = checkMetadataFields(doc);
  if (!fields.ok) return fields;
  return ok(doc as ProviderMetadata);
}

const OIDC_SUFFIX = '/.well-known/openid-configuration';
const OAUTH_SEGMENT = '/.well-known/oauth-authorization-server';

/** What a person pasted into "Issuer or discovery URL", read back to the issuer it names. */
export interface IssuerInput {
  issuer: string;
  /** Which form was pasted: an issuer, or a discovery URL of OIDC Discovery 4.1 or RFC 8414 3.1. */
  form: 'issuer' | 'oidc-discovery' | 'oauth-metadata';
}

/**
 * The inverse of discoveryUrls: an issuer, or a discovery URL turned into the issuer it is for.
 * OIDC Discovery 4.1 appends `/.well-known/openid-configuration` to the issuer (path first); RFC 8414
 * 3.1 puts `/.well-known/oauth-authorization-server` between the host and the issuer's path. A
 * discovery URL only names an issuer when discoveryUrls(issuer) gives it back, so the rule that the
 * document's `issuer` must equal the issuer asked for (RFC 8414 3.3) still holds after the round trip.
 * A discovery URL with a query (some tenants' `?p=policy`) names no issuer: the issuer must be pasted.
 */
export function issuerFromInput(input: string): Result<IssuerInput> {
  const s = input.trim();
  // Bounded before any parsing: a pasted page of text is not an issuer.
  if (s.length > 2048) return fail('issuer-invalid', 'that is too long for an issuer or discovery URL (2048 characters at most)');
  if (!s.includes('/.well-known/') || !URL.canParse(s)) return issuerForm(s);
  if (s.includes('?') || s.includes('#')) {
    return fail('issuer-invalid', 'a discovery URL with a query or fragment names no issuer (RFC 8414 3.3): paste the issuer itself');
  }
  const url = s.endsWith('/') ? s.slice(0, -1) : s;
  // Origin and path as typed (URL.pathname would resolve dot segments and re-encode, and the issuer is
  // compared as a plain string); a URL that parses has "://" in it.
  const slash = url.indexOf('/', url.indexOf('://') + 3);
  const origin = slash < 0 ? url : url.slice(0, slash);
  const rawPath = slash < 0 ? '' : url.slice(slash);
  let candidate: IssuerInput | undefined;
  if (rawPath.endsWith(OIDC_SUFFIX)) candidate = { issuer: origin + rawPath.slice(0, -OIDC_SUFFIX.length), form: 'oidc-discovery' };
  else if (rawPath === OAUTH_SEGMENT || rawPath.startsWith(`${OAUTH_SEGMENT}/`)) candidate = { issuer: origin + rawPath.slice(OAUTH_SEGMENT.length), form: 'oauth-metadata' };
  if (!candidate) {
    return fail('issuer-invalid', 'a /.well-known/ URL other than openid-configuration or oauth-authorization-server: paste the issuer or its discovery URL');
  }
  const issuer = normalizeIssuer(candidate.issuer);
  if (!issuer.ok) return issuer;
  const urls = discoveryUrls(issuer.value);
  if (urls.oidc !== url && urls.oauth !== url) return fail('issuer-invalid', 'this discovery URL does not name one issuer: paste the issuer itself');
  return ok({ issuer: issuer.value, form: candidate.form });
}

function issuerForm(s: string): Result<IssuerInput> {
  const issuer = normalizeIssuer(s);
  return issuer.ok ? ok({ issuer: issuer.value, form: 'issuer' }) : issuer;
}
