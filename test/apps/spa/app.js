// A single-page app that signs in by itself, as real ones do: OAuth 2.0 authorization code with PKCE
// (RFC 7636, S256) and OIDC, entirely in page JavaScript, so the extension has a real app to record
// (issue 4). Every in-flight login keeps its state, nonce and verifier in sessionStorage under its own
// key: sessionStorage is per tab, so two tabs can log in at once. Plain DOM, text only.
const STORE_LOGIN = 'grantscope-spa/login:'; // + state
const STORE_SESSION = 'grantscope-spa/session';
const SCOPE = 'openid profile email offline_access';

const el = (id) => document.querySelector(`[data-testid="${id}"]`);
const show = (id, text) => { el(id).textContent = text; };
const showError = (err) => show('error', err instanceof Error ? err.message : String(err));

const config = await fetch('/config.json').then((r) => r.json());
show('issuer', config.issuer);
show('client-id', config.clientId);

let metadata;
/** OIDC Discovery 1.0 §4; the issuer in the document must equal the one asked for (§4.3). */
async function discovery() {
  if (!metadata) {
    const res = await fetch(`${config.issuer}/.well-known/openid-configuration`);
    if (!res.ok) throw new Error(`Discovery answered HTTP ${res.status}`);
    const doc = await res.json();
    if (doc.issuer !== config.issuer) throw new Error(`Discovery names issuer ${doc.issuer}, expected ${config.issuer}`);
    metadata = doc;
  }
  return metadata;
}

const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (n = 32) => b64url(crypto.getRandomValues(new Uint8Array(n)));
const s256 = async (text) => b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

/** The authorization request; its secrets go to sessionStorage under the state's key. */
async function authorizationUrl(mode) {
  const meta = await discovery();
  const redirectUri = `${location.origin}/${mode === 'popup' ? 'popup-callback.html' : 'callback.html'}`;
  const login = { state: random(), nonce: random(), verifier: random(), redirectUri, mode };
  sessionStorage.setItem(STORE_LOGIN + login.state, JSON.stringify(login));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: SCOPE,
    state: login.state,
    nonce: login.nonce,
    code_challenge: await s256(login.verifier),
    code_challenge_method: 'S256',
    // offline_access yields a refresh token only with prompt=consent (OIDC Core §11).
    prompt: 'consent',
  }).toString();
  return url.href;
}

async function tokenRequest(params) {
  const meta = await discovery();
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...params, client_id: config.clientId }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`Token endpoint: ${body.error ?? `HTTP ${res.status}`}${body.error_description ? `: ${body.error_description}` : ''}`);
  return body;
}

/**
 * The ID token's claims, signature unchecked: it came straight from the token endpoint in the app's own
 * request, where OIDC Core §3.1.3.7 lets TLS stand in for it (this loopback demo has no TLS either).
 */
function idTokenClaims(idToken) {
  const part = idToken?.split('.')[1];
  if (!part) throw new Error('The token response has no ID token');
  return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
}

function saveSession(tokens, sub, previous) {
  const session = {
    sub,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? previous?.refreshToken,
    expiresAt: Date.now() + Number(tokens.expires_in ?? 0) * 1000,
    expiresIn: tokens.expires_in,
    refreshes: previous ? previous.refreshes + 1 : 0,
  };
  sessionStorage.setItem(STORE_SESSION, JSON.stringify(session));
  return session;
}

const loadSession = () => JSON.parse(sessionStorage.getItem(STORE_SESSION) ?? 'null');

function render(session) {
  show('status', session ? `Signed in as ${session.sub}` : 'Not signed in');
  show('expiry', session ? `Access token expires at ${new Date(session.expiresAt).toISOString()} (expires_in ${session.expiresIn} s)` : '');
  show('refreshed', session?.refreshes ? `Refreshed ${session.refreshes} time(s)` : '');
  el('refresh').disabled = !session?.refreshToken;
}

async function loadUserinfo(session) {
  const meta = await discovery();
  const res = await fetch(meta.userinfo_endpoint, { headers: { authorization: `Bearer ${session.accessToken}` } });
  if (!res.ok) throw new Error(`Userinfo answered HTTP ${res.status} ${res.headers.get('www-authenticate') ?? ''}`.trim());
  const claims = await res.json();
  if (claims.sub !== session.sub) throw new Error(`Userinfo is about ${claims.sub}, the ID token about ${session.sub}`);
  show('userinfo', JSON.stringify(claims, null, 2));
}

/** Checks the answer at the redirect_uri against the login it belongs to, then redeems the code. */
async function finishLogin(callbackUrl) {
  const q = new URL(callbackUrl).searchParams;
  const state = q.get('state') ?? '';
  const saved = sessionStorage.getItem(STORE_LOGIN + state);
  // RFC 6749 §10.12: an answer whose state this tab did not send is refused. Each state is used once.
  if (!saved) throw new Error(`No login in this tab sent state "${state}": refused`);
  sessionStorage.removeItem(STORE_LOGIN + state);
  const login = JSON.parse(saved);
  if (q.get('error')) throw new Error(`The provider answered ${q.get('error')}${q.get('error_description') ? `: ${q.get('error_description')}` : ''}`);
  // RFC 9207: where the provider sends iss, it must be ours (mix-up defence).
  if (q.has('iss') && q.get('iss') !== config.issuer) throw new Error(`The answer came from issuer ${q.get('iss')}, expected ${config.issuer}`);
  const code = q.get('code');
  if (!code) throw new Error('The answer has neither code nor error');
  const tokens = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: login.redirectUri, code_verifier: login.verifier });
  const claims = idTokenClaims(tokens.id_token);
  if (claims.nonce !== login.nonce) throw new Error('The ID token carries another nonce than the one sent');
  const session = saveSession(tokens, claims.sub);
  render(session);
  await loadUserinfo(session);
}

let popup;
let popupWatch;
function loginWithPopup() {
  // Opened synchronously, inside the click, so no popup blocker objects; the URL is set once built.
  popup = window.open('about:blank', '_blank', 'popup,width=520,height=680');
  if (!popup) throw new Error('The browser blocked the login popup');
  const opened = popup;
  clearInterval(popupWatch);
  popupWatch = setInterval(() => {
    if (!opened.closed) return;
    clearInterval(popupWatch);
    if (popup === opened) {
      popup = undefined;
      show('error', 'The login popup was closed before the login finished');
    }
  }, 500);
  authorizationUrl('popup').then((url) => { opened.location.href = url; }, (err) => { opened.close(); showError(err); });
}

window.addEventListener('message', (event) => {
  // Only our own popup, from our own origin, may hand a callback URL over.
  if (event.origin !== location.origin || !popup || event.source !== popup || event.data?.type !== 'grantscope-spa/callback') return;
  popup = undefined;
  clearInterval(popupWatch);
  finishLogin(String(event.data.url)).catch(showError);
});

el('login').addEventListener('click', () => {
  show('error', '');
  authorizationUrl('redirect').then((url) => location.assign(url), showError);
});

el('login-popup').addEventListener('click', () => {
  show('error', '');
  try {
    loginWithPopup();
  } catch (err) {
    showError(err);
  }
});

el('refresh').addEventListener('click', () => {
  show('error', '');
  const previous = loadSession();
  // Refresh tokens of public clients rotate (RFC 9700 §4.14.2): the new one replaces the old.
  tokenRequest({ grant_type: 'refresh_token', refresh_token: previous.refreshToken })
    .then((tokens) => {
      const session = saveSession(tokens, previous.sub, previous);
      render(session);
      return loadUserinfo(session);
    })
    .catch(showError);
});

// Back from a full-page login: take the answer out of the address bar, then finish.
if (location.pathname === '/callback.html' && location.search) {
  const answer = location.href;
  history.replaceState(null, '', '/');
  finishLogin(answer).catch(showError);
} else {
  render(loadSession());
  const session = loadSession();
  if (session) loadUserinfo(session).catch(showError);
}
