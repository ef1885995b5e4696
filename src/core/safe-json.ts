/**
 * Showing JSON that a stranger wrote, without letting it kill the page (issue 9, fault-cases.md 32).
 *
 * JSON.parse takes any depth (V8 and SpiderMonkey parse iteratively), but JSON.stringify, structured
 * clone and any recursive walk overflow the stack on a value nested some thousands deep: a 53 KB ID
 * token holding {"a":{"a":...}} 20,000 times blanked the panel. Everything here walks with an explicit
 * stack, never by recursion, and nothing here throws. Values are treated as JSON data (what
 * JSON.parse returns): own enumerable keys, no toJSON.
 */

/** Deeper than this is not shown: no real claim set nests 32 levels (RFC 8693 act chains are short). */
export const JSON_MAX_DEPTH = 32;
/** Larger than this (compact JSON, UTF-8) is not shown: a page of text, enough for any real token. */
export const JSON_MAX_BYTES = 64 * 1024;
/**
 * Counting stops here. A parsed value is never larger than its text, which the recorder caps; this
 * only bounds the work for values built in memory (shared subtrees can stand for astronomic text).
 */
export const MEASURE_STOP_BYTES = 64 * 1024 * 1024;

export interface JsonMeasure {
  /** Nesting of arrays and objects: a scalar is 0, [] and {} are 1, [[1]] is 2; a cycle is Infinity. */
  depth: number;
  /** UTF-8 bytes of the compact JSON text (JSON.stringify without indent), or as far as counted. */
  bytes: number;
  /** False when counting stopped (at the byte limit, or at a value that contains itself): bytes is a floor. */
  complete: boolean;
}

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null;

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const isSkipped = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** UTF-8 bytes of JSON.stringify(s), escapes included (ES2019 well-formed stringify: lone surrogates as \uXXXX). */
export function jsonStringBytes(s: string): number {
  let n = 2; // the quotes
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) n += 2;
    else if (c < 0x20) n += 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

/** The text JSON.stringify gives a scalar (bigint, which it refuses, as its digits). */
function scalarText(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return 'null';
}

const scalarBytes = (v: unknown): number => (typeof v === 'string' ? jsonStringBytes(v) : scalarText(v).length);

/** Marks the end of a container's children on the walk's stack, so its ancestors are known (cycles). */
class Leave {
  constructor(readonly container: object) {}
}

/** Depth and size of a value's JSON, walked with an explicit stack: linear time, no recursion. */
export function measureJson(value: unknown, stopAtBytes: number = MEASURE_STOP_BYTES): JsonMeasure {
  let depth = 0;
  let bytes = 0;
  const open = new Set<object>(); // the containers being walked: meeting one again is a cycle
  const stack: unknown[] = [value];
  const levels: number[] = [0]; // nesting of the container each stacked value sits in
  while (stack.length > 0) {
    if (bytes > stopAtBytes) return { depth, bytes, complete: false };
    const v = stack.pop();
    const level = levels.pop()!;
    if (v instanceof Leave) {
      open.delete(v.container);
      continue;
    }
    if (!isContainer(v)) {
      bytes += scalarBytes(v);
      continue;
    }
    if (open.has(v)) return { depth: Infinity, bytes, complete: false };
    const d = level + 1;
    if (d > depth) depth = d;
    open.add(v);
    stack.push(new Leave(v));
    levels.push(d);
    if (Array.isArray(v)) {
      bytes += 2 + Math.max(0, v.length - 1); // [ ] and commas
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        stack.push(isSkipped(item) ? null : item);
        levels.push(d);
      }
    } else {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => !isSkipped(record[k]));
      bytes += 2 + Math.max(0, keys.length - 1); // { } and commas
      for (const k of keys) {
        bytes += jsonStringBytes(k) + 1; // "key":
        stack.push(record[k]);
        levels.push(d);
      }
    }
  }
  return { depth, bytes, complete: true };
}

/**
 * JSON.stringify(value, null, indent) for JSON data, built with an explicit stack, so any depth is
 * fine. No budget: callers measure first (safeStringify), or accept text as long as the value (Copy).
 * A value that contains itself, or is too large to count, gives undefined.
 */
export function jsonText(value: unknown, indent = 0): string | undefined {
  const m = measureJson(value);
  if (!m.complete) return undefined;
  return write(value, indent);
}

function write(value: unknown, indent: number): string {
  const out: string[] = [];
  const pad = (level: number) => (indent > 0 ? '\n' + ' '.repeat(indent * level) : '');
  const colon = indent > 0 ? ': ' : ':';
  // Each task is text to emit as it is (a string in a box), or a value with its nesting level.
  const stack: ({ text: string } | { value: unknown; level: number })[] = [{ value, level: 0 }];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if ('text' in t) {
      out.push(t.text);
      continue;
    }
    const v = t.value;
    if (!isContainer(v)) {
      out.push(scalarText(v));
      continue;
    }
    const inner = t.level + 1;
    const tasks: ({ text: string } | { value: unknown; level: number })[] = [];
    let open: string;
    let close: string;
    if (Array.isArray(v)) {
      [open, close] = ['[', ']'];
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        tasks.push({ text: (i > 0 ? ',' : '') + pad(inner) }, { value: isSkipped(item) ? null : item, level: inner });
      }
    } else {
      [open, close] = ['{', '}'];
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => !isSkipped(record[k]));
      keys.forEach((k, i) => tasks.push({ text: (i > 0 ? ',' : '') + pad(inner) + JSON.stringify(k) + colon }, { value: record[k], level: inner }));
    }
    out.push(open);
    if (tasks.length === 0) {
      out.push(close);
      continue;
    }
    stack.push({ text: pad(t.level) + close });
    for (let i = tasks.length - 1; i >= 0; i--) stack.push(tasks[i]!);
  }
  return out.join('');
}

export interface JsonBudget {
  maxDepth?: number;
  maxBytes?: number;
  /** Spaces per level, as JSON.stringify's third argument; 0 for compact. */
  indent?: number;
}

export type SafeJson =
  | { ok: true; text: string }
  | { ok: false; reason: 'too-deep' | 'too-large'; depth: number; bytes: number; complete: boolean; message: string };

/** "too deep to show (depth > 32, 100012 bytes)" / "too large to show, 5242880 bytes". */
export function tooBigMessage(reason: 'too-deep' | 'too-large', m: JsonMeasure, maxDepth = JSON_MAX_DEPTH): string {
  const size = `${m.complete ? '' : 'more than '}${m.bytes} bytes`;
  return reason === 'too-deep' ? `too deep to show (depth > ${maxDepth}, ${size})` : `too large to show, ${size}`;
}

/**
 * The JSON text of a value when it fits the budget (depth 32, 64 KB compact by default), else why
 * not, with its depth and size. Never throws; the work is linear in the value.
 */
export function safeStringify(value: unknown, budget: JsonBudget = {}): SafeJson {
  const maxDepth = budget.maxDepth ?? JSON_MAX_DEPTH;
  const maxBytes = budget.maxBytes ?? JSON_MAX_BYTES;
  const m = measureJson(value);
  const reason = m.depth > maxDepth ? 'too-deep' : !m.complete || m.bytes > maxBytes ? 'too-large' : undefined;
  if (reason) return { ok: false, reason, ...m, message: tooBigMessage(reason, m, maxDepth) };
  return { ok: true, text: write(value, budget.indent ?? 0) };
}

/**
 * A value as one line for a table cell or a finding: strings as they are, the rest as compact JSON;
 * either, over the budget, as why not ("too large to show, N bytes"), with fits false.
 */
export function fitJson(value: unknown, budget: JsonBudget = {}): { text: string; fits: boolean } {
  if (typeof value === 'string') {
    const bytes = jsonStringBytes(value) - 2; // a string is shown bare, without JSON's quotes
    return bytes > (budget.maxBytes ?? JSON_MAX_BYTES)
      ? { text: tooBigMessage('too-large', { depth: 0, bytes, complete: true }), fits: false }
      : { text: value, fits: true };
  }
  const s = safeStringify(value, { ...budget, indent: 0 });
  return s.ok ? { text: s.text, fits: true } : { text: s.message, fits: false };
}

/** fitJson's text alone. */
export const jsonOrNote = (value: unknown, budget: JsonBudget = {}): string => fitJson(value, budget).text;
