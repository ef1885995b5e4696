/**
 * The one place that imports the WebExtension API. Chromium 152+ and Firefox have `browser.*`
 * natively; the polyfill is a no-op there and fills the gap on older Chromium.
 * Only entry files and connectors import this (ESLint enforces it): UI and core never do.
 */
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Storage, Tabs, WebRequest, DeclarativeNetRequest } from 'webextension-polyfill';
