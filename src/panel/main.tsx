import { render } from 'preact';
import browser from '../shared/browser';
import { runtimeConnector } from '../shared/runtime-connector';
import { ConnectorContext } from '../ui/connector';
import '../ui/theme.css';
import './panel.css';
import { PanelApp, type ViewStore } from './app';
import { formatViewState, initialViewState, parseViewState, rememberedFor, rememberText } from './view-state';

/**
 * The tab DevTools inspects, when this page is the "OAuth" panel (devtools.panels.create gives its
 * pages devtools.inspectedWindow); undefined in the panel's own tab, where `devtools` is absent.
 */
function inspectedTab(): number | undefined {
  try {
    const id = (browser as { devtools?: { inspectedWindow?: { tabId?: unknown } } }).devtools?.inspectedWindow?.tabId;
    return typeof id === 'number' && id >= 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * DevTools loads the panel anew, with no hash, each time it opens: there the last hash is also kept in
 * the extension's localStorage, with the tab it was for, and taken when the URL has none
 * (initialViewState). A panel tab opens on what its URL says (the popup and links name a view), so it
 * keeps nothing beyond its URL.
 */
const MEMORY_KEY = 'grantscope:devtools-panel-view';
interface Memory {
  read(): string | null;
  write(text: string): void;
}
function devtoolsMemory(): Memory | undefined {
  try {
    const ls = globalThis.localStorage;
    return {
      read: () => {
        try {
          return ls.getItem(MEMORY_KEY);
        } catch {
          return null;
        }
      },
      write: (text) => {
        try {
          ls.setItem(MEMORY_KEY, text);
        } catch {
          // Full or refused: the URL still holds the state for a reload.
        }
      },
    };
  } catch {
    return undefined;
  }
}

const inspectedTabId = inspectedTab();
const memory = inspectedTabId === undefined ? undefined : devtoolsMemory();

const store: ViewStore = {
  initial: initialViewState(location.hash, memory && inspectedTabId !== undefined ? rememberedFor(memory.read(), inspectedTabId) : null),
  write(s, push) {
    const hash = formatViewState(s);
    if (inspectedTabId !== undefined) memory?.write(rememberText(inspectedTabId, hash));
    if (hash === location.hash) return;
    if (push) history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
  },
  onOutside(cb) {
    // pushState and replaceState fire neither event: only back, forward and an edited URL do.
    const on = () => cb(parseViewState(location.hash));
    addEventListener('hashchange', on);
    addEventListener('popstate', on);
    return () => {
      removeEventListener('hashchange', on);
      removeEventListener('popstate', on);
    };
  },
};
// In DevTools the state goes into the URL at once, so a reload of this frame keeps it too.
if (memory && location.hash === '') history.replaceState(null, '', formatViewState(store.initial));

render(
  <ConnectorContext.Provider value={runtimeConnector()}>
    <PanelApp store={store} inspectedTabId={inspectedTabId} />
  </ConnectorContext.Provider>,
  document.getElementById('app')!,
);
