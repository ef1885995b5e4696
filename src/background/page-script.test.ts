import { describe, expect, it, vi } from 'vitest';
import type { Scripting } from 'webextension-polyfill';

vi.mock('../shared/browser', () => ({ default: { runtime: {}, scripting: undefined } }));
const { matchPatterns, syncPageScripts } = await import('./page-script');
type Registered = Scripting.RegisteredContentScript;

/** An in-memory scripting API that refuses duplicate ids, as the real one does. */
function fakeScripting(fail?: string) {
  const scripts = new Map<string, Registered>();
  return {
    scripts,
    getRegisteredContentScripts: vi.fn(async (f?: { ids?: string[] }) => [...scripts.values()].filter((s) => !f?.ids || f.ids.includes(s.id))),
    unregisterContentScripts: vi.fn(async (f?: { ids?: string[] }) => {
      for (const id of f?.ids ?? [...scripts.keys()]) scripts.delete(id);
    }),
    registerContentScripts: vi.fn(async (list: Registered[]) => {
      if (fail) throw new Error(fail);
      for (const s of list) {
        if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        scripts.set(s.id, s);
      }
    }),
  };
}

describe('matchPatterns', () => {
  it('keeps the port for Chrome and drops it for Firefox, which cannot match one', () => {
    const sites = ['http://127.0.0.1:9400', 'https://app.example.com', 'https://app.example.com', 'ftp://x.example', 'nonsense'];
    expect(matchPatterns(sites, true)).toEqual(['http://127.0.0.1:9400/*', 'https://app.example.com/*']);
    expect(matchPatterns(sites, false)).toEqual(['http://127.0.0.1/*', 'https://app.example.com/*']);
  });
});

describe('syncPageScripts', () => {
  it('registers the MAIN-world hook and the ISOLATED relay, and replaces them on the next sync', async () => {
    const s = fakeScripting();
    expect(await syncPageScripts(['https://app.example.com'], s, true)).toBeUndefined();
    expect(await syncPageScripts(['https://app.example.com', 'http://localhost:3000'], s, true)).toBeUndefined();
    expect(s.scripts.get('gs-hook')).toEqual({
      id: 'gs-hook',
      js: ['content-hook.js'],
      world: 'MAIN',
      runAt: 'document_start',
      allFrames: true,
      matches: ['https://app.example.com/*', 'http://localhost:3000/*'],
    });
    expect(s.scripts.get('gs-relay')).toMatchObject({ js: ['content-relay.js'], world: 'ISOLATED', runAt: 'document_start', allFrames: true });
  });

  it('unregisters both when no site is left', async () => {
    const s = fakeScripting();
    await syncPageScripts(['https://app.example.com'], s, true);
    expect(await syncPageScripts([], s, true)).toBeUndefined();
    expect(s.scripts.size).toBe(0);
  });

  it('serialises overlapping calls so ids never clash', async () => {
    const s = fakeScripting();
    const results = await Promise.all([syncPageScripts(['https://a.example'], s, true), syncPageScripts(['https://b.example'], s, true)]);
    expect(results).toEqual([undefined, undefined]);
    expect(s.scripts.get('gs-hook')!.matches).toEqual(['https://b.example/*']);
  });

  it('names the problem instead of throwing', async () => {
    expect(await syncPageScripts(['https://app.example.com'], undefined, true)).toMatch(/"scripting" permission/);
    expect(await syncPageScripts([], undefined, true)).toBeUndefined();
    expect(await syncPageScripts(['https://app.example.com'], fakeScripting('boom'), true)).toBe('The page script could not be registered: boom');
  });
});
