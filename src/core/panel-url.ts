/**
 * Panel addresses for the worker's "show the panel" (issue 10, item 3): which of the open tabs is the
 * panel, which view it shows, and the address of a view or of one flow. The panel keeps its state in
 * the URL hash (src/panel/view-state.ts): "#/decode", "#/flows/<id>?q=…", and the older "#decode",
 * which it still reads. Nothing secret ever goes in these addresses: a token travels in storage.session.
 */

/** True when `url` is the panel page of the extension whose panel address is `panelUrl` (any hash or query). */
export function isPanelUrl(url: string | undefined, panelUrl: string): boolean {
  if (!url || !url.startsWith(panelUrl)) return false;
  const rest = url.slice(panelUrl.length);
  return rest === '' || rest.startsWith('#') || rest.startsWith('?');
}

/** The view a panel URL shows ("decode" for …#decode, …#/decode or …#/decode/x), or '' for none. */
export function panelViewOf(url: string): string {
  const hash = url.includes('#') ? url.slice(url.indexOf('#') + 1) : '';
  return hash.replace(/^\//, '').split(/[/?&]/)[0] ?? '';
}

/** The panel's address showing `view` (the default view without one). Views are fixed words, never data. */
export function panelUrlFor(panelUrl: string, view?: string): string {
  if (view !== undefined && !/^[a-z-]{1,40}$/.test(view)) throw new Error(`Not a panel view: ${view.slice(0, 40)}`);
  return view ? `${panelUrl}#${view}` : panelUrl;
}

/** The panel's address with one flow selected in the Flows view, no search or filter (view-state.ts's form). */
export function panelFlowUrl(panelUrl: string, flowId: string): string {
  return `${panelUrl}#/flows/${encodeURIComponent(flowId)}`;
}
