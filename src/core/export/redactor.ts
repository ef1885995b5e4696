/**
 * One Redactor per export (issue 13): decides what is secret by the same rule that masks values on
 * screen (isSecretName, and redact.ts's patterns: Bearer/Basic/DPoP credentials, JWTs, secret-named
 * pairs in URLs, fragments and forms, secret-named JSON members, passwords in userinfo, cookies) and
 * replaces each secret with a placeholder that keeps meaning (placeholder.ts): the same value gets the
 * same placeholder everywhere in the export. Off (`enabled: false`) returns everything as it is; the
 * export then says so at its top.
 *
 * Named-value rule first: a value under a secret name is a secret, whatever it looks like. Values under
 * other names are scanned: a JWT is kept decoded with its signature removed; a nested query's secret
 * pairs are replaced where they stand. Free text (an error page, a header value) goes last through
 * redactText as a safety net, whose `[redacted]` cannot be tied to a value but leaks nothing.
 */
import { base64url } from 'jose';
import { parseJsonBounded } from '../json-bounds';
import { isSecretName, looksLikeJwt, redactText, redactValue } from '../redact';
import { hashIndex, isRedacted, OPEN, placeholderText, SIG_REMOVED, splitProtected } from './placeholder';

/** Claims that name a person (OIDC Core 5.1), redacted too when asked for. */
export const PERSONAL_CLAIMS: readonly string[] = ['email', 'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'phone_number', 'address', 'birthdate', 'picture', 'profile', 'website'];

export interface RedactorOptions {
  /** False: nothing is redacted (a deliberate choice, stated at the top of the export). Default true. */
  enabled?: boolean;
  /** Also redact claims that name a person: true for PERSONAL_CLAIMS, or a list of claim names. */
  claims?: boolean | readonly string[];
}

const b64url = (s: string) => base64url.encode(s);
const fromB64url = (s: string) => new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(s));

/** Shorter known values are not swept: "true", a 4-digit code would hit ordinary words and numbers. */
const KNOWN_MIN = 8;
const PAIR = /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,256})=([^&\s;,"'#<>‹›]+)/g;
const AUTH_SCHEME = /\b(Bearer|Basic|DPoP)[ \t]+([A-Za-z0-9\-._~+/]+=*)/gi;
const JWT = /(?<![A-Za-z0-9_-])ey[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){2,4}/g;
const USERINFO = /(\/\/[^/\s:@]{1,256}:)([^@\s/‹›]{1,1024})@/g;

export class Redactor {
  readonly enabled: boolean;
  private readonly claims: ReadonlySet<string>;
  private readonly byValue = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  /** The known-value sweep (known()), rebuilt when byValue grows. */
  private sweep?: { size: number; re: RegExp | undefined };

  constructor(opts: RedactorOptions = {}) {
    this.enabled = opts.enabled !== false;
    this.claims = new Set(opts.claims === true ? PERSONAL_CLAIMS : Array.isArray(opts.claims) ? opts.claims : []);
  }

  /** A claim name the person asked to redact (email, name, ...). */
  isPersonal(name: string): boolean {
    // login_hint is where an app sends the person's email or phone number (OIDC Core 3.1.2.1), and a
    // password grant's username is the person's login (RFC 6749 4.3.2): asked to hide who logged in, they go too.
    return this.claims.has(name) || (this.claims.size > 0 && (name === 'login_hint' || name === 'username'));
  }

  /**
   * A secret value already seen under a secret name, found again inside text under any other name (a
   * token copied into a check's evidence, a custom parameter holding the refresh token): the same
   * placeholder. Callers walk a flow once first (redact-flow.ts) so later values are known too.
   */
  known(t: string): string {
    if (this.byValue.size === 0 || t.length < KNOWN_MIN) return t;
    if (this.sweep?.size !== this.byValue.size) {
      const keys = [...this.byValue.keys()].filter((k) => k.length >= KNOWN_MIN && k.length <= 16_384).sort((a, b) => b.length - a.length);
      this.sweep = { size: this.byValue.size, re: keys.length ? new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : undefined };
    }
    const re = this.sweep.re;
    if (!re) return t;
    return splitProtected(t)
      .map((p) => (p.keep ? p.text : p.text.replace(re, (m) => this.byValue.get(m) ?? m)))
      .join('');
  }

  /** The placeholder for a secret value seen under `name`; the first name a value is seen under labels it. */
  secret(name: string, value: string): string {
    if (!this.enabled || value === '' || isRedacted(value)) return value;
    // A value a first export already worked on ("Bearer ‹…›"): its placeholders stay, anything else
    // in it but a scheme word or separator is a secret of its own (a hostile value may mimic one).
    if (value.includes(OPEN)) {
      return splitProtected(value)
        .map((p) => (p.keep || /^[\s,;]*(?:Bearer|Basic|DPoP)?[\s,;]*$/i.test(p.text) ? p.text : this.fresh(name, p.text)))
        .join('');
    }
    return this.fresh(name, value);
  }

  /** A placeholder for a value not yet seen (or the one it already has). */
  private fresh(name: string, value: string): string {
    const known = this.byValue.get(value);
    if (known) return known;
    const label = labelOf(name);
    if (looksLikeJwt(value) && value.split('.').length === 3) return this.jwt(label, value);
    const n = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, n);
    const p = placeholderText(label, n, value);
    this.byValue.set(value, p);
    return p;
  }

  /** A JWS keeps its header and claims (secret-named and asked-for claims redacted) and loses its signature. */
  private jwt(label: string, value: string): string {
    const [h, p] = value.split('.');
    const n = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, n);
    let payload = p!;
    try {
      const claims: unknown = JSON.parse(fromB64url(p!));
      if (claims && typeof claims === 'object' && !Array.isArray(claims)) payload = b64url(JSON.stringify(this.json(claims)));
    } catch {
      // Not JSON inside: the payload is kept as sent, it was never a secret on its own.
    }
    const out = `${h}.${payload}.${placeholderText(SIG_REMOVED + label, n, value)}`;
    this.byValue.set(value, out);
    return out;
  }

  /** Any string under a name the rule does not call secret: JWTs, nested secrets, credentials in it. */
  scan(value: string, name = 'value'): string {
    if (!this.enabled || value === '') return value;
    if (looksLikeJwt(value)) return this.secret(name === 'value' ? 'jwt' : name, value);
    return splitProtected(this.known(value))
      .map((part) => (part.keep ? part.text : this.scanPart(part.text)))
      .join('');
  }

  private scanPart(t: string): string {
    return t
      .replace(JWT, (m) => this.secret('jwt', m))
      .replace(AUTH_SCHEME, (_m, scheme: string, cred: string) => `${scheme} ${this.secret(schemeLabel(scheme), cred)}`)
      .replace(USERINFO, (_m, h: string, pw: string) => `${h}${this.secret('password', pw)}@`)
      .replace(PAIR, (m, name: string, v: string) => (isSecretName(name) ? `${name}=${this.secret(name, v)}` : m));
  }

  /** A value under `name`: secret by name, personal claim by choice, else scanned. */
  named(name: string, value: string): string {
    if (!this.enabled) return value;
    if (isSecretName(name) || this.isPersonal(name)) return this.secret(name, value);
    // Too short to hold a JWT, a credential after a scheme or a secret pair: nothing to scan (and a
    // form of 65,000 one-letter pairs stays cheap).
    if (value.length < 8 && !value.includes('=')) return value;
    const scanned = this.scan(value, name);
    // A value the on-screen rule masks for what it holds once decoded (redirect_uri=…%3Fcode%3D…).
    return scanned === value && redactValue(value) !== value ? this.secret(name, value) : scanned;
  }

  /** `a=1&b=2` (a query, a fragment, a form body) with each pair judged by its name. */
  pairs(s: string): string {
    if (!this.enabled) return s;
    return s
      .split('&')
      .map((part) => {
        const eq = part.indexOf('=');
        // A part with no name (?eyJ…, a bare token in a form): scanned for JWTs and known secrets.
        if (eq < 0) {
          if (part.length < KNOWN_MIN) return part;
          const decoded = decodeValue(part);
          const out = this.scan(decoded);
          return out === decoded ? part : out;
        }
        const raw = part.slice(0, eq);
        const name = decodeName(raw);
        const bare = name.slice(Math.max(name.lastIndexOf('?'), name.lastIndexOf('/')) + 1);
        const v = part.slice(eq + 1);
        const decoded = decodeValue(v);
        const out = this.named(bare, decoded);
        return out === decoded ? part : `${raw}=${out}`;
      })
      .join('&');
  }

  /** A URL: userinfo password, query and fragment pairs, JWT path segments. What was sent stays as written. */
  url(url: string): string {
    if (!this.enabled) return url;
    const hash = hashIndex(url);
    const before = hash < 0 ? url : url.slice(0, hash);
    const q = before.indexOf('?');
    const base = (q < 0 ? before : before.slice(0, q)).replace(USERINFO, (_m, h: string, pw: string) => `${h}${this.secret('password', pw)}@`);
    let out = base.split('/').map((seg) => (looksLikeJwt(seg) ? this.secret('jwt', seg) : this.known(seg))).join('/');
    if (q >= 0) out += `?${this.pairs(before.slice(q + 1))}`;
    if (hash >= 0) {
      const frag = url.slice(hash + 1);
      out += `#${frag.includes('=') ? this.pairs(frag) : this.fragment(frag)}`;
    }
    return out;
  }

  /** A fragment with no pairs: a JWT, or JSON an app put there (#{"access_token":…}, percent-encoded). */
  private fragment(frag: string): string {
    const d = decodeValue(frag);
    if (!d.trimStart().startsWith('{')) return this.scan(frag);
    const red = this.body(d);
    return red === d ? frag : red;
  }

  /** One header: secret-named ones keep their scheme or cookie names; others are scanned as text. */
  header(name: string, value: string): string {
    if (!this.enabled) return value;
    const lower = name.toLowerCase();
    if (lower === 'cookie') return value.split(/;\s*/).map((c) => cookiePair(c, (n, v) => `${n}=${this.secret(`cookie ${n}`, v)}`)).join('; ');
    if (lower === 'set-cookie') {
      // Several Set-Cookie headers reach us joined by newlines (Chrome's webRequest and HAR do so):
      // each line is a cookie of its own, not attributes of the first.
      return value
        .split('\n')
        .map((line) => {
          const [first, ...attrs] = line.split(';');
          return [cookiePair(first!.trim(), (n, v) => `${n}=${this.secret(`cookie ${n}`, v)}`), ...attrs].join(';');
        })
        .join('\n');
    }
    if (isSecretName(name)) {
      const m = /^(Bearer|Basic|DPoP)([ \t]+)(\S.*)$/i.exec(value);
      return m ? `${m[1]}${m[2]}${this.secret(schemeLabel(m[1]!), m[3]!)}` : this.secret(labelOf(name), value);
    }
    return this.text(value);
  }

  headers(h: Readonly<Record<string, string>>): Record<string, string> {
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, this.header(k, v)]));
  }

  /** A JSON value walked by member name: secret names and asked-for claims become placeholders. */
  json(v: unknown, name = 'value', depth = 0): unknown {
    if (typeof v === 'string') return this.named(name, v);
    if (typeof v === 'number' && (isSecretName(name) || this.isPersonal(name))) return this.secret(name, String(v));
    if (typeof v !== 'object' || v === null || depth > 64) return v;
    if (Array.isArray(v)) return v.map((x) => this.json(x, name, depth + 1));
    const jwk = isJwk(v);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jwk && JWK_PRIVATE.has(k) ? this.jwkPrivate(k, x) : this.json(x, k, depth + 1)]));
  }

  /** A JWK private member: a string, or 'oth' (RFC 7518 6.3.2.7), a list of {r, d, t}, every one of them private. */
  private jwkPrivate(k: string, x: unknown): unknown {
    if (typeof x === 'string') return this.secret(`jwk ${k}`, x);
    if (!Array.isArray(x)) return x;
    return x.map((o: unknown) => (o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).map(([m, y]) => [m, typeof y === 'string' ? this.secret(`jwk ${k} ${m}`, y) : y])) : o));
  }

  /** A body: JSON walked by name, a form by its pairs, anything else as free text. */
  body(text: string): string {
    if (!this.enabled || text === '') return text;
    const t = text.trimStart();
    if (t.startsWith('{') || t.startsWith('[')) {
      const parsed = parseJsonBounded(text, 'the body', { maxChars: 1024 * 1024 });
      if (parsed.ok) return JSON.stringify(this.json(parsed.value));
    }
    if (/^[^\s<>{}]+=[^\s<>]*$/.test(text.slice(0, 64 * 1024)) && text.length <= 1024 * 1024) return this.pairs(text);
    return this.text(text);
  }

  /** Free text: stable placeholders where a pattern names the secret, then redactText as a safety net. */
  text(value: string): string {
    if (!this.enabled) return value;
    return splitProtected(this.scan(value))
      .map((p) => (p.keep ? p.text : redactText(p.text, 1024 * 1024)))
      .join('');
  }
}

/**
 * A JWK's private members (RFC 7518 6.2.2, 6.3.2, 6.4.1): 'd', 'k' and the CRT values are named like
 * nothing secret, but are the key itself (a provider that publishes its private key in jwks_uri, a
 * private_key_jwt or DPoP key in a file).
 */
export const JWK_PRIVATE: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth']);
export const isJwk = (v: object): boolean => typeof (v as { kty?: unknown }).kty === 'string';

/** "refresh_token" stays; "X-Api-Key" -> "x-api-key": short, lower case, nothing a placeholder uses. */
function labelOf(name: string): string {
  const s = name.slice(0, 60).replace(/[‹›#\n\r,:]/g, '_').trim().toLowerCase();
  return s === '' ? 'value' : s;
}

/** Basic carries client_id:secret (RFC 6749 2.3.1); Bearer and DPoP carry an access token (RFC 6750, RFC 9449 7.1). */
const schemeLabel = (scheme: string) => (/^basic$/i.test(scheme) ? 'basic credentials' : 'access_token');

function cookiePair(c: string, f: (name: string, value: string) => string): string {
  const eq = c.indexOf('=');
  return eq < 0 ? c : f(c.slice(0, eq), c.slice(eq + 1));
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.slice(0, 256).replaceAll('+', ' '));
  } catch {
    return raw.slice(0, 256);
  }
}

/** The value as meant; a placeholder put in its place is written unencoded (it holds no & or =). */
function decodeValue(v: string): string {
  if (!v.includes('%') && !v.includes('+')) return v;
  try {
    return decodeURIComponent(v.replaceAll('+', ' '));
  } catch {
    return v;
  }
}
