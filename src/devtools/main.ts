/** The DevTools page: adds the "OAuth" panel (the same UI as the panel tab) and watches the network log. */
import browser from '../shared/browser';
import { runtimeConnector } from '../shared/runtime-connector';
import { type NetworkApi, followKnownEndpoints, watchNetwork } from './network';

void browser.devtools.panels.create('OAuth', 'icons/icon-32.png', 'panel.html');

const tabId = browser.devtools.inspectedWindow.tabId;
const known = followKnownEndpoints(browser.storage);
// The polyfill's types give getContent() no callback; the API object is the same (see contentOf).
watchNetwork(browser.devtools.network as unknown as NetworkApi, tabId, runtimeConnector().send, known);
