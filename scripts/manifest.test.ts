import { describe, expect, it } from 'vitest';
import source from '../manifest.json' with { type: 'json' };
import { buildManifest } from './manifest';

const ALL_HOSTS = ['http://*/*', 'https://*/*'];

describe('buildManifest', () => {
  it('gives Chrome a module service worker, every http(s) host and no gecko settings', () => {
    const m = buildManifest(source, { browser: 'chrome', version: '1.2.3', test: false });
    expect(m.version).toBe('1.2.3');
    expect(m.background).toEqual({ service_worker: 'background.js', type: 'module' });
    expect(m.browser_specific_settings).toBeUndefined();
    expect(m.host_permissions).toEqual(ALL_HOSTS);
  });

  it('gives Firefox background scripts, a gecko id, the response filter and no Chrome-only keys', () => {
    const m = buildManifest(source, { browser: 'firefox', version: '1.2.3', test: false });
    expect(m.background).toEqual({ scripts: ['background.js'], type: 'module' });
    expect((m.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe('grantscope@grantscope.dev');
    expect(m.minimum_chrome_version).toBeUndefined();
    // Firefox refuses identity as optional; it is a plain permission there.
    expect(m.permissions).toContain('identity');
    expect(m.permissions).toEqual(expect.arrayContaining(['webRequestBlocking', 'webRequestFilterResponse']));
    expect(m.optional_permissions).toEqual(['scripting', 'downloads']);
  });

  it('keeps identity and scripting optional in Chrome, which gets no blocking webRequest', () => {
    const m = buildManifest(source, { browser: 'chrome', version: '1.0.0', test: false });
    expect(m.optional_permissions).toEqual(['identity', 'scripting', 'downloads']);
    expect(m.permissions).not.toContain('identity');
    expect(m.permissions).not.toContain('webRequestBlocking');
    expect(m.permissions).not.toContain('debugger');
    expect(m.name).toBe('Grantscope');
  });

  it('grants loopback hosts, identity, scripting and downloads only to the test build', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const m = buildManifest(source, { browser, version: '1.0.0', test: true });
      expect(m.host_permissions).toEqual([...ALL_HOSTS, 'http://127.0.0.1/*', 'http://localhost/*']);
      expect(m.permissions).toEqual(expect.arrayContaining(['identity', 'scripting', 'downloads']));
      expect(m.optional_permissions).toBeUndefined();
    }
    expect(source.host_permissions).toEqual(ALL_HOSTS);
    expect(source.permissions).not.toContain('identity');
    expect(source.permissions).not.toContain('scripting');
    expect(source.permissions).not.toContain('downloads');
  });

  it('adds debugger and a name suffix to the deep build, which is Chrome only', () => {
    const m = buildManifest(source, { browser: 'chrome', version: '1.0.0', test: false, deep: true });
    expect(m.permissions).toContain('debugger');
    expect(m.name).toBe('Grantscope (deep capture)');
    expect(m.optional_permissions).toEqual(['identity', 'scripting', 'downloads']);
    expect(() => buildManifest(source, { browser: 'firefox', version: '1.0.0', test: false, deep: true })).toThrow();
  });
});
