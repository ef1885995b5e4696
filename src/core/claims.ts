/**
 * What each claim of a decoded token means, with the clause that defines it, for the token
 * workbench. Registered JWT claims (RFC 7519 4.1), OIDC (Core 2, 3.x, 5.1), JWT access tokens
 * (RFC 9068), confirmation (RFC 7800, RFC 9449), delegation (RFC 8693) and DPoP proofs (RFC 9449 4.2).
 */
import { isObject } from './json-answer';
import { relativeTime, utcDate } from './relative-time';
import { fitJson, JSON_MAX_DEPTH, jsonOrNote } from './safe-json';

export { relativeTime } from './relative-time';

export interface ClaimExplanation {
  label: string;
  description: string;
  clause: string;
  /** A reading of the value for people (a date, a yes/no), where the raw JSON is not enough. */
  display?: string;
  /** The value is too deep or too large to show: display says so ("too deep to show (depth > 32, N bytes)"). */
  tooBig?: true;
}

type Entry = [label: string, clause: string, description: string];

const CLAIMS = new Map<string, Entry>([
  ['iss', ['Issuer', 'RFC 7519 4.1.1', 'Who issued the token. For an ID token it must equal the issuer exactly (OIDC Core 3.1.3.7).']],
  ['sub', ['Subject', 'RFC 7519 4.1.2', 'Who the token is about: an identifier unique within the issuer, at most 255 ASCII characters in an ID token (OIDC Core 2).']],
  ['aud', ['Audience', 'RFC 7519 4.1.3', 'Who the token is for. An ID token must name the client_id; an access token names the resource.']],
  ['exp', ['Expires', 'RFC 7519 4.1.4', 'After this time the token must not be accepted (a little clock skew aside).']],
  ['nbf', ['Not before', 'RFC 7519 4.1.5', 'Before this time the token must not be accepted.']],
  ['iat', ['Issued at', 'RFC 7519 4.1.6', 'When the token was issued.']],
  ['jti', ['JWT ID', 'RFC 7519 4.1.7', 'A unique identifier of this token, to detect replay.']],
  ['auth_time', ['Authentication time', 'OIDC Core 2', 'When the user last actively authenticated; required when max_age was sent.']],
  ['nonce', ['Nonce', 'OIDC Core 2', 'The nonce of the authentication request, echoed to bind the ID token to it and stop replay. In a DPoP proof: the server-provided nonce (RFC 9449 8).']],
  ['acr', ['Authentication context class', 'OIDC Core 2', 'The level or class of the authentication performed, e.g. a phishing-resistant method.']],
  ['amr', ['Authentication methods', 'OIDC Core 2', 'How the user authenticated: pwd, otp, mfa, hwk, ... (values in RFC 8176).']],
  ['azp', ['Authorized party', 'OIDC Core 2', 'The client the ID token was issued to; when present it must be the client_id.']],
  ['at_hash', ['Access token hash', 'OIDC Core 3.1.3.6', 'Left half of the hash of the access token, binding it to this ID token; required for id_token token.']],
  ['c_hash', ['Code hash', 'OIDC Core 3.3.2.11', 'Left half of the hash of the authorization code; required for code id_token in the hybrid flow.']],
  ['s_hash', ['State hash', 'FAPI 1.0 Advanced 5.1.1', 'Left half of the hash of the state, so the ID token also protects the state of the response.']],
  ['sid', ['Session ID', 'OIDC Front-Channel Logout 3', "The user's session at the provider, used to match logout requests."]],
  ['name', ['Full name', 'OIDC Core 5.1', "The user's full name in displayable form."]],
  ['given_name', ['Given name', 'OIDC Core 5.1', 'Given or first name(s).']],
  ['family_name', ['Family name', 'OIDC Core 5.1', 'Surname(s) or last name(s).']],
  ['middle_name', ['Middle name', 'OIDC Core 5.1', 'Middle name(s).']],
  ['nickname', ['Nickname', 'OIDC Core 5.1', 'A casual name, which may differ from the given name.']],
  ['preferred_username', ['Preferred username', 'OIDC Core 5.1', 'The name the user likes to be called; not unique and not stable: never a key (OIDC Core 5.7).']],
  ['profile', ['Profile page', 'OIDC Core 5.1', "URL of the user's profile page."]],
  ['picture', ['Picture', 'OIDC Core 5.1', "URL of the user's profile picture."]],
  ['website', ['Website', 'OIDC Core 5.1', "URL of the user's web page or blog."]],
  ['email', ['Email', 'OIDC Core 5.1', "The user's preferred email address; not unique and not stable: never a key (OIDC Core 5.7)."]],
  ['email_verified', ['Email verified', 'OIDC Core 5.1', 'Whether the provider took steps to check that the email address belongs to the user.']],
  ['gender', ['Gender', 'OIDC Core 5.1', "The user's gender: female, male, or another value."]],
  ['birthdate', ['Birthdate', 'OIDC Core 5.1', 'Birthday as YYYY-MM-DD (or YYYY, or 0000-MM-DD).']],
  ['zoneinfo', ['Time zone', 'OIDC Core 5.1', 'A zoneinfo time zone, e.g. Europe/Paris.']],
  ['locale', ['Locale', 'OIDC Core 5.1', 'A BCP 47 language tag, e.g. en-US.']],
  ['phone_number', ['Phone number', 'OIDC Core 5.1', "The user's preferred telephone number, E.164 recommended."]],
  ['phone_number_verified', ['Phone number verified', 'OIDC Core 5.1', 'Whether the provider took steps to check that the phone number belongs to the user.']],
  ['address', ['Postal address', 'OIDC Core 5.1.1', 'A JSON object: formatted, street_address, locality, region, postal_code, country.']],
  ['updated_at', ['Updated at', 'OIDC Core 5.1', "When the user's information was last updated."]],
  ['client_id', ['Client ID', 'RFC 9068 2.2', 'The client the access token was issued to (also RFC 8693 4.3).']],
  ['scope', ['Scope', 'RFC 9068 2.2.3', 'The scopes granted, separated by spaces (RFC 8693 4.2).']],
  ['groups', ['Groups', 'RFC 9068 2.2.3.1', 'Groups the user belongs to (SCIM, RFC 7643 4.1.2).']],
  ['roles', ['Roles', 'RFC 9068 2.2.3.1', "The user's roles (SCIM, RFC 7643 4.1.2)."]],
  ['entitlements', ['Entitlements', 'RFC 9068 2.2.3.1', "The user's entitlements (SCIM, RFC 7643 4.1.2)."]],
  ['cnf', ['Confirmation', 'RFC 7800 3.1', 'The key the token is bound to: only its holder may use it (jkt: a DPoP key, RFC 9449 6.1; x5t#S256: a client certificate, RFC 8705 3.1).']],
  ['act', ['Actor', 'RFC 8693 4.1', 'Who is acting on behalf of the subject (delegation); a nested act names earlier actors.']],
  ['may_act', ['May act', 'RFC 8693 4.4', 'Who is allowed to act on behalf of the subject.']],
  ['htm', ['HTTP method', 'RFC 9449 4.2', 'The method of the request this DPoP proof is for.']],
  ['htu', ['HTTP URI', 'RFC 9449 4.2', 'The URL of the request this DPoP proof is for, without query and fragment.']],
  ['ath', ['Access token hash', 'RFC 9449 4.2', 'base64url SHA-256 of the access token this DPoP proof goes with.']],
]);

/** How each time claim reads before and after its moment ('expires in 4 min', 'expired 3 h ago'). */
const TIME_VERBS: Record<string, [future: string, past: string]> = {
  exp: ['expires', 'expired'],
  nbf: ['becomes valid', 'became valid'],
  iat: ['issued', 'issued'],
  auth_time: ['authenticated', 'authenticated'],
  updated_at: ['updated', 'updated'],
};

// Claims come from a stranger's token: never JSON.stringify them whole (a 20,000-deep value overflows it).
const str = (v: unknown): string => jsonOrNote(v);

function timeDisplay(name: string, value: unknown, nowMs: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not a NumericDate (a JSON number of seconds since 1970, RFC 7519 2)';
  const date = utcDate(value);
  if (date === undefined) return 'a number too large to be a date (NumericDate is in seconds, not milliseconds: RFC 7519 2)';
  const [future, past] = TIME_VERBS[name] ?? ['', ''];
  const rel = relativeTime(value, nowMs);
  return `${date} (${rel.endsWith(' ago') ? past : future} ${rel})`;
}

/** RFC 8693 4.1: the outermost act is the current actor, nested ones act before it. A loop, capped: the chain is the token's. */
function actors(v: unknown): string[] {
  const out: string[] = [];
  for (let a = v; isObject(a); a = a.act) {
    if (out.length === JSON_MAX_DEPTH) return [...out, '(more, nested too deep to show)'];
    out.push(str(a.sub ?? '(no sub)'));
  }
  return out;
}

function otherDisplay(name: string, v: unknown): string | undefined {
  if (name === 'email_verified' || name === 'phone_number_verified') return typeof v === 'boolean' ? (v ? 'yes' : 'no') : 'not a JSON boolean (OIDC Core 5.1)';
  if ((name === 'aud' || name === 'amr') && Array.isArray(v)) return v.map(str).join(', ');
  if (name === 'cnf' && isObject(v)) {
    if (typeof v.jkt === 'string') return `bound to the DPoP key with SHA-256 thumbprint ${v.jkt} (RFC 9449 6.1)`;
    if (typeof v['x5t#S256'] === 'string') return `bound to the client certificate with SHA-256 thumbprint ${v['x5t#S256']} (RFC 8705 3.1)`;
    if (v.jwk !== undefined) return 'bound to the key given in full (RFC 7800 3.2)';
  }
  if (name === 'act' && isObject(v)) {
    const [now, ...before] = actors(v);
    return `${now} acts for the subject${before.length ? `; earlier actors: ${before.join(', ')}` : ''}`;
  }
  if (name === 'may_act' && isObject(v)) return `${str(v.sub ?? '(no sub)')} may act for the subject`;
  if (name === 'address' && isObject(v)) {
    if (typeof v.formatted === 'string') return v.formatted;
    const parts = ['street_address', 'locality', 'region', 'postal_code', 'country'].map((k) => v[k]).filter((p) => typeof p === 'string');
    return parts.length ? parts.join(', ') : undefined;
  }
  return undefined;
}

const UNKNOWN = (name: string): Entry => [name, 'RFC 7519 4.2, 4.3', 'Not a claim this tool knows: a provider-specific (private or public) claim.'];

/** Any claim name: the known ones get their meaning and clause, the rest a plain fallback. */
export function explainClaim(name: string, value: unknown, nowMs: number = Date.now()): ClaimExplanation {
  const [label, clause, description] = CLAIMS.get(name) ?? UNKNOWN(name);
  // Too deep or too large: said so, and nothing reads the value further (fault-cases.md 32).
  const fit = fitJson(value);
  if (!fit.fits) return { label, description, clause, display: fit.text, tooBig: true };
  if (!CLAIMS.has(name)) return { label, description, clause };
  const display = Object.hasOwn(TIME_VERBS, name) ? timeDisplay(name, value, nowMs) : otherDisplay(name, value);
  return display === undefined ? { label, description, clause } : { label, description, clause, display };
}
