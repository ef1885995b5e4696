/** Where a recorded step was seen, in words: by which sources, in which tab, as what kind of load. */
import type { CaptureVia, RequestFrame } from '../core/capture/types';
import type { StepSeen } from '../core/flow';
import type { TabLabels } from '../core/capture/tab-labels';

export const VIA_TEXT: Record<CaptureVia, string> = {
  webrequest: 'network events',
  'page-script': 'page script',
  devtools: 'DevTools',
  'firefox-filter': 'Firefox response filter',
  debugger: 'debugger',
  'open-tab': 'tab open at browser start',
};

const FRAME_TEXT: Record<RequestFrame, string> = {
  main: 'page load',
  sub: 'frame',
  fetch: 'script request (fetch/XHR)',
  other: 'other request',
};

/** "network events, page script": each source once, in the order they saw it. */
export function seenBy(seen: StepSeen): string {
  return [...new Set(seen.via)].map((v) => VIA_TEXT[v]).join(', ');
}

/**
 * The tab in words (capture/tab-labels.ts: "the app's tab", "login popup opened by the app's tab",
 * "another tab"), the raw id on hover. Without labels, "tab 12 (another tab than tab 7, where the flow
 * began)" when the step ran away from the flow's first tab. A step with no tab (-1) came from a worker
 * or another extension.
 */
export function tabText(seen: StepSeen, firstTab: number | undefined, labels?: TabLabels): string {
  if (seen.tabId < 0) return 'no tab (a service worker or another extension)';
  const label = labels?.get(seen.tabId);
  if (label) return label;
  if (firstTab !== undefined && seen.tabId !== firstTab) return `tab ${seen.tabId} (another tab than tab ${firstTab}, where the flow began)`;
  return `tab ${seen.tabId}`;
}

export function frameText(seen: StepSeen): string {
  return FRAME_TEXT[seen.frame];
}
