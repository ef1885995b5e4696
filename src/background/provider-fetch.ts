/**
 * Every request the worker makes to a provider on a flow's behalf (PAR, device authorization, token,
 * token actions) carries the Origin the profile asks for (src/core/origin.ts), set by a DNR rule for
 * that one URL and method while the request is made.
 *
 * What the panel shows as sent is what left: the worker watches its own request go out
 * (webRequest.onSendHeaders, which fires after every header rule) and records the Origin it saw. A rule
 * the browser refuses is an error the person sees: the request is not sent at all, since it would carry
 * the extension's own origin instead (issue 10: Firefox refused the rule and the error was swallowed).
 *
 * Requests to one URL take turns, so two flows' rules for the same token endpoint never overlap.
 */
import type { ExchangeStep } from '../core/flow';
import { type OriginChoice, type SeenOrigin, headersAsSent, originFor, originNote, originRuleRefused } from '../core/origin';
import { stepRecord } from '../core/launch/step-record';
import type { ClientProfile } from '../core/profile';
import browser, { type WebRequest } from '../shared/browser';
import { addOriginRule, removeRule } from './dnr-rules';
import { type FetchOutcome, fetchText } from './http';

export interface ProviderAnswer {
  got: FetchOutcome;
  /** The Origin seen leaving; `seen: false` when the request never left or could not be watched. */
  origin: SeenOrigin;
  choice: OriginChoice;
  /** True when the request was not sent because its Origin rule was refused (got says why). */
  notSent?: true;
}

/**
 * How long to wait, after the answer, for the headers event still on its way to the worker. The wait
 * ends as soon as the event is in, so the bound costs nothing when it arrives; on a loaded machine it
 * came more than 300 ms after the answer (the token request then read "Origin not seen" in a full
 * e2e run, though it had left with one).
 */
const LATE_EVENT_MS = 1500;

const lanes = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task for `key`; the lane is forgotten once it is empty. */
function inLane<T>(key: string, task: () => Promise<T>): Promise<T> {
  const before = lanes.get(key) ?? Promise.resolve();
  const run = before.then(task, task);
  const tail = run.catch(() => undefined);
  lanes.set(key, tail);
  void tail.then(() => {
    if (lanes.get(key) === tail) lanes.delete(key);
  });
  return run;
}

const withoutFragment = (url: string): string => {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
};

/** Watches the worker's own `method` request to `url` leave, and keeps the Origin it carried. */
function watchOrigin(url: string, method: string): { seen(): Promise<SeenOrigin>; stop(): void } {
  let seen: SeenOrigin = { seen: false };
  let watching = false;
  const want = withoutFragment(url);
  const listener = (d: WebRequest.OnSendHeadersDetailsType) => {
    if (seen.seen || d.tabId !== -1 || d.method.toUpperCase() !== method.toUpperCase() || withoutFragment(d.url) !== want) return;
    const h = d.requestHeaders?.find((x) => x.name.toLowerCase() === 'origin');
    seen = { seen: true, value: h?.value ?? null };
  };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { seen: () => Promise.resolve(seen), stop: () => undefined };
  }
  // Match patterns carry no port in Firefox: the host's every port, and the exact URL checked above.
  const filter = { urls: [`${u.protocol}//${u.hostname}/*`], tabId: -1 };
  try {
    // Chrome shows Origin only with extraHeaders; Firefox has no such option and refuses it.
    browser.webRequest.onSendHeaders.addListener(listener, filter, ['requestHeaders', 'extraHeaders']);
    watching = true;
  } catch {
    try {
      browser.webRequest.onSendHeaders.addListener(listener, filter, ['requestHeaders']);
      watching = true;
    } catch {
      // No webRequest here: nothing is seen, and the step says so rather than guessing.
    }
  }
  return {
    async seen() {
      // Nothing is watching: no event will come, so there is nothing to wait for.
      if (!watching) return seen;
      for (const until = Date.now() + LATE_EVENT_MS; !seen.seen && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
      return seen;
    },
    stop: () => {
      if (watching) browser.webRequest.onSendHeaders.removeListener(listener);
    },
  };
}

/** The browser's own Origin for the worker's requests: chrome-extension://ID, moz-extension://UUID. */
const browserOrigin = (): string => {
  // Not URL.origin: for a scheme the URL standard does not know, that is "null" in some engines.
  const u = new URL(browser.runtime.getURL('/'));
  return `${u.protocol}//${u.host}`;
};

export function providerFetchSeen(profile: ClientProfile, url: string, init: RequestInit, timeoutMs: number): Promise<ProviderAnswer> {
  const method = (init.method ?? 'GET').toUpperCase();
  return inLane(`${method} ${withoutFragment(url)}`, async () => {
    const choice = originFor(profile);
    let rule: number | undefined;
    if (!('keep' in choice)) {
      try {
        rule = await addOriginRule(url, 'set' in choice ? choice.set : null, method);
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        return { got: { ok: false, message: originRuleRefused(choice, reason, browserOrigin()) }, origin: { seen: false }, choice, notSent: true };
      }
    }
    const watch = watchOrigin(url, method);
    try {
      const got = await fetchText(url, init, timeoutMs);
      return { got, origin: await watch.seen(), choice };
    } finally {
      watch.stop();
      await removeRule(rule);
    }
  });
}

/**
 * A form POST from the worker to a provider (PAR, device authorization), as the exchange step the
 * timeline shows: the headers as they left (Origin included), and a note when the Origin differs from
 * the profile's choice or the request was never sent. The caller reads the answer and fills it in.
 */
export async function postedExchange(
  profile: ClientProfile,
  label: string,
  url: string,
  req: { headers: Record<string, string>; params: Record<string, string>; body: string },
): Promise<{ step: ExchangeStep; got: FetchOutcome }> {
  const at = Date.now();
  const sent = await providerFetchSeen(profile, url, { method: 'POST', headers: req.headers, body: req.body }, 15_000);
  const got = sent.got;
  const note = sent.notSent ? 'Not sent: the rule that sets its Origin was refused.' : got.ok ? originNote(sent.choice, sent.origin) : undefined;
  const step: ExchangeStep = {
    kind: 'exchange',
    label,
    at,
    request: { url, method: 'POST', ...stepRecord({ headers: headersAsSent(req.headers, sent.origin), params: req.params }) },
    ...(note ? { originNote: note } : {}),
  };
  return { step, got };
}
