/**
 * The open-tab sweep at browser start (restore-sweep.ts): only tabs sitting at an authorization
 * request are recorded, as seen in an open tab; once per browser session.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ObservedRequest } from '../core/capture/types';
import { memoryKV } from './kv';

const fake = vi.hoisted(() => ({ tabs: [] as { id?: number; url?: string; pendingUrl?: string }[], session: undefined as unknown as ReturnType<typeof memoryKV> }));
vi.mock('../shared/browser', () => ({
  default: {
    get storage() {
      return { session: fake.session };
    },
    tabs: { query: async () => fake.tabs },
  },
}));

const { sweepOpenTabs, sweepOpenTabsOnce } = await import('./restore-sweep');

const AUTH = 'https://op.example/authorize?response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s1';

function sink() {
  const got: ObservedRequest[] = [];
  return { got, sink: { request: (o: ObservedRequest) => void got.push(o), response: () => undefined } };
}

describe('sweepOpenTabs', () => {
  it('records only the tabs at an authorization request, marked as an open tab', async () => {
    fake.tabs = [
      { id: 1, url: AUTH },
      { id: 2, url: 'https://app.example/cb?code=c&state=s1' }, // a callback left in the address bar: not a new orphan
      { id: 3, url: 'https://news.example/' },
      { id: 4, url: 'chrome://newtab/' },
      { id: 5, pendingUrl: AUTH.replace('s1', 's2') }, // restored, not committed yet
      { url: AUTH }, // no id
    ];
    const { got, sink: s } = sink();
    expect(await sweepOpenTabs(s, 1000)).toBe(2);
    expect(got.map((o) => [o.tabId, o.via, o.frame, o.method, o.at])).toEqual([
      [1, 'open-tab', 'main', 'GET', 1000],
      [5, 'open-tab', 'main', 'GET', 1000],
    ]);
  });

  it('stops at 50 tabs', async () => {
    fake.tabs = Array.from({ length: 80 }, (_, i) => ({ id: i + 1, url: AUTH.replace('s1', `s${i}`) }));
    const { got, sink: s } = sink();
    await sweepOpenTabs(s);
    expect(got).toHaveLength(50);
  });

  it('sweeps once per browser session (storage.session), not at every worker restart', async () => {
    fake.session = memoryKV();
    fake.tabs = [{ id: 1, url: AUTH }];
    const { got, sink: s } = sink();
    expect(await sweepOpenTabsOnce(s)).toBe(1);
    expect(await sweepOpenTabsOnce(s)).toBe(0);
    expect(got).toHaveLength(1);
  });
});
