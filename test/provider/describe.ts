// A plain-text description of a running demo provider, for `npm run demo` and `npm start`.
import { DEMO_API, type DemoProvider } from './demo-provider';

/** Where the loopback apps (test/apps/) run, when they were started with the provider. */
export interface DemoAppUrls { spa?: string; webapp?: string }

export function describeDemo(demo: DemoProvider, apps: DemoAppUrls = {}): string {
  const shortGrant = (g: string) => g.replace('urn:ietf:params:oauth:grant-type:', '');
  const rows = demo.clients.map((c) => [c.id, c.authMethod, c.grantTypes.map(shortGrant).join(','), c.redirectUris?.join(' ') ?? c.redirectUri ?? '-', c.secret ?? '-']);
  const head = ['client_id', 'auth', 'grants', 'redirect_uri', 'secret'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return `Grantscope demo authorization server (oidc-provider)
  issuer:     ${demo.issuer}
  discovery:  ${demo.issuer}/.well-known/openid-configuration
  demo app:   ${demo.issuer}/app/  (redirect_uri ${demo.issuer}/app/callback)
${appLines(apps)}
${line(head)}
${rows.map(line).join('\n')}

grantscope-implicit response types: ${demo.clients.find((c) => c.id === 'grantscope-implicit')?.responseTypes.join(' | ')}
grantscope-pkjwt private key (ES256 JWK, fresh per start; assertion aud: the issuer or token endpoint):
  ${JSON.stringify(demo.pkjwtPrivateJwk)}
Public clients must use PKCE (S256). Resource ${DEMO_API} gets JWT access tokens (scope api:read).
Any username and password log in.`;
}

function appLines(apps: DemoAppUrls): string {
  const lines = [
    apps.spa ? `  SPA:        ${apps.spa}/  (grantscope-spa: code + PKCE in page JavaScript; "Log in" or "Log in with popup")` : '',
    apps.webapp ? `  web app:    ${apps.webapp}/  (grantscope-webapp: server-side, redeems the code itself)` : '',
  ].filter(Boolean);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
