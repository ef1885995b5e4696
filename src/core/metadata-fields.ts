/**
 * Field checks for an authorization server's metadata (RFC 8414 2, OIDC Discovery 3), so the rest of
 * the extension can trust the ProviderMetadata types it reads.
 */
import { fail, ok, type Result } from './result';

/** RFC 6749 3.1 / 3.2: endpoints are absolute URIs and "MUST NOT include a fragment component". */
export function isEndpointUrl(value: string): boolean {
  if (value.includes('#') || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:';
}

/** Members holding URLs the extension will fetch or open: every *_endpoint, plus jwks_uri. */
const isUrlField = (name: string): boolean => name.endsWith('_endpoint') || name === 'jwks_uri';

/**
 * Members that are JSON arrays of strings: RFC 8414 2 and OIDC Discovery 3 name them all
 * "..._supported", but not every "..._supported" is an array (claims_parameter_supported is a boolean).
 */
const isStringArrayField = (name: string): boolean =>
  /_(?:values|methods|types|modes|locales)_supported$/.test(name) || name === 'scopes_supported' || name === 'claims_supported';

/** Booleans that ProviderMetadata types as such (RFC 9207 3, RFC 9126 5). */
const BOOLEAN_FIELDS = new Set(['authorization_response_iss_parameter_supported', 'require_pushed_authorization_requests']);

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** First bad member, by name; the metadata object is otherwise left as the server sent it. */
export function checkMetadataFields(doc: Record<string, unknown>): Result<true> {
  for (const [name, value] of Object.entries(doc)) {
    if (isUrlField(name)) {
      if (typeof value !== 'string') return fail('bad-field', `${name} must be a URL string, got ${kind(value)}`);
      if (!isEndpointUrl(value)) return fail('bad-field', `${name} is not an absolute http(s) URL without a fragment`);
    } else if (isStringArrayField(name)) {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        return fail('bad-field', `${name} must be an array of strings, got ${kind(value)}`);
      }
    } else if (BOOLEAN_FIELDS.has(name) && typeof value !== 'boolean') {
      return fail('bad-field', `${name} must be true or false, got ${kind(value)}`);
    }
  }
  return ok(true);
}
