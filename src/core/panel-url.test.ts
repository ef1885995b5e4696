import { describe, expect, it } from 'vitest';
import { isPanelUrl, panelFlowUrl, panelUrlFor, panelViewOf } from './panel-url';

const PANEL = 'chrome-extension://abc/panel.html';

describe('panel addresses', () => {
  it.each([
    [PANEL, true],
    [`${PANEL}#decode`, true],
    [`${PANEL}?devtools=1#flows`, true],
    ['chrome-extension://abc/panel.htmlx', false],
    ['chrome-extension://abc/popup.html', false],
    ['chrome-extension://other/panel.html', false],
    ['https://abc/panel.html', false],
    [undefined, false],
  ])('%s is the panel: %s', (url, want) => {
    expect(isPanelUrl(url, PANEL)).toBe(want);
  });

  it.each([
    [PANEL, ''],
    [`${PANEL}#decode`, 'decode'],
    [`${PANEL}#/decode`, 'decode'],
    [`${PANEL}#/flows/abc123`, 'flows'],
    [`${PANEL}#flows?x=1`, 'flows'],
    [`${PANEL}#`, ''],
  ])('%s shows %j', (url, view) => {
    expect(panelViewOf(url)).toBe(view);
  });

  it('builds a view address, and refuses anything that is not a view word', () => {
    expect(panelUrlFor(PANEL)).toBe(PANEL);
    expect(panelUrlFor(PANEL, 'decode')).toBe(`${PANEL}#decode`);
    expect(() => panelUrlFor(PANEL, 'decode?t=eyJ')).toThrow('Not a panel view');
    expect(() => panelUrlFor(PANEL, '')).toThrow('Not a panel view');
  });

  it('a flow address selects that flow', () => {
    const url = panelFlowUrl(PANEL, 'Xy_9-a.b');
    expect(url).toBe(`${PANEL}#/flows/Xy_9-a.b`);
    expect(panelViewOf(url)).toBe('flows');
  });
});
