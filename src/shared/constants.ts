/** Constants shared by the background and the pages. */
import type { ClientProfile } from '../core/flow';

/** Where `npm start` / `npm run demo` runs the demo provider (test/provider/cli.ts). */
export const DEMO_PORT = 9400;
export const DEMO_ISSUER = `http://127.0.0.1:${DEMO_PORT}`;

/** The demo provider's public client (PKCE, rotating refresh tokens), offered as a ready profile. */
export function demoProfile(issuer = DEMO_ISSUER): ClientProfile {
  return {
    id: 'demo-public',
    name: 'Demo provider: public client',
    issuer,
    clientId: 'grantscope-public',
    redirectUri: `${issuer}/app/callback`,
    scope: 'openid profile email offline_access',
  };
}

/** Extension pages allowed to talk to the background (src/background/sender.ts). */
export const EXTENSION_PAGES = ['/popup.html', '/panel.html', '/devtools.html'];

/** Token endpoint answers slower than this are given up (the worker may be stopped at 30 s anyway). */
export const TOKEN_TIMEOUT_MS = 25_000;

/** Flows kept in storage; the oldest go first. */
export const MAX_FLOWS = 200;

/** Test build only: a storage.session key that holds a flow between callback and redemption. */
export const TEST_PAUSE_KEY = 'test:pauseBeforeRedeem';
