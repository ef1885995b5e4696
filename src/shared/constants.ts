/** Constants shared by the background and the pages. */
import { type ClientProfile, type ProfileSecrets, blankProfile, defaultRequest } from '../core/profile';

/** Where `npm start` / `npm run demo` runs the demo provider (test/provider/cli.ts). */
export const DEMO_PORT = 9400;
export const DEMO_ISSUER = `http://127.0.0.1:${DEMO_PORT}`;

/**
 * The demo provider's clients (test/provider/demo-provider.ts) as ready profiles, seeded when the
 * extension is installed and no profile exists yet. The demo secrets are published values, so the
 * profiles that carry one keep it across restarts.
 */
export function demoProfiles(issuer = DEMO_ISSUER): { profile: ClientProfile; secrets?: ProfileSecrets }[] {
  const base = (id: string, name: string, clientId: string): ClientProfile => ({
    ...blankProfile(id),
    demo: true,
    name,
    issuer,
    clientId,
    redirectUri: `${issuer}/app/callback`,
    request: { ...defaultRequest(), scope: 'openid profile email offline_access' },
  });
  const implicit = base('demo-implicit', 'Demo provider: implicit / hybrid client', 'grantscope-implicit');
  implicit.request = { ...implicit.request, responseType: 'id_token token', scope: 'openid profile' };
  return [
    { profile: base('demo-public', 'Demo provider: public client', 'grantscope-public') },
    {
      profile: { ...base('demo-confidential', 'Demo provider: confidential client', 'grantscope-confidential'), authMethod: 'client_secret_basic', keepSecrets: true },
      secrets: { clientSecret: 'grantscope-demo-secret' },
    },
    { profile: implicit },
    { profile: { ...base('demo-device', 'Demo provider: device client', 'grantscope-device'), redirectUri: '' } },
    {
      profile: {
        ...base('demo-service', 'Demo provider: service (client credentials)', 'grantscope-service'),
        redirectUri: '',
        authMethod: 'client_secret_basic',
        keepSecrets: true,
        request: { ...defaultRequest(), scope: 'api:read' },
      },
      secrets: { clientSecret: 'grantscope-service-secret' },
    },
  ];
}

/** Extension pages allowed to talk to the background (src/background/sender.ts). */
export const EXTENSION_PAGES = ['/popup.html', '/panel.html', '/devtools.html'];

/** Token endpoint answers slower than this are given up (the worker may be stopped at 30 s anyway). */
export const TOKEN_TIMEOUT_MS = 25_000;

/** Flows kept in storage; the oldest go first. */
export const MAX_FLOWS = 200;

/**
 * storage.session: provider endpoints learned from discovery documents (background/known-endpoints.ts),
 * which the DevTools page reads too, so its prefilter lets them through as the recorder's does.
 */
export const KNOWN_ENDPOINTS_KEY = 'capture:known';

/** Test build only: a storage.session key that holds a flow between callback and redemption. */
export const TEST_PAUSE_KEY = 'test:pauseBeforeRedeem';

/**
 * Test build only: the DevTools page sets `${TEST_DEVTOOLS_KEY}:<tabId>` in storage.session once its
 * network listener is live for that tab (test/e2e/devtools-capture.test.ts waits for it).
 */
export const TEST_DEVTOOLS_KEY = 'test:devtoolsListening';
