/** The DevTools page: adds the "OAuth" panel (the same UI as the panel tab) and watches the network log. */
import browser from '../shared/browser';
import { TEST_DEVTOOLS_KEY } from '../shared/constants';
import { runtimeConnector } from '../shared/runtime-connector';
import { type NetworkApi, followKnownEndpoints, watchNetwork } from './network';

void browser.devtools.panels.create('OAuth', 'icons/icon-32.png', 'panel.html');

const tabId = browser.devtools.inspectedWindow.tabId;
const known = followKnownEndpoints(browser.storage);
// The polyfill's types give getContent() no callback; the API object is the same (see contentOf).
watchNetwork(browser.devtools.network as unknown as NetworkApi, tabId, runtimeConnector().send, known);

if (__TEST__) {
  // Say when the listener is live. addListener subscribes by a message to DevTools, and getHAR asks
  // over the same channel, so once its answer is back DevTools has the subscription.
  void browser.devtools.network
    .getHAR()
    .then(() => browser.storage.session.set({ [`${TEST_DEVTOOLS_KEY}:${tabId}`]: true }))
    .catch((e: unknown) => console.error('Grantscope DevTools page (test build):', e));
}
