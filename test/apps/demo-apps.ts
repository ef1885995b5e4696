/**
 * The demo provider together with the two loopback apps that sign in against it by themselves (issue 4).
 * The provider must know the apps' origins (their clients' redirect_uris) and the apps must know the
 * issuer, so: fix the provider's port first (reserving a free one when none is given), start the apps
 * on their own ports with that issuer (they fetch discovery only when first used), then the provider.
 */
import { createServer } from 'node:net';
import { startDemoProvider, SPA_CLIENT_ID, WEBAPP_CLIENT_ID, type DemoProvider, type DemoProviderOptions } from '../provider/demo-provider';
import type { RunningApp } from './listen';
import { startServerApp } from './server-app';
import { startSpa } from './spa';

/** Where `npm start` and `npm run demo` run the apps, next to the provider's 9400. */
export const DEMO_SPA_PORT = 9401;
export const DEMO_WEBAPP_PORT = 9402;

export interface DemoWithApps {
  provider: DemoProvider;
  /** The single-page app (client grantscope-spa). */
  spa: RunningApp;
  /** The server-side web app (client grantscope-webapp). */
  webapp: RunningApp;
  close(): Promise<void>;
}

export interface DemoWithAppsOptions {
  /** The provider's port; 0 or absent: a free one. */
  port?: number;
  spaPort?: number;
  webappPort?: number;
  /** Anything else for the provider (extraRedirectUris, dpopNonce, ...). */
  provider?: Omit<DemoProviderOptions, 'port' | 'host' | 'apps'>;
}

/** A port free right now on 127.0.0.1 (the kernel's pick). Another process could take it before we bind. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const closeAll = async (apps: (RunningApp | undefined)[]) => {
  await Promise.all(apps.map((a) => a?.close().catch(() => undefined)));
};

async function attempt(port: number, opts: DemoWithAppsOptions): Promise<DemoWithApps> {
  const issuer = `http://127.0.0.1:${port}`;
  let spa: RunningApp | undefined;
  let webapp: RunningApp | undefined;
  try {
    spa = await startSpa({ issuer, port: opts.spaPort ?? 0 });
    webapp = await startServerApp({ issuer, port: opts.webappPort ?? 0 });
    const provider = await startDemoProvider({ ...opts.provider, port, apps: { spaOrigin: spa.origin, webOrigin: webapp.origin } });
    const running = { spa, webapp };
    return {
      provider,
      ...running,
      close: async () => {
        await closeAll([running.spa, running.webapp]);
        await provider.close();
      },
    };
  } catch (err) {
    await closeAll([spa, webapp]);
    throw err;
  }
}

const inUse = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';

/** Starts the demo provider with clients grantscope-spa and grantscope-webapp, and both apps. */
export async function startDemoWithApps(opts: DemoWithAppsOptions = {}): Promise<DemoWithApps> {
  if (opts.port) return attempt(opts.port, opts);
  // A reserved port can be taken before the provider binds it: pick another and try again.
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(await freePort(), opts);
    } catch (err) {
      if (!inUse(err) || tries >= 5) throw err;
    }
  }
}

/**
 * Starts the apps for a provider that was started with `apps` origins of its own choosing: each app
 * listens on the port of its client's registered redirect_uri.
 */
export async function startAppsFor(provider: DemoProvider): Promise<{ spa: RunningApp; webapp: RunningApp; close(): Promise<void> }> {
  const portOf = (clientId: string) => {
    const uri = provider.clients.find((c) => c.id === clientId)?.redirectUri;
    if (!uri) throw new Error(`the provider has no ${clientId} client: start it with the apps option`);
    return Number(new URL(uri).port);
  };
  const spa = await startSpa({ issuer: provider.issuer, port: portOf(SPA_CLIENT_ID) });
  const webapp = await startServerApp({ issuer: provider.issuer, port: portOf(WEBAPP_CLIENT_ID) }).catch(async (err: unknown) => {
    await spa.close();
    throw err;
  });
  return { spa, webapp, close: () => closeAll([spa, webapp]) };
}
