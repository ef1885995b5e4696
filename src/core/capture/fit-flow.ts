/**
 * A recorded flow fitted to a byte budget before it is stored (issue 9, fault case 31).
 *
 * Every page can feed the recorder, so one flow can carry an 11 MB form field or a 1.6 MB callback
 * URL. Stored whole, such a flow filled storage.session and pushed the person's other flows out.
 * Instead the flow is stored cut: its largest strings are replaced by their head and a marker, the
 * structure (steps, parameter names, fields) stays, and the flow carries a notice saying what was cut.
 *
 * Order: largest first, by size class (powers of two), and within one class the newest step first,
 * so the request that began the flow is cut last. When cutting strings is not enough (thousands of
 * small parameters), long lists and records are shortened; as a last resort middle steps are left
 * out, keeping the first and the newest.
 *
 * Sizes are UTF-8 bytes of the JSON, which is what storage quotas count (Chrome counts more in
 * storage.session; src/background/flow-store.ts leaves room for that). Pure: no browser API.
 */
import type { Flow } from '../flow';

/** The most one recorded flow may take in storage. A real flow is a few KB; 256 KB keeps big ID tokens. */
export const FLOW_BYTES_MAX = 256 * 1024;
/** What a cut string keeps of its start, so the panel still shows what it was. */
export const CUT_HEAD = 512;
/** Strings shorter than this are never cut: cutting them would save nothing. */
const CUT_MIN = 2 * CUT_HEAD;
/** A list or record shortened in the second pass keeps this many entries. */
const KEEP_ENTRIES = 16;
/** Nesting deeper than this (which JSON.stringify cannot even walk) is replaced by a marker. */
const MAX_DEPTH = 64;
/** Notices kept on one flow; a flow cut again and again keeps the newest. */
const NOTICES_MAX = 5;
/** What the notices may take (five of a few hundred bytes each). */
const NOTICE_ROOM = 2048;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Holder = Json[] | { [k: string]: Json };
type Key = string | number;

export interface FitResult {
  flow: Flow;
  /** JSON bytes before and after; equal when nothing was cut. */
  before: number;
  after: number;
  /** The notice added to the flow, when it was cut. */
  notice?: string;
}

/** UTF-8 length of a string, without building the bytes. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** JSON bytes of a value; undefined when JSON.stringify cannot walk it (nesting too deep, a cycle). */
export function jsonBytes(v: unknown): number | undefined {
  try {
    return utf8Bytes(JSON.stringify(v) ?? '');
  } catch {
    return undefined;
  }
}

/** "1.6 MB", "256 KB", "900 bytes". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** The head of a string and a marker saying how long it was; never splits a surrogate pair. */
export function cutString(s: string, head = CUT_HEAD): string {
  let end = Math.min(head, s.length);
  if (end > 0 && end < s.length && (s.charCodeAt(end - 1) & 0xfc00) === 0xd800) end -= 1;
  return `${s.slice(0, end)}…[cut: ${s.length} chars]`;
}

/** Sets an own property, also one named "__proto__" (JSON.parse makes those; `=` would not). */
const setOwn = (holder: Holder, key: Key, v: Json) => Object.defineProperty(holder, key, { value: v, writable: true, enumerable: true, configurable: true });

/**
 * A plain JSON copy built without recursion, with containers deeper than MAX_DEPTH replaced by a
 * marker: JSON.parse builds nesting that JSON.stringify and structuredClone then overflow on.
 */
function shallowCopy(root: unknown): Json {
  const wrap: { v: Json } = { v: null };
  const stack: { src: unknown; into: Holder; key: Key; depth: number }[] = [{ src: root, into: wrap as unknown as Holder, key: 'v', depth: 0 }];
  while (stack.length) {
    const { src, into, key, depth } = stack.pop()!;
    const put = (v: Json) => setOwn(into, key, v);
    if (src === null || typeof src === 'string' || typeof src === 'boolean') put(src);
    else if (typeof src === 'number') put(Number.isFinite(src) ? src : null);
    else if (typeof src !== 'object') continue;
    else if (depth >= MAX_DEPTH) put(`[cut: nested deeper than ${MAX_DEPTH} levels]`);
    else if (Array.isArray(src)) {
      const out: Json[] = [];
      put(out);
      src.forEach((v: unknown, i) => stack.push({ src: v === undefined ? null : v, into: out, key: i, depth: depth + 1 }));
    } else {
      const out: { [k: string]: Json } = {};
      put(out);
      for (const [k, v] of Object.entries(src)) if (v !== undefined) stack.push({ src: v, into: out, key: k, depth: depth + 1 });
    }
  }
  return wrap.v;
}

/** One string that may be cut: a value, or an object's key (a form field's name can be the 11 MB). */
interface Slot {
  holder: Holder;
  key: Key;
  isKey: boolean;
  bytes: number;
  /** The step's index (newer is higher); -1 outside the steps. */
  rank: number;
  path: Key[];
}

/** Every string longer than CUT_MIN under `root`, with its place; iterative, no recursion. */
function slots(root: Json, rank: number, base: Key[]): Slot[] {
  const out: Slot[] = [];
  const stack: { node: Json; path: Key[] }[] = [{ node: root, path: base }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const entries: [Key, Json][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [k, v] of entries) {
      if (typeof k === 'string' && k.length > CUT_MIN) out.push({ holder: node, key: k, isKey: true, bytes: utf8Bytes(k), rank, path: [...path, k] });
      if (typeof v === 'string' && v.length > CUT_MIN) out.push({ holder: node, key: k, isKey: false, bytes: utf8Bytes(v), rank, path: [...path, k] });
      else if (v !== null && typeof v === 'object') stack.push({ node: v, path: [...path, k] });
    }
  }
  return out;
}

const STEP_NAMES: Record<string, string> = {
  'authorization-request': 'the authorization request',
  callback: 'the callback',
  'token-request': 'the token request',
  'token-response': 'the token answer',
  exchange: 'a provider call',
  'device-poll': 'the device polling',
  check: 'a check',
};

/** A name from outside, safe and short enough for a sentence (names are not secrets; values may be). */
const shown = (k: Key) => {
  const s = String(k).replace(/[^\x20-\x7e]/g, '?');
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/** Where a cut string was, in words: "the callback URL", "the token request parameter \"x\"". */
export function describePlace(flow: Flow, path: Key[], isKey: boolean): string {
  const [top, i, ...rest] = path;
  let owner = 'the flow';
  let tail: Key[] = path;
  if (top === 'steps' && typeof i === 'number') {
    owner = STEP_NAMES[flow.steps[i]?.kind ?? ''] ?? 'a step';
    tail = rest;
  } else if (top === 'metadata' || top === 'profile') {
    owner = top === 'metadata' ? 'the provider metadata' : 'the client details';
    tail = [i ?? '', ...rest].filter((k) => k !== '');
  }
  const last = tail[tail.length - 1];
  const parent = tail[tail.length - 2];
  if (isKey) return `${parent === 'params' ? 'a parameter name' : 'a field name'} in ${owner}`;
  return `${owner} ${fieldName(tail, last, parent)}`;
}

function fieldName(tail: Key[], last: Key | undefined, parent: Key | undefined): string {
  if (last === 'url') return 'URL';
  if (last === 'bodyText') return tail.includes('response') || tail.includes('result') ? 'answer body' : 'body';
  if (parent === 'params') return `parameter "${shown(last ?? '')}"`;
  if (parent === 'headers') return `header "${shown(last ?? '')}"`;
  return last !== undefined ? `field "${shown(last)}"` : 'value';
}

function setKeyCut(holder: { [k: string]: Json }, renames: Map<string, string>): void {
  const entries = Object.entries(holder);
  for (const k of Object.keys(holder)) delete holder[k];
  for (const [k, v] of entries) {
    let name = renames.get(k) ?? k;
    while (Object.hasOwn(holder, name)) name += '′';
    setOwn(holder, name, v);
  }
}

/**
 * Cuts the slots in the order given until the total fits; returns the new total and the slots cut.
 * Keys are renamed once per object at the end, keeping the order of its entries.
 */
function cutLargest(found: Slot[], start: number, budget: number): { total: number; cut: Slot[] } {
  let total = start;
  const cut: Slot[] = [];
  const keyCuts = new Map<{ [k: string]: Json }, Map<string, string>>();
  for (const s of found) {
    if (total <= budget) break;
    const old = s.isKey ? String(s.key) : ((s.holder as Record<Key, Json>)[s.key] as string);
    const next = cutString(old);
    total -= utf8Bytes(JSON.stringify(old)) - utf8Bytes(JSON.stringify(next));
    cut.push(s);
    if (!s.isKey) setOwn(s.holder, s.key, next);
    else {
      const h = s.holder as { [k: string]: Json };
      if (!keyCuts.has(h)) keyCuts.set(h, new Map());
      keyCuts.get(h)!.set(old, next);
    }
  }
  for (const [h, renames] of keyCuts) setKeyCut(h, renames);
  return { total, cut };
}

/** Size class: strings within a factor of two are cut newest step first. */
const sizeClass = (n: number) => Math.floor(Math.log2(Math.max(1, n)));

/**
 * The flow as it may be stored: unchanged (the same object) when it fits `budget`, else a cut copy
 * that fits, carrying a notice in flow.capture.notices.
 */
export function fitFlow(flow: Flow, budget = FLOW_BYTES_MAX): FitResult {
  const measured = jsonBytes(flow);
  if (measured !== undefined && measured <= budget) return { flow, before: measured, after: measured };
  // A working copy; the caller's flow is never changed.
  const copy = (measured !== undefined ? JSON.parse(JSON.stringify(flow)) : shallowCopy(flow)) as unknown as Flow;
  const before = measured ?? jsonBytes(copy) ?? 0;
  // Room for the notices the flow then carries, so the cut flow fits the budget itself.
  const target = Math.max(budget / 2, budget - NOTICE_ROOM);
  let total = before;
  const parts: string[] = measured === undefined ? [`values nested deeper than ${MAX_DEPTH} levels`] : [];

  // 1. The largest strings, newest step first among strings of one size class.
  const steps = copy.steps as unknown as Json[];
  const found: Slot[] = [];
  for (let i = steps.length - 1; i >= 0; i--) for (const x of slots(steps[i]!, i, ['steps', i])) found.push(x);
  for (const [k, v] of Object.entries(copy as unknown as Record<string, Json>)) {
    if (k === 'steps') continue;
    if (typeof v === 'string' && v.length > CUT_MIN) found.push({ holder: copy as unknown as Holder, key: k, isKey: false, bytes: utf8Bytes(v), rank: -1, path: [k] });
    else if (v !== null && typeof v === 'object') for (const x of slots(v, -1, [k])) found.push(x);
  }
  found.sort((a, b) => sizeClass(b.bytes) - sizeClass(a.bytes) || b.rank - a.rank || b.bytes - a.bytes);
  const { total: afterCuts, cut } = cutLargest(found, total, target);
  total = afterCuts;
  const cutPlaces = cut.map((s) => ({ place: describePlace(copy, s.path, s.isKey), bytes: s.bytes }));
  const many = cutPlaces.length;
  for (const c of cutPlaces.slice(0, 2)) parts.push(`${c.place} was ${formatBytes(c.bytes)}`);
  if (many > 2) parts.push(`${many - 2} more ${many - 2 === 1 ? 'value' : 'values'}`);

  // 2. Long lists and records inside steps and fields (never the step list itself), largest first.
  // Totals are kept by difference (measuring the whole flow per cut would be quadratic), then the
  // flow is measured once more.
  total = jsonBytes(copy) ?? total;
  if (total > target) {
    let shortened = 0;
    for (const { h, bytes } of containers(copy)) {
      if (total <= target) break;
      if (Array.isArray(h)) h.splice(KEEP_ENTRIES);
      else {
        const keys = Object.keys(h);
        for (const k of keys.slice(KEEP_ENTRIES)) delete h[k];
        h['…'] = `[cut: ${keys.length - KEEP_ENTRIES} more entries]`;
      }
      shortened++;
      total -= Math.max(0, bytes - (jsonBytes(h) ?? bytes));
    }
    if (shortened) parts.push(`${shortened} long ${shortened === 1 ? 'list' : 'lists'} shortened to ${KEEP_ENTRIES} entries`);
    total = jsonBytes(copy) ?? total;
  }

  // 3. Last resort: steps between the first and the newest.
  let left = 0;
  while (total > target && copy.steps.length > 2) {
    const [gone] = copy.steps.splice(1, 1);
    left++;
    total -= (jsonBytes(gone) ?? 0) + 1;
  }
  if (left) parts.push(`${left} ${left === 1 ? 'step' : 'steps'} between the first and the newest left out`);

  const notice = `This flow was cut to fit ${formatBytes(budget)} (it was ${formatBytes(before)}): ${parts.join(', ') || 'long values shortened'}.`;
  if (copy.capture) copy.capture.notices = [...(copy.capture.notices ?? []).filter((n) => n !== notice), notice].slice(-NOTICES_MAX);
  return { flow: copy, before, after: jsonBytes(copy) ?? total, notice };
}

/** Arrays and records with more than KEEP_ENTRIES entries under steps and fields, largest first. */
function containers(flow: Flow): { h: Holder; bytes: number }[] {
  const out: { h: Holder; bytes: number }[] = [];
  const stack: Json[] = [...(flow.steps as unknown as Json[]), ...Object.entries(flow).filter(([k]) => k !== 'steps').map(([, v]) => v as Json)];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const kids = Array.isArray(node) ? node : Object.values(node);
    if (kids.length > KEEP_ENTRIES + 1) out.push({ h: node, bytes: jsonBytes(node) ?? 0 });
    for (const k of kids) if (k !== null && typeof k === 'object') stack.push(k);
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}

/**
 * Any JSON value fitted to a budget by cutting its longest strings (loose provider calls waiting for
 * their flow). Returns the value itself when it fits.
 */
export function fitValue<T>(value: T, budget: number): T {
  const measured = jsonBytes(value);
  if (measured !== undefined && measured <= budget) return value;
  const copy = measured !== undefined ? (JSON.parse(JSON.stringify(value)) as Json) : shallowCopy(value);
  cutLargest(
    slots(copy, 0, []).sort((a, b) => b.bytes - a.bytes),
    measured ?? jsonBytes(copy) ?? 0,
    budget,
  );
  return copy as T;
}
