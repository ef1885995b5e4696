/**
 * Turns the one manifest source (manifest.json) into a browser's manifest.
 *
 * Chrome MV3 wants `background.service_worker`; Firefox MV3 wants `background.scripts` and a
 * `browser_specific_settings.gecko.id`. Each browser warns about the other's keys, so each gets only
 * its own. The version always comes from package.json so the two builds and the store zips agree.
 */
export type Browser = 'chrome' | 'firefox';

export interface ManifestOptions {
  browser: Browser;
  version: string;
  /** Test builds are granted loopback hosts up front: a native permission prompt cannot be clicked in a test. */
  test: boolean;
  /** The deep-capture build (Chrome only): chrome.debugger, which Chrome cannot grant optionally. */
  deep?: boolean;
}

type Json = Record<string, unknown>;

/** Loopback origins the test build holds without asking. Match patterns without a port match every port. */
export const TEST_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];
// downloads: its prompt ('Manage your downloads') is shown even headless, and no test can click it (issue 13's Download).
export const TEST_PERMISSIONS = ['identity', 'scripting', 'downloads'];
/** Firefox reads response bodies with webRequest.filterResponseData, which needs both (MV3, Firefox 110+). */
export const FIREFOX_PERMISSIONS = ['webRequestBlocking', 'webRequestFilterResponse'];

const addPermissions = (m: Json, more: string[]) => {
  m.permissions = [...new Set([...((m.permissions as string[] | undefined) ?? []), ...more])];
};

export function buildManifest(source: Json, opts: ManifestOptions): Json {
  const m: Json = structuredClone(source);
  m.version = opts.version;
  const background = m.background as { service_worker: string; type?: string };
  if (opts.browser === 'chrome') {
    delete m.browser_specific_settings;
    if (opts.deep) {
      addPermissions(m, ['debugger']);
      m.name = `${String(m.name)} (deep capture)`;
    }
  } else {
    if (opts.deep) throw new Error('deep capture is a Chrome build');
    addPermissions(m, FIREFOX_PERMISSIONS);
    m.background = { scripts: [background.service_worker], type: background.type ?? 'module' };
    delete m.minimum_chrome_version;
    // Firefox does not accept "identity" as an optional permission (web-ext lint:
    // MANIFEST_OPTIONAL_PERMISSIONS); there it is a plain permission, which shows no install prompt.
    const optional = (m.optional_permissions as string[] | undefined) ?? [];
    if (optional.includes('identity')) {
      addPermissions(m, ['identity']);
      m.optional_permissions = optional.filter((p) => p !== 'identity');
      if ((m.optional_permissions as string[]).length === 0) delete m.optional_permissions;
    }
  }
  if (opts.test) {
    const hosts = new Set([...((m.host_permissions as string[] | undefined) ?? []), ...TEST_HOSTS]);
    m.host_permissions = [...hosts];
    // The identity, scripting and downloads prompts cannot be clicked in a test either: the test build holds them up front.
    addPermissions(m, TEST_PERMISSIONS);
    m.optional_permissions = ((m.optional_permissions as string[] | undefined) ?? []).filter((p) => !TEST_PERMISSIONS.includes(p));
    if ((m.optional_permissions as string[]).length === 0) delete m.optional_permissions;
  }
  return m;
}
