/**
 * What a recorded (captured) flow cannot show, said plainly at the top of its detail: the steps a
 * browser could not see, and what would let it see them. Pure: the panel hands in what it knows of
 * the recorder (which sites have page capture, whether this build can deep capture).
 */
import type { Flow, FlowStep, TokenRequestStep } from '../flow';
import { originOf } from './captured-flow';

export interface CaptureNote {
  id: 'server-redeems' | 'spa-page-capture' | 'answer-not-visible' | 'orphan-callback' | 'issuer-guessed';
  tone: 'info' | 'warn';
  text: string;
  clause?: string;
}

export interface NotesContext {
  /** Origins with the opt-in page script (CaptureSettings.pageScriptSites). */
  pageScriptSites: readonly string[];
  /** This build can attach the debugger to a tab (CaptureStatus.deep.available). */
  deepAvailable: boolean;
}

const hostOf = (origin: string): string => {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
};


/** The app's site: where the flow ran, else the redirect_uri's origin (the app receives it there). */
function appSites(f: Flow): string[] {
  if (f.capture?.sites.length) return f.capture.sites;
  const o = originOf(f.profile.redirectUri);
  return o ? [o] : [];
}

/** The last token request, when no token-response follows it (steps are kept in the order seen). */
function unanswered(steps: FlowStep[]): TokenRequestStep | undefined {
  let open: TokenRequestStep | undefined;
  for (const s of steps) {
    if (s.kind === 'token-request') open = s;
    if (s.kind === 'token-response') open = undefined;
  }
  return open;
}

function listOr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')}, or ${items[items.length - 1]}`;
}

/** Notes for a captured flow, most important first; none for a launched flow. */
export function captureNotes(flow: Flow, ctx: NotesContext): CaptureNote[] {
  if (flow.source !== 'captured') return [];
  const notes: CaptureNote[] = [];
  const sites = appSites(flow);
  // The first site is the app that began the flow; later ones joined it through a shared step.
  const siteText = sites[0] ? hostOf(sites[0]) : 'this site';
  const paged = sites.some((s) => ctx.pageScriptSites.includes(s));
  const callbacks = flow.steps.filter((s) => s.kind === 'callback');
  const requested = flow.steps.some((s) => s.kind === 'token-request');

  if (callbacks.some((c) => c.orphan)) {
    notes.push({
      id: 'orphan-callback',
      tone: 'warn',
      text: 'No authorization request was recorded for this callback: the flow began before recording was on (or while it was paused), on a site the deny list hides, or outside this browser. State and PKCE cannot be compared with what was sent.',
    });
  }

  const codeArrived = callbacks.some((c) => !!c.params.code && !c.params.error);
  if (codeArrived && !requested) {
    notes.push({
      id: 'server-redeems',
      tone: 'info',
      text: "The code reached the app, but no token request for it was seen from the browser. Most likely the app's server redeems the code (a confidential client): no browser tool can see that exchange.",
      clause: 'RFC 6749 4.1.3',
    });
    if (!paged) {
      notes.push({
        id: 'spa-page-capture',
        tone: 'info',
        text: `If ${siteText} is a single-page app that redeems the code itself, its token call is seen only with page capture for that site: add it under Recording → Page capture.`,
      });
    }
  }

  const open = unanswered(flow.steps);
  const via = open?.seen?.via ?? [];
  if (open && via.every((v) => v === 'webrequest')) {
    const tab = open.seen && open.seen.tabId >= 0 ? `tab ${open.seen.tabId}` : 'its tab';
    const ways = [
      ...(paged ? [] : [`turn on page capture for ${siteText} (Recording → Page capture)`]),
      `open DevTools on ${tab} before the flow runs (Grantscope reads the Network panel there)`,
      'run the flow in Firefox, whose response filter reads the answer',
      ctx.deepAvailable ? `deep capture ${tab} (Recording → Deep capture)` : "use Grantscope's deep capture build (Chrome's debugger)",
    ];
    notes.push({
      id: 'answer-not-visible',
      tone: 'warn',
      text: `The token request was seen, but not its answer: network events in Chrome carry no response bodies. To see the answer next time, ${listOr(ways)}.`,
    });
  }

  if (flow.capture?.issuerGuessed) {
    notes.push({
      id: 'issuer-guessed',
      tone: 'info',
      text: `The issuer ${flow.profile.issuer || '(unknown)'} is a guess from the authorization endpoint's address: no discovery document for it was seen. ID token checks against it (iss, signing keys) may fail for that reason alone.`,
      clause: 'RFC 8414 3',
    });
  }
  return notes;
}
