/**
 * Flows as HAR 1.2 (W3C Web Performance WG draft "HTTP Archive (HAR) format", 1.2): every HTTP step
 * of a flow is one entry, so Chrome DevTools (Network > Import HAR) and other viewers open it. A
 * token request and its answer are one entry; device polling and checks are not HTTP and are named in
 * the log's comment instead. Each flow is a page ("flow 1: code · grantscope-spa"), its entries
 * referencing it. Values are redacted by the export's Redactor first (redact-flow.ts); the receipt
 * rides along in `_grantscope` (custom fields start with "_", HAR 1.2 "Custom fields") and the
 * comment says at its top whether secrets are in the file.
 * Schema: schemas/har-1.2.schema.json.
 */
import type { Flow, FlowStep, TokenResponseStep } from '../flow';
import { hashIndex } from './placeholder';
import { redactFlows } from './redact-flow';
import type { RedactorOptions } from './redactor';
import type { Receipt } from './receipt';

export interface HarNameValue {
  name: string;
  value: string;
}
export interface HarEntry {
  pageref: string;
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; text: string; params?: HarNameValue[] };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { blocked: number; dns: number; connect: number; send: number; wait: number; receive: number; ssl: number };
  comment?: string;
}
export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    pages: { startedDateTime: string; id: string; title: string; pageTimings: { onContentLoad: number; onLoad: number } }[];
    entries: HarEntry[];
    comment: string;
    _grantscope: { redacted: boolean; receipt: Receipt };
  };
}

export interface HarExportOptions extends RedactorOptions {
  /** The extension's version, for log.creator. */
  version?: string;
}

const iso = (ms: number) => new Date(Number.isFinite(ms) ? ms : 0).toISOString();
const pairs = (o: Readonly<Record<string, string>>): HarNameValue[] => Object.entries(o).map(([name, value]) => ({ name, value }));

function query(url: string): HarNameValue[] {
  const h = hashIndex(url);
  const before = h < 0 ? url : url.slice(0, h);
  const q = before.indexOf('?');
  if (q < 0) return [];
  return before.slice(q + 1).split('&').filter(Boolean).map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? { name: p, value: '' } : { name: p.slice(0, eq), value: p.slice(eq + 1) };
  });
}

const formText = (p: Readonly<Record<string, string>>) => Object.entries(p).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
const mimeOf = (h: Readonly<Record<string, string>>) => Object.entries(h).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'x-unknown';

function entry(pageref: string, at: number, req: { method: string; url: string; headers: Record<string, string>; params?: Record<string, string> }, res?: { at: number; status: number; headers: Record<string, string>; bodyText: string }, comment?: string): HarEntry {
  const post = req.method !== 'GET' && req.params && Object.keys(req.params).length > 0;
  const text = post ? formText(req.params!) : '';
  const wait = res ? Math.max(0, res.at - at) : 0;
  return {
    pageref,
    startedDateTime: iso(at),
    time: wait,
    request: {
      method: req.method,
      url: req.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(req.headers),
      queryString: query(req.url),
      ...(post ? { postData: { mimeType: 'application/x-www-form-urlencoded', text, params: pairs(req.params!) } } : {}),
      headersSize: -1,
      bodySize: post ? text.length : 0,
    },
    response: {
      status: res?.status ?? 0,
      statusText: '',
      httpVersion: res ? 'HTTP/1.1' : '',
      cookies: [],
      headers: pairs(res?.headers ?? {}),
      content: { size: res?.bodyText.length ?? 0, mimeType: res ? mimeOf(res.headers) : 'x-unknown', ...(res?.bodyText ? { text: res.bodyText } : {}) },
      redirectURL: '',
      headersSize: -1,
      bodySize: res ? res.bodyText.length : -1,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait, receive: 0, ssl: -1 },
    ...(comment ? { comment } : {}),
  };
}

/** The answer to a token request: the token-response seen under its request id, else the next one. */
export function answerOf(steps: readonly FlowStep[], i: number): TokenResponseStep | undefined {
  const req = steps[i];
  if (req?.kind !== 'token-request') return undefined;
  const byId = req.seen && steps.find((s): s is TokenResponseStep => s.kind === 'token-response' && s.seen?.requestId === req.seen!.requestId);
  if (byId) return byId;
  const next = steps.slice(i + 1).find((s) => s.kind === 'token-request' || s.kind === 'token-response');
  return next?.kind === 'token-response' ? next : undefined;
}

function flowEntries(f: Flow, pageref: string, skipped: string[]): HarEntry[] {
  const out: HarEntry[] = [];
  f.steps.forEach((s, i) => {
    const n = `step ${i + 1}`;
    switch (s.kind) {
      case 'authorization-request':
        out.push(entry(pageref, s.at, { method: 'GET', url: s.url, headers: {} }, undefined, `${n}: authorization request (the provider's answer is the login page, not recorded)`));
        break;
      case 'callback':
        out.push(s.source === 'form_post' ? entry(pageref, s.at, { method: 'POST', url: s.url, headers: {}, params: s.params }, undefined, `${n}: callback (form_post)`) : entry(pageref, s.at, { method: 'GET', url: s.url, headers: {} }, undefined, `${n}: callback (${s.source})`));
        break;
      case 'exchange':
        out.push(entry(pageref, s.at, s.request, s.response && { at: s.at, ...s.response }, `${n}: ${s.label}`));
        break;
      case 'token-request': {
        const a = answerOf(f.steps, i);
        out.push(entry(pageref, s.at, s, a && { at: a.at, status: a.status, headers: a.headers, bodyText: a.bodyText }, `${n}: token request${s.params.grant_type ? ` (${s.params.grant_type})` : ''}`));
        break;
      }
      case 'token-response':
        break;
      default:
        skipped.push(`flow ${pageref.slice(5)} ${n} (${s.kind})`);
    }
  });
  return out;
}

/** The flows as one HAR 1.2 log, redacted unless the person chose otherwise. */
export function exportHar(flows: readonly Flow[], opts: HarExportOptions = {}): Har {
  const { flows: red, receipt } = redactFlows(flows, opts);
  const skipped: string[] = [];
  const pages = red.map((f, i) => ({ startedDateTime: iso(f.createdAt), id: `flow_${i + 1}`, title: `flow ${i + 1}: ${f.grant}${f.responseType ? ` ${f.responseType}` : ''} · ${f.profile.clientId || 'unknown client'} · ${f.profile.issuer}`, pageTimings: { onContentLoad: -1, onLoad: -1 } }));
  const entries = red.flatMap((f, i) => flowEntries(f, `flow_${i + 1}`, skipped)).sort((a, b) => (a.startedDateTime < b.startedDateTime ? -1 : a.startedDateTime > b.startedDateTime ? 1 : 0));
  const head = receipt.redacted
    ? `Exported by Grantscope. Redacted: ${receipt.total} secret value(s) replaced by placeholders (‹name #n, length, sha256 prefix›); see _grantscope.receipt.`
    : 'NOT REDACTED: the person who exported this chose to include secrets (tokens, codes, credentials). Treat this file as a secret.';
  const comment = skipped.length ? `${head} Steps that are not HTTP requests are left out: ${skipped.join(', ')}.` : head;
  // The comment first: whoever opens the file as text reads NOT REDACTED before any entry (HAR 1.2 has no key order).
  return { log: { comment, version: '1.2', creator: { name: 'Grantscope', version: opts.version ?? '0' }, pages, entries, _grantscope: { redacted: receipt.redacted, receipt } } };
}

export const harText = (h: Har): string => `${JSON.stringify(h, null, 2)}\n`;
