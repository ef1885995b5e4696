/**
 * A launched flow the extension was reloaded under (fault case 25). A reload (runtime.reload, an
 * update, about:debugging's Reload, chrome://extensions' reload) and a browser restart empty
 * storage.session, and with it the running flow, its secrets and its session DNR rule: without a
 * trace kept elsewhere the flow just vanished from the panel, and the login tab went on to deliver the
 * code to the app (measured in firefox-esr 153). So a running flow leaves a short note in
 * storage.local while it runs, and a fresh start that finds a note with no flow behind it shows the
 * flow as interrupted: "start it again", never a silent gap.
 *
 * The note is written to disk, so it holds only what names the flow: no step but the authorization
 * request, whose values are kept only where they are neither credentials (isSecretName) nor binding
 * values (state, nonce, code_challenge, user_code: SENSITIVE_PARAMS).
 */
import type { Flow, FlowStatus } from './flow';
import { SENSITIVE_PARAMS, isSecretName } from './redact';

/** What a running flow leaves on disk: the flow, cut to the safe part above. */
export function ledgerEntry(flow: Flow): Flow {
  const steps = flow.steps.flatMap((s) => {
    if (s.kind !== 'authorization-request') return [];
    const params = Object.fromEntries(Object.entries(s.params).filter(([k]) => !isSecretName(k) && !SENSITIVE_PARAMS.has(k)));
    // The URL repeats the query: keep only where it points.
    let url: string;
    try {
      const u = new URL(s.url);
      url = `${u.origin}${u.pathname}`;
    } catch {
      url = '';
    }
    return [{ kind: s.kind, at: s.at, url, params }];
  });
  // The tab and the DNR rule do not outlive a reload; an outcome is never set while a flow runs.
  const entry: Flow = { ...structuredClone(flow), steps };
  delete entry.tabId;
  delete entry.ruleId;
  delete entry.outcome;
  return entry;
}

/** Where the flow stood, in the words the person sees. */
const STAGE: Partial<Record<FlowStatus, string>> = {
  authorizing: 'during the login',
  'callback-received': 'after the callback came, before the code was redeemed',
  redeeming: 'while the code was being redeemed (it may already be spent)',
  polling: 'while it polled for the device grant',
};

/** The flow as the panel shows it after the reload: interrupted, start again (fault case 25). */
export function interruptedFlow(entry: Flow, now: number): Flow {
  const stage = STAGE[entry.status] ?? 'while it ran';
  const stoppedRedirect = entry.status === 'authorizing' && entry.grant === 'authorization' && entry.profile.redirectMode === 'block';
  return {
    ...entry,
    status: 'interrupted',
    updatedAt: now,
    outcome: {
      kind: 'error',
      title: `This flow was interrupted: the extension was reloaded (or the browser closed) ${stage}. Start it again.`,
      detail: stoppedRedirect
        ? 'Its state, secrets and redirect stop went with the reload: a login finished in the tab still open takes the code to the app, not to Grantscope.'
        : 'Its state and secrets went with the reload, so it cannot be finished.',
    },
  };
}
