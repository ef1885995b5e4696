// Drives oidc-provider's devInteractions pages (login, then consent) over plain HTTP, so node tests
// can finish an authorization request without a browser. Cookies are carried by hand.

/** A minimal cookie jar: one value per name, all sent everywhere (oidc-provider's names don't clash). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k = '', v = ''] = a.trim().split('=');
        if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface HtmlForm { action: string; method: string; fields: Record<string, string> }

const unescapeHtml = (s: string) => s
  .replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return m ? unescapeHtml(m[1] ?? '') : undefined;
};

/** The first <form> of a page: absolute action URL, method, and named inputs with their values. */
export function parseForm(html: string, pageUrl: string): HtmlForm | undefined {
  const m = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!m) return undefined;
  const [, openTag = '', inner = ''] = m;
  const fields: Record<string, string> = {};
  for (const [input] of inner.matchAll(/<input\b[^>]*>/gi)) {
    const name = attr(input, 'name');
    if (name) fields[name] = attr(input, 'value') ?? '';
  }
  return {
    action: new URL(attr(openTag, 'action') ?? pageUrl, pageUrl).href,
    method: (attr(openTag, 'method') ?? 'get').toLowerCase(),
    fields,
  };
}

export interface LoginOptions {
  /**
   * The redirect_uri: stop (without requesting it) at the first redirect that starts with it.
   * Omit it for the device flow (RFC 8628): then the first page without a form ends the drive.
   */
  redirectUri?: string;
  login?: string;
  password?: string;
  /** Device flow: typed into an empty user_code field (verification_uri_complete pre-fills it). */
  userCode?: string;
  jar?: CookieJar;
  /** Called with every page and form visited, for assertions on the interaction pages. */
  onPage?: (url: string, html: string, form: HtmlForm) => void;
}

/**
 * Follows an authorization request through login and consent and returns the final redirect
 * (the redirect_uri with code/state/iss in the query, or tokens in the fragment), unfetched.
 * In the device flow it submits the user-code and confirm pages too and returns the success page URL.
 */
export async function driveLogin(authorizationUrl: string, opts: LoginOptions): Promise<string> {
  const jar = opts.jar ?? new CookieJar();
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url).href;
      if (opts.redirectUri && next.startsWith(opts.redirectUri)) return next;
      url = next;
      init = {};
      continue;
    }
    const body = await res.text();
    const form = res.ok ? parseForm(body, url) : undefined;
    if (!form && res.ok && !opts.redirectUri) return url;
    if (!form) throw new Error(`unexpected ${res.status} at ${url}: ${body.slice(0, 500)}`);
    opts.onPage?.(url, body, form);
    if (form.method !== 'post') throw new Error(`unexpected ${form.method} form at ${url}`);
    // Login page: prompt=login + login + password; consent page: prompt=consent only.
    if ('login' in form.fields) form.fields.login = opts.login ?? 'alice';
    if ('password' in form.fields) form.fields.password = opts.password ?? 'any-password';
    if (form.fields.user_code === '' && opts.userCode) form.fields.user_code = opts.userCode;
    url = form.action;
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
    };
  }
  throw new Error('too many steps before reaching the redirect_uri');
}
