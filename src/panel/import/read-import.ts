/**
 * A file the person picked or dropped, read for import (issue 13): a Grantscope bundle, or a HAR from
 * any browser's DevTools. Pure: the panel hands in the File's size, name and text.
 *
 * A HAR is recognised and correlated here, in the panel, and its flows sent on as a bundle's text:
 * the worker never does the heavy part (src/background/import-handlers.ts says why). A bundle is
 * checked here too, so a broken file is named at once, and checked again by the worker.
 */
import { BUNDLE_FORMAT, BUNDLE_TEXT_MAX, BUNDLE_VERSION, type Bundle, bundleText, importBundle } from '../../core/export/bundle';
import { HAR_TEXT_MAX, importHar } from '../../core/export/har-import';
import { portable } from '../../core/export/redact-flow';
import { emptyReceipt } from '../../core/export/receipt';
import { sizeText } from '../../core/json-bounds';
import type { Result } from '../../core/result';

/** Every problem the core names, and one for a file that is neither kind. */
export type ImportProblemCode = 'too-large' | 'not-json' | 'truncated' | 'too-deep' | 'not-har' | 'not-bundle' | 'wrong-version' | 'unknown-version' | 'no-oauth' | 'bad-flow' | 'unreadable';

export interface ImportProblem {
  code: ImportProblemCode;
  /** The problem's name in plain words, shown first. */
  title: string;
  message: string;
}

/** The names of the core's problem codes, for people. */
export const PROBLEM_TITLES: Record<ImportProblemCode, string> = {
  'too-large': 'File too large',
  'not-json': 'Not a JSON file',
  truncated: 'File cut short',
  'too-deep': 'File nested too deep',
  'not-har': 'Not a HAR file',
  'not-bundle': 'Neither a Grantscope bundle nor a HAR file',
  'wrong-version': 'HAR version not supported',
  'unknown-version': 'Bundle version not supported',
  'no-oauth': 'No OAuth traffic in the file',
  'bad-flow': 'A flow in the bundle cannot be read',
  unreadable: 'File could not be read',
};

export interface ReadImport {
  kind: 'bundle' | 'har';
  /** What the worker stores: the file itself (a bundle) or the HAR's flows written as one. */
  text: string;
  flows: number;
  /** HAR: entries read and how many were OAuth steps; things left out. */
  notices: string[];
  /** Bundle: false when its author exported secrets (the panel says so). */
  redacted: boolean;
}

export const problem = (code: ImportProblemCode, message: string): { ok: false; error: ImportProblem } => ({ ok: false, error: { code, title: PROBLEM_TITLES[code], message } });

/** The most a file may be before it is read at all: the larger of the two formats' limits. */
export const FILE_BYTES_MAX = Math.max(HAR_TEXT_MAX, BUNDLE_TEXT_MAX);

/** Refused from its size alone, before its text is read into the page. */
export function sizeProblem(name: string, bytes: number): { ok: false; error: ImportProblem } | undefined {
  if (bytes <= FILE_BYTES_MAX) return undefined;
  return problem('too-large', `${name.slice(0, 200)} is ${sizeText(bytes)}, more than the ${sizeText(FILE_BYTES_MAX)} an import reads`);
}

/** A HAR starts with its log (both DevTools write it first); so does a .har file name. */
const looksHar = (text: string, name: string) => /\.har$/i.test(name) || /^\s*\{\s*"log"\s*:/.test(text.slice(0, 200));

export function readImport(text: string, name: string, now = Date.now()): Result<ReadImport, ImportProblem> {
  if (looksHar(text, name)) return readHar(text, name, now);
  const b = importBundle(text, name, now);
  if (b.ok) return { ok: true, value: { kind: 'bundle', text, flows: b.value.flows.length, notices: [], redacted: b.value.bundle.redacted } };
  if (b.error.code !== 'not-bundle') return problem(b.error.code, b.error.message);
  // JSON, but no bundle: perhaps a HAR under another name.
  const h = readHar(text, name, now);
  if (!h.ok && h.error.code === 'not-har') return problem('not-bundle', 'The file is JSON, but neither a Grantscope bundle ("format": "grantscope-bundle") nor a HAR ("log")');
  return h;
}

function readHar(text: string, name: string, now: number): Result<ReadImport, ImportProblem> {
  const r = importHar(text, name, { now });
  if (!r.ok) return problem(r.error.code, r.error.message);
  const { flows, entries, recognised, notices } = r.value;
  // The HAR's own values, not redacted: the person's file, kept as it came, stored only here.
  const bundle: Bundle = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: new Date(now).toISOString(), redacted: false, receipt: emptyReceipt(false), flows: flows.map(portable) };
  const out = bundleText(bundle);
  if (out.length > BUNDLE_TEXT_MAX) return problem('too-large', `The ${flows.length} flows found in ${name.slice(0, 200)} take ${sizeText(out.length)}, more than the ${sizeText(BUNDLE_TEXT_MAX)} an import stores`);
  return { ok: true, value: { kind: 'har', text: out, flows: flows.length, notices: [`${recognised} of ${entries} entries were OAuth steps`, ...notices], redacted: true } };
}
