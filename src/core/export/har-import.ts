/**
 * A HAR file from any browser's DevTools (Chrome's and Firefox's "Save all as HAR") turned into flows
 * (issue 13): each entry becomes the ObservedRequest the recorder would have seen, checked and cut to
 * the recorder's limits (parseObserved, capture/limits.ts), then recognised and correlated exactly as
 * recorded traffic is (capture/recognise.ts, capture/correlate.ts). Flows come out marked imported.
 *
 * A HAR is a stranger's file: its size is checked before parsing, its depth after, its entry count
 * and every field's type before use. Any failure is a named problem; nothing here throws.
 * Discovery documents inside the HAR teach endpoints only when their issuer is the one their URL is
 * for (trust.ts rule 1), and confirm nothing: keys and issuers are fetched only when the person asks.
 */
import type { Flow } from '../flow';
import { parseJsonBounded, sizeText } from '../json-bounds';
import type { Problem, Result } from '../result';
import { correlate, type LooseCall } from '../capture/correlate';
import { originOf } from '../capture/captured-flow';
import { parseObserved } from '../capture/observed';
import { recognise } from '../capture/recognise';
import { RING_MAX } from '../capture/settings';
import { readDiscovery } from '../capture/trust';
import type { KnownEndpoints, ObservedRequest } from '../capture/types';
import { harEntryObserved } from './har-entry';
import { portable } from './redact-flow';

/** Refused before parsing: a real login's HAR is a few MB; 32 MB is a long browsing session. */
export const HAR_TEXT_MAX = 32 * 1024 * 1024;
/** HAR nests log -> entries -> entry -> request -> headers -> header: shallow. */
export const HAR_DEPTH_MAX = 16;
/** Entries read; past this the rest is left out with a notice. */
export const HAR_ENTRIES_MAX = 20_000;
/**
 * Flows made from one file, as the recorder's ring holds at most RING_MAX (capture/settings.ts): a file
 * of 20,000 authorization requests would otherwise make 20,000 flows, each correlated against all.
 */
export const HAR_FLOWS_MAX = RING_MAX;

export type HarProblemCode = 'too-large' | 'not-json' | 'truncated' | 'too-deep' | 'not-har' | 'wrong-version' | 'no-oauth';
export interface HarProblem extends Problem {
  code: HarProblemCode;
}

export interface HarImport {
  flows: Flow[];
  /** Entries in the file, and how many were OAuth steps. */
  entries: number;
  recognised: number;
  /** Things the person should know: entries left out, unreadable ones. */
  notices: string[];
}

export interface HarImportOptions {
  /** When the import happens (the flows' imported.at). */
  now?: number;
  /** Ids for new flows; the worker passes its own so they cannot clash with recorded ones. */
  newId?: () => string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const problem = (code: HarProblemCode, message: string): { ok: false; error: HarProblem } => ({ ok: false, error: { code, message } });

/** The HAR's log, or why it is not one: a `log` with version 1.1 or 1.2 and an `entries` list. */
function logOf(text: string): Result<Record<string, unknown>, HarProblem> {
  if (typeof text !== 'string') return problem('not-json', 'The file is not text');
  if (text.length > HAR_TEXT_MAX) return problem('too-large', `The file is ${sizeText(text.length)}, more than the ${sizeText(HAR_TEXT_MAX)} a HAR import reads`);
  const parsed = parseJsonBounded(text, 'The file', { maxChars: HAR_TEXT_MAX, maxDepth: HAR_DEPTH_MAX });
  if (!parsed.ok) {
    const t = text.trimEnd();
    if (parsed.error.code === 'not-json' && t.startsWith('{') && !t.endsWith('}')) return problem('truncated', 'The file ends in the middle of the HAR: it was cut short (saved while loading, or partly copied)');
    return problem(parsed.error.code, parsed.error.message);
  }
  const v = parsed.value;
  if (!isObj(v) || !isObj(v.log)) return problem('not-har', 'The file is JSON but not a HAR (no "log")');
  const version = v.log.version;
  if (version !== '1.2' && version !== '1.1') {
    return problem('wrong-version', `The HAR says version ${typeof version === 'string' ? JSON.stringify(version.slice(0, 20)) : 'none'}; HAR 1.1 and 1.2 are read`);
  }
  if (!Array.isArray(v.log.entries)) return problem('not-har', 'The HAR has no "entries" list');
  return { ok: true, value: v.log };
}

/** Endpoints taught by the HAR's own discovery documents, each read by trust.ts's rule 1. */
function learned(obs: readonly ObservedRequest[]): KnownEndpoints {
  const out: KnownEndpoints = {};
  for (const o of obs) {
    if (o.method !== 'GET' || !o.url.includes('/.well-known/') || !o.response?.bodyText || o.response.status !== 200) continue;
    const read = readDiscovery(o.url, o.response.bodyText);
    if (read.ok) Object.assign(out, read.value.endpoints);
  }
  return out;
}

/** A HAR file's OAuth flows, marked imported from `file`. Never throws. */
export function importHar(text: string, file: string, opts: HarImportOptions = {}): Result<HarImport, HarProblem> {
  try {
    const log = logOf(text);
    if (!log.ok) return log;
    const raw = log.value.entries as unknown[];
    const notices: string[] = [];
    if (raw.length > HAR_ENTRIES_MAX) notices.push(`Only the first ${HAR_ENTRIES_MAX} of ${raw.length} entries were read`);
    const observed: ObservedRequest[] = [];
    let unreadable = 0;
    raw.slice(0, HAR_ENTRIES_MAX).forEach((e, i) => {
      const made = harEntryObserved(e, i);
      for (const m of made) {
        const o = parseObserved(m);
        if (o) observed.push(o);
        else unreadable++;
      }
      if (made.length === 0) unreadable++;
    });
    if (unreadable > 0) notices.push(`${unreadable} entries could not be read and were left out`);
    observed.sort((a, b) => a.at - b.at);
    const known = learned(observed);
    const now = opts.now ?? Date.now();
    let n = 0;
    const newId = opts.newId ?? (() => `imp-${now.toString(36)}-${++n}`);
    let flows: Flow[] = [];
    let loose: LooseCall[] = [];
    let recognised = 0;
    let dropped = 0;
    for (const obs of observed) {
      const rec = recognise(obs, known);
      if (!rec) continue;
      recognised++;
      const from = rec.kind === 'callback' ? rec.redirectUri : obs.initiator;
      const site = from ? originOf(from) : undefined;
      const out = correlate({ flows, loose, obs, rec, ctx: { ...(site ? { site } : {}), related: [obs.tabId] }, newId });
      loose = out.loose;
      if (out.result?.created && flows.length >= HAR_FLOWS_MAX) {
        dropped++;
        continue;
      }
      if (out.result) flows = [out.result.flow, ...flows.filter((f) => f.id !== out.result!.flow.id)];
    }
    if (dropped > 0) notices.push(`Only the first ${HAR_FLOWS_MAX} flows were kept; ${dropped} more requests would have started flows of their own`);
    if (flows.length === 0) {
      return problem('no-oauth', `No OAuth or OpenID Connect request among the ${raw.length} entries of ${file.slice(0, 200)}`);
    }
    const name = file.slice(0, 200);
    const marked = flows.reverse().map((f) => ({ ...portable(f), imported: { file: name, at: now } }));
    return { ok: true, value: { flows: marked, entries: raw.length, recognised, notices } };
  } catch {
    // Nothing above should throw; a hostile file must still never take the page down.
    return problem('not-har', 'The HAR could not be read');
  }
}

