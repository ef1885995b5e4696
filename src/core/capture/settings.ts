/**
 * The recorder's options and the site rules they carry.
 *
 * Recording is on from install (issue 4: a person who opens the panel after a login must find that
 * login). Deny wins over allow; an empty allow list means every site. A rule is a host ("example.com",
 * which also covers its subdomains), a wildcard host ("*.example.com", subdomains only), a host with a
 * port ("127.0.0.1:9400"), or an origin ("https://app.example.com").
 */
export interface CaptureSettings {
  recording: boolean;
  allow: string[];
  deny: string[];
  /** How many captured flows are kept; the oldest go first. */
  ringSize: number;
  /** Keep captured flows (and the tokens in them) in storage.local, across browser restarts. */
  keepCaptures: boolean;
  /** Origins where the opt-in page script reads the page's own fetch/XHR token calls. */
  pageScriptSites: string[];
}

export const RING_MIN = 10;
export const RING_MAX = 1000;

export function defaultCaptureSettings(): CaptureSettings {
  return { recording: true, allow: [], deny: [], ringSize: 100, keepCaptures: false, pageScriptSites: [] };
}

const MAX_RULES = 200;

/** A rule as typed, trimmed and lower-cased; undefined when it cannot match anything. */
export function normalizeRule(input: string): string | undefined {
  const s = input.trim().toLowerCase().replace(/\/+$/, '');
  if (!s || s.length > 300) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) {
    try {
      const u = new URL(s);
      return u.origin === 'null' ? undefined : u.origin;
    } catch {
      return undefined;
    }
  }
  return /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/.test(s) || /^\[[0-9a-f:]+\](:\d{1,5})?$/.test(s) ? s : undefined;
}

/** True when the URL's site falls under the rule. */
export function ruleMatches(rule: string, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (rule.includes('://')) return u.origin === rule;
  if (rule.startsWith('*.')) return u.hostname.endsWith(rule.slice(1));
  if (/:\d+$/.test(rule) && !rule.startsWith('[')) return u.host === rule;
  if (rule.startsWith('[')) return u.host === rule || u.hostname === rule;
  return u.hostname === rule || u.hostname.endsWith(`.${rule}`);
}

/**
 * Whether a request may be recorded. Both the page that made it and the request's own URL are checked:
 * denying a site hides its flows wherever the provider lives, and denying a provider hides its traffic.
 */
export function siteAllowed(s: Pick<CaptureSettings, 'allow' | 'deny'>, urls: (string | undefined)[]): boolean {
  const present = urls.filter((u): u is string => !!u);
  if (s.deny.some((r) => present.some((u) => ruleMatches(r, u)))) return false;
  if (s.allow.length === 0) return true;
  return s.allow.some((r) => present.some((u) => ruleMatches(r, u)));
}

/** Anything stored or sent, made into valid settings; unknown fields dropped, bad rules left out. */
export function normalizeCaptureSettings(raw: unknown): CaptureSettings {
  const d = defaultCaptureSettings();
  if (typeof raw !== 'object' || raw === null) return d;
  const r = raw as Record<string, unknown>;
  const rules = (v: unknown): string[] =>
    Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string').map(normalizeRule).filter((x): x is string => !!x))].slice(0, MAX_RULES) : [];
  const origins = (v: unknown): string[] => rules(v).filter((x) => /^https?:\/\//.test(x));
  const ring = typeof r.ringSize === 'number' && Number.isFinite(r.ringSize) ? Math.round(r.ringSize) : d.ringSize;
  return {
    recording: typeof r.recording === 'boolean' ? r.recording : d.recording,
    allow: rules(r.allow),
    deny: rules(r.deny),
    ringSize: Math.min(RING_MAX, Math.max(RING_MIN, ring)),
    keepCaptures: r.keepCaptures === true,
    pageScriptSites: origins(r.pageScriptSites),
  };
}
