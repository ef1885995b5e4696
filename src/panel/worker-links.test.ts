/**
 * The addresses the worker opens the panel at (src/core/panel-url.ts: "Decode with Grantscope", the
 * shortcuts, the popup's buttons) are ones the panel reads (view-state.ts) as meant.
 */
import { describe, expect, it } from 'vitest';
import { panelFlowUrl, panelUrlFor } from '../core/panel-url';
import { parseViewState } from './view-state';

const PANEL = 'chrome-extension://abc/panel.html';
const hashOf = (url: string) => (url.includes('#') ? url.slice(url.indexOf('#')) : '');

describe('worker links into the panel', () => {
  it.each(['flows', 'launch', 'profiles', 'decode', 'recording'])('#%s opens that view', (view) => {
    expect(parseViewState(hashOf(panelUrlFor(PANEL, view))).view).toBe(view);
  });

  it('a flow link opens Flows with that flow selected and no search or filter', () => {
    const s = parseViewState(hashOf(panelFlowUrl(PANEL, 'k3J_x-9Qz1bA')));
    expect(s).toMatchObject({ view: 'flows', flowId: 'k3J_x-9Qz1bA', filter: { query: '', status: 'all' } });
  });
});
