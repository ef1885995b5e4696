import { describe, expect, it } from 'vitest';
import source from '../manifest.json' with { type: 'json' };
import { buildManifest } from './manifest';

describe('buildManifest', () => {
  it('gives Chrome a module service worker and no gecko settings', () => {
    const m = buildManifest(source, { browser: 'chrome', version: '1.2.3', test: false });
    expect(m.version).toBe('1.2.3');
    expect(m.background).toEqual({ service_worker: 'background.js', type: 'module' });
    expect(m.browser_specific_settings).toBeUndefined();
    expect(m.host_permissions).toBeUndefined();
  });

  it('gives Firefox background scripts, a gecko id and no Chrome-only keys', () => {
    const m = buildManifest(source, { browser: 'firefox', version: '1.2.3', test: false });
    expect(m.background).toEqual({ scripts: ['background.js'], type: 'module' });
    expect((m.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe('grantscope@grantscope.dev');
    expect(m.minimum_chrome_version).toBeUndefined();
    // Firefox refuses identity as optional; it is a plain permission there.
    expect(m.permissions).toContain('identity');
    expect(m.optional_permissions).toBeUndefined();
  });

  it('keeps identity optional in Chrome', () => {
    const m = buildManifest(source, { browser: 'chrome', version: '1.0.0', test: false });
    expect(m.optional_permissions).toEqual(['identity']);
    expect(m.permissions).not.toContain('identity');
  });

  it('grants loopback hosts only to the test build', () => {
    const m = buildManifest(source, { browser: 'chrome', version: '1.0.0', test: true });
    expect(m.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    expect(m.permissions).toContain('identity');
    expect(m.optional_permissions).not.toContain('identity');
    expect(source).not.toHaveProperty('host_permissions');
    expect(source.permissions).not.toContain('identity');
  });
});
