import { describe, expect, it } from 'vitest';
import type { StepSeen } from '../core/flow';
import { tabLabels } from '../core/capture/tab-labels';
import { frameText, seenBy, tabText } from './seen-text';

const seen = (o: Partial<StepSeen>): StepSeen => ({ via: ['webrequest'], tabId: 7, frame: 'main', requestId: 'wr:1', ...o });

describe('seen-text', () => {
  it.each([
    [['webrequest'], 'network events'],
    [['webrequest', 'page-script', 'devtools', 'firefox-filter', 'debugger'], 'network events, page script, DevTools, Firefox response filter, debugger'],
    [['devtools', 'devtools'], 'DevTools'],
  ] as const)('seenBy %o', (via, want) => expect(seenBy(seen({ via: [...via] }))).toBe(want));

  it.each([
    [7, 7, 'tab 7'],
    [7, undefined, 'tab 7'],
    [12, 7, 'tab 12 (another tab than tab 7, where the flow began)'],
    [-1, 7, 'no tab (a service worker or another extension)'],
  ])('tabText(%i, first %s)', (tabId, first, want) => expect(tabText(seen({ tabId }), first)).toBe(want));

  it('words from the flow’s tabs win over ids; a tab the labels do not know falls back to its id', () => {
    const labels = tabLabels([12, 7], { 12: 7 });
    expect(tabText(seen({ tabId: 12 }), 12, labels)).toBe('login popup opened by the app’s tab');
    expect(tabText(seen({ tabId: 7 }), 12, labels)).toBe('the app’s tab');
    expect(tabText(seen({ tabId: 3 }), 12, labels)).toBe('tab 3 (another tab than tab 12, where the flow began)');
    expect(tabText(seen({ tabId: -1 }), 12, labels)).toBe('no tab (a service worker or another extension)');
  });

  it('names the kind of load', () => {
    expect(frameText(seen({ frame: 'fetch' }))).toBe('script request (fetch/XHR)');
  });
});
