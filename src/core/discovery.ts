/**
 * Finding a provider's metadata: OIDC Discovery 4 and RFC 8414 3.
 */
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

/** Issuers are not secret and must be shown whole to be useful, but a hostile server's can be huge. */
const clip = (s: string): string => (s.length > 200 ? `${s.slice(0, 199)}…` : s);

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
  // RFC 8414 3.3 / OIDC Discovery 4.3: identical, no normalisation. Both the form the user typed and
  // the normalised one (one trailing slash removed) name the same well-known URL, so both count.
  const normalized = normalizeIssuer(expectedIssuer);
  const accepted = [expectedIssuer, ...(normalized.ok ? [normalized.value] : [])];
  if (!accepted.includes(issuer)) {
    return fail('issuer-mismatch', `the discovery document is for issuer "${clip(issuer)}", but "${clip(expectedIssuer)}" was asked for (RFC 8414 3.3)`);
  }
  const fields = checkMetadataFields(doc);
  if (!fields.ok) return fields;
  return ok(doc as ProviderMetadata);
}
